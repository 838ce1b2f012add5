// Command fupan reads strategy review (复盘) workbooks, checks them, computes
// their figures and writes the reviewed workbook and the PDF report.
//
// Exit status: 0 all good; 1 a workbook has errors or failed; 2 bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit statuses, documented in the README.
const (
	exitOK       = 0
	exitFailed   = 1
	exitBadUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it with their own arguments and
// writers.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	return exitStatus(app.RunContext(ctx, interspersed(app, args)), stderr)
}

// exitStatus is the one place an error becomes an exit status (see
// exit.go): it prints the error, unless silent, and returns its status.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	silent := errors.Is(err, errSilent)
	if msg := err.Error(); !silent && msg != "" {
		fmt.Fprintln(stderr, "fupan:", msg)
	}
	var ec cli.ExitCoder
	switch {
	case errors.As(err, &ec) && ec.ExitCode() == 3: // urfave/cli's code for an unknown command
		return exitBadUsage
	case errors.As(err, &ec):
		return ec.ExitCode()
	case silent:
		return exitFailed
	}
	// Commands report their own failures as exit codes; what reaches here
	// unwrapped is urfave/cli's word on the command line (a required flag
	// missing), which is bad usage.
	return exitBadUsage
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "fupan",
		Usage:   "check strategy review (复盘) workbooks and write their reports",
		Version: currentBuild().versionLine(),
		Description: `fupan reads the four-table review template teams fill (plan, progress
tracking, outcome review, follow-up actions), checks it cell by cell, computes
achievement and deviation, and writes the reviewed workbook and a PDF report.

Examples:
  fupan run /mnt/复盘/2025-09 -o 报告/2025-09  the monthly job over a folder
  fupan run samples -o out --mail              …and mail the PDFs (see fupan help mail)
  fupan validate 华东销售部_2025Q3.xlsx        what is wrong, cell by cell
  fupan report 华东销售部_2025Q3.xlsx -o out   one workbook's reviewed copy and PDF
  fupan inspect 华东销售部_2025Q3.xlsx --json  the parsed and computed review
  fupan template -o 复盘模板.xlsx --lang zh-Hans

Exit status: 0 all good, 1 a workbook has errors or failed, 2 bad usage.`,
		Writer:    stdout,
		ErrWriter: stderr,
		// The config file is read once per invocation (configs).
		Metadata: map[string]any{configsKey: &configs{}},
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-format", Value: "auto", Usage: "logs as `FORMAT`: auto (readable on a terminal, JSON otherwise), console or json"},
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "least `LEVEL` logged: debug, info, warn, error"},
		},
		Before: func(c *cli.Context) error {
			lg, err := newLogger(stderr, c.String("log-format"), c.String("log-level"))
			if err != nil {
				return usageError(err.Error())
			}
			c.Context = lg.WithContext(c.Context)
			return nil
		},
		OnUsageError: onUsageError,
		Commands: []*cli.Command{
			inspectCommand(),
			validateCommand(),
			templateCommand(),
			reportCommand(),
			runCommand(),
			watchCommand(),
			mailCommand(),
			historyCommand(),
			notifyCommand(),
			remindCommand(),
			nextCommand(),
			lessonsCommand(),
			actionsCommand(),
			serveCommand(),
			versionCommand(),
			doctorCommand(),
			serviceCommand(),
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() reports and exits
	}
}

func onUsageError(_ *cli.Context, err error, _ bool) error {
	return usageError(err.Error())
}

// newLogger makes the zerolog logger: readable on a terminal, JSON lines
// otherwise or when asked.
func newLogger(w io.Writer, format, level string) (zerolog.Logger, error) {
	lvl, err := zerolog.ParseLevel(level)
	if err != nil {
		return zerolog.Logger{}, fmt.Errorf("--log-level %q: %w", level, err)
	}
	var out io.Writer
	switch format {
	case "json":
		out = w
	case "console":
		out = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
	case "auto", "":
		out = w
		if isTerminal(w) {
			out = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
		}
	default:
		return zerolog.Logger{}, fmt.Errorf("--log-format %q: want auto, console or json", format)
	}
	// Workers log side by side: one event is written whole before the next.
	return zerolog.New(zerolog.SyncWriter(out)).Level(lvl).With().Timestamp().Logger(), nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
