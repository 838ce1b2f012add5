package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
)

// defaultServiceName is the Windows service's name unless --name gives one
// (a second service, serve beside watch, needs its own).
const defaultServiceName = "fupan"

// isServiceCommand tells the commands a service may run: the long-lived ones.
func isServiceCommand(s string) bool { return s == "watch" || s == "serve" }

func serviceCommand() *cli.Command {
	// The subcommands read their line by hand (parseServiceArgs): the
	// command after them has flags of its own. Only --help is cli's.
	action := func(name string) cli.ActionFunc {
		return func(c *cli.Context) error {
			if a := c.Args().First(); a == "-h" || a == "--help" {
				return cli.ShowSubcommandHelp(c)
			}
			return serviceAction(c, name, c.Args().Slice())
		}
	}
	raw := func(name, usage, args string) *cli.Command {
		return &cli.Command{Name: name, Usage: usage, ArgsUsage: args, SkipFlagParsing: true, Action: action(name)}
	}
	plain := func(name, usage string) *cli.Command {
		return &cli.Command{Name: name, Usage: usage, ArgsUsage: "[--name NAME]", SkipFlagParsing: true, Action: action(name)}
	}
	return &cli.Command{
		Name:  "service",
		Usage: "run fupan watch or serve as a Windows service",
		Description: `On Windows, installs fupan as a service that runs watch (or serve) with the
arguments given, started with the system, as LocalSystem unless changed in
services.msc. Stop from the service manager cancels the run in progress as
Ctrl-C or SIGTERM does: its summary is written, nothing is left half done.
The service logs to %ProgramData%\fupan\logs\NAME.log. Install, uninstall,
start and stop need an administrator's prompt. On Linux the packages' systemd
units do this (docs/install.md).

Examples:
  fupan service install watch D:\复盘\incoming -o D:\复盘\reports --config C:\ProgramData\fupan\fupan.yaml
  fupan service install --name fupan-serve serve --config C:\ProgramData\fupan\fupan.yaml
  fupan service start
  fupan service stop --name fupan-serve
  fupan service uninstall

Exit status: 0 done, 1 the service manager refused, 2 bad usage (or not Windows).`,
		Subcommands: []*cli.Command{
			raw("install", "install the service: fupan service install [--name NAME] watch|serve ARGS…", "[--name NAME] COMMAND [ARGS…]"),
			plain("uninstall", "remove the service"),
			plain("start", "start the service"),
			plain("stop", "stop the service, cancelling the run in progress"),
			raw("run", "what the service manager starts (not for a prompt)", "[--name NAME] COMMAND [ARGS…]"),
		},
	}
}

// serviceArgs is a service subcommand's line: the service's name, and for
// install and run the fupan command it runs.
type serviceArgs struct {
	Name    string
	Command []string // watch DIR -o OUT …
}

// parseServiceArgs reads [--name NAME] and, where the action takes one, the
// command: the subcommand's flags are read by hand, as the command after
// them has its own (-o) that are not the service's.
func parseServiceArgs(action string, args []string) (serviceArgs, error) {
	sa := serviceArgs{Name: defaultServiceName}
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--name" || a == "-name":
			if len(args) < 2 || args[1] == "" {
				return sa, errors.New("--name needs a NAME")
			}
			sa.Name, args = args[1], args[2:]
			continue
		case strings.HasPrefix(a, "--name="):
			sa.Name, args = strings.TrimPrefix(a, "--name="), args[1:]
			continue
		case a == "--":
			args = args[1:]
		}
		break
	}
	if sa.Name == "" || strings.ContainsAny(sa.Name, `/\ "`) {
		return sa, fmt.Errorf("--name %q: a service name has no spaces, quotes or slashes", sa.Name)
	}
	takesCommand := action == "install" || action == "run"
	switch {
	case takesCommand && len(args) == 0:
		return sa, fmt.Errorf("service %s: name the command to run: watch DIR -o OUT, or serve", action)
	case takesCommand && !isServiceCommand(args[0]):
		return sa, fmt.Errorf("service %s %s: a service runs watch or serve, which keep going; run and remind are for the Task Scheduler", action, args[0])
	case !takesCommand && len(args) > 0:
		return sa, fmt.Errorf("service %s takes only --name, not %q", action, args[0])
	}
	sa.Command = args
	return sa, nil
}

// runUntilStopped runs work under a context that stop cancels — the service
// manager's Stop or Shutdown, as SIGTERM cancels main's — and waits for it
// to finish, at most wait after the stop. It returns work's exit code, or
// exitFailed when work did not finish in time.
func runUntilStopped(parent context.Context, stop <-chan struct{}, wait time.Duration, work func(ctx context.Context) int) int {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- work(ctx) }()
	select {
	case code := <-done:
		return code
	case <-stop:
		cancel()
	}
	select {
	case code := <-done:
		return code
	case <-time.After(wait):
		return exitFailed
	}
}
