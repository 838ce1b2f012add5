package main

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/urfave/cli/v2"
)

// main alone turns an error into an exit status: bad usage 2, a failure 1,
// a silent failure 1 with nothing printed (its findings are out already),
// urfave/cli's unknown command 2, anything else 2; wrapping keeps the status.
func TestExitStatus(t *testing.T) {
	for _, c := range []struct {
		err   error
		code  int
		print string
	}{
		{nil, exitOK, ""},
		{usageError("report takes one FILE"), exitBadUsage, "fupan: report takes one FILE\n"},
		{usageErrorf("--as-of %q: no date", "x"), exitBadUsage, "fupan: --as-of \"x\": no date\n"},
		{failedError("the mail was not sent"), exitFailed, "fupan: the mail was not sent\n"},
		{fmt.Errorf("deliver: %w", failedError("down")), exitFailed, "fupan: deliver: down\n"},
		{errSilent, exitFailed, ""},
		{withCode(exitBadUsage, errSilent), exitBadUsage, ""},
		{cli.Exit("No help topic for 'x'", 3), exitBadUsage, "fupan: No help topic for 'x'\n"},
		{errors.New("flag provided but not defined: -x"), exitBadUsage, "fupan: flag provided but not defined: -x\n"},
	} {
		var buf bytes.Buffer
		if got := exitStatus(c.err, &buf); got != c.code || buf.String() != c.print {
			t.Errorf("%v: exit %d printing %q, want %d printing %q", c.err, got, buf.String(), c.code, c.print)
		}
	}
}
