package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check workbooks and say what is wrong, cell by cell",
		ArgsUsage: "PATH...",
		Description: `Checks each workbook (files, or every .xlsx and .xlsm in a folder) and lists
its findings grouped by sheet, each with its cell, a message in the
workbook's language and what to do. --strict counts warnings as errors.
--json prints one object per file: {"file", "lang", "errors", "warnings",
"infos", "findings": [{"severity", "code", "sheet", "cell", "message", "hint"}]};
with --history, the key figures against the team's previous period as well
(JSON: "previous").

Examples:
  fupan validate 华东销售部_2025Q3.xlsx
  fupan validate --strict 复盘/
  fupan validate --json 复盘/*.xlsx

Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.BoolFlag{Name: "json", Usage: "print JSON, one object per file"},
			&cli.BoolFlag{Name: "strict", Usage: "count warnings as errors"},
		), historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			softMemoryLimit(readOnlyMemory)
			o, err := validateOptionsFrom(c)
			if err != nil {
				return err
			}
			if o.History != nil {
				defer func() { _ = o.History.Close() }()
			}
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// validateOptions are what fupan validate checks, read from its flags.
type validateOptions struct {
	Files    []string
	Analyze  fupan.Options
	Reader   xlsx.Options
	Strict   bool
	JSON     bool
	History  fupan.History // nil: no comparison
	Identity fupan.Identity
}

func validateOptionsFrom(c *cli.Context) (validateOptions, error) {
	if c.NArg() == 0 {
		return validateOptions{}, usageError("validate takes at least one PATH")
	}
	o := validateOptions{Strict: c.Bool("strict"), JSON: c.Bool("json")}
	var err error
	if o.Analyze, err = analyzeOptions(c); err != nil {
		return o, err
	}
	if o.Files, err = expandPaths(c.Args().Slice()); err != nil {
		return o, usageError(err.Error())
	}
	if o.Reader, err = readerOptions(c); err != nil {
		return o, err
	}
	hist, problem, err := openHistory(c, "", historyRead)
	if err != nil {
		return o, err
	}
	if problem != nil {
		return o, failedError(problem.Error())
	}
	if hist != nil {
		o.History = hist
		if o.Identity, err = identity(c); err != nil {
			_ = hist.Close()
			return o, err
		}
	}
	return o, nil
}

// run checks every file and prints the findings; exit 1 where one has errors
// (or warnings, with --strict).
func (o validateOptions) run(ctx context.Context, w io.Writer) error {
	var results []fileResult
	failed := false
	p := reviewPipeline(o.Analyze, o.Reader, o.History, o.Identity)
	for _, path := range o.Files {
		rv, err := p.Review(ctx, path, path)
		if err != nil {
			return failedError(err.Error())
		}
		res := newFileResult(path, rv, o.Strict)
		failed = failed || res.Errors > 0
		results = append(results, res)
	}
	if o.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return failedError(err.Error())
		}
	} else {
		for _, r := range results {
			printFileResult(w, r)
		}
	}
	if failed {
		return errSilent
	}
	return nil
}

// fileResult is one file's validation, as --json prints it.
type fileResult struct {
	File     string          `json:"file"`
	Lang     fupan.Lang      `json:"lang"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Infos    int             `json:"infos"`
	Findings []fupan.Finding `json:"findings"`
	// Previous is the team's previous period, where a history is given.
	Previous *fupan.Previous `json:"previous,omitempty"`
	change   string
}

func newFileResult(path string, rv *fupan.Review, strict bool) fileResult {
	fs := rv.Findings
	if strict {
		fs = fupan.Strict(fs)
	}
	r := fileResult{File: path, Lang: rv.Meta.Lang, Findings: fs}
	if rv.Compared != nil {
		r.Previous, r.change = rv.Compared.Previous, wording.ChangeLine(rv, rv.Meta.Lang)
	}
	for _, f := range fs {
		switch f.Severity {
		case fupan.SevError:
			r.Errors++
		case fupan.SevWarning:
			r.Warnings++
		default:
			r.Infos++
		}
	}
	return r
}

func printFileResult(w io.Writer, r fileResult) {
	l := r.Lang
	verdict := catalog.T(l, "file.ok")
	if r.Errors > 0 {
		verdict = catalog.T(l, "file.bad")
	}
	sep, open, closing := ", ", " (", ")"
	if l != fupan.English {
		sep, open, closing = "，", "（", "）"
	}
	fmt.Fprintf(w, "%s: %s%s%s%s%s%s%s%s\n", printable(r.File),
		wording.Count(l, "count.errors", r.Errors), sep,
		wording.Count(l, "count.warnings", r.Warnings), sep,
		wording.Count(l, "count.infos", r.Infos), open, verdict, closing)
	if r.change != "" {
		fmt.Fprintln(w, "  "+r.change)
	}
	printFindings(w, l, r.Findings)
}

// expandPaths turns files and folders into the workbooks to read: a folder
// gives its .xlsx and .xlsm files (not Excel's ~$ lock files or hidden ones).
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		for _, e := range entries {
			name := e.Name()
			ext := strings.ToLower(filepath.Ext(name))
			if e.IsDir() || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") || (ext != ".xlsx" && ext != ".xlsm") {
				continue
			}
			out = append(out, filepath.Join(a, name))
		}
	}
	return out, nil
}
