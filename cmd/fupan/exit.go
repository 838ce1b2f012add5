package main

import (
	"errors"
	"fmt"
)

// Run functions say what went wrong with these; main (exitStatus) alone
// turns them into an exit status, so a function that calls another (run
// delivering by mail) decides on the error's kind, never on its text.

// exitError is an error with the exit status it ends the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// ExitCode makes it a cli.ExitCoder, the status urfave/cli's own errors
// carry, so exitStatus reads both the same way.
func (e *exitError) ExitCode() int { return e.code }

// errSilent is a failure already told (the findings printed, the summary
// written): main prints nothing more and exits 1 — the GitHub CLI's
// cmdutil.SilentError.
var errSilent = errors.New("failed, and said so already")

// usageError is bad usage (exit 2): a flag, an argument or the config.
func usageError(msg string) error {
	return &exitError{code: exitBadUsage, err: errors.New(msg)}
}

func usageErrorf(format string, a ...any) error {
	return &exitError{code: exitBadUsage, err: fmt.Errorf(format, a...)}
}

// failedError is a failure of the work itself (exit 1).
func failedError(msg string) error {
	return &exitError{code: exitFailed, err: errors.New(msg)}
}

func failedErrorf(format string, a ...any) error {
	return &exitError{code: exitFailed, err: fmt.Errorf(format, a...)}
}

// withCode gives err the status code, for a status computed at run time
// (the worst of mail's and notify's).
func withCode(code int, err error) error {
	return &exitError{code: code, err: err}
}
