package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
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
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			softMemoryLimit(readOnlyMemory)
			if c.NArg() == 0 {
				return cli.Exit("validate takes at least one PATH", exitBadUsage)
			}
			opts, err := analyzeOptions(c)
			if err != nil {
				return err
			}
			files, err := expandPaths(c.Args().Slice())
			if err != nil {
				return cli.Exit(err.Error(), exitBadUsage)
			}
			ro, err := readerOptions(c)
			if err != nil {
				return err
			}
			hist, problem, err := openHistory(c, "", historyRead)
			if err != nil {
				return err
			}
			if problem != nil {
				return cli.Exit(problem.Error(), exitFailed)
			}
			var id fupan.Identity
			if hist != nil {
				defer func() { _ = hist.Close() }()
				if id, err = identity(c); err != nil {
					return err
				}
			}
			var results []fileResult
			failed := false
			for _, path := range files {
				rv, err := loadReview(c.Context, path, opts, ro)
				if err != nil {
					return cli.Exit(err.Error(), exitFailed)
				}
				if hist != nil {
					if err := compareWithHistory(c.Context, hist, id, rv); err != nil {
						return cli.Exit(err.Error(), exitFailed)
					}
				}
				res := newFileResult(path, rv, c.Bool("strict"))
				failed = failed || res.Errors > 0
				results = append(results, res)
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				if err := enc.Encode(results); err != nil {
					return cli.Exit(err.Error(), exitFailed)
				}
			} else {
				for _, r := range results {
					printFileResult(c.App.Writer, r)
				}
			}
			if failed {
				return cli.Exit("", exitFailed)
			}
			return nil
		},
	}
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
		r.Previous, r.change = rv.Compared.Previous, templates.ChangeLine(rv, rv.Meta.Lang)
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
	verdict := templates.L(l, "file.ok")
	if r.Errors > 0 {
		verdict = templates.L(l, "file.bad")
	}
	sep, open, closing := ", ", " (", ")"
	if l != fupan.English {
		sep, open, closing = "，", "（", "）"
	}
	fmt.Fprintf(w, "%s: %s%s%s%s%s%s%s%s\n", printable(r.File),
		templates.Count(l, "count.errors", r.Errors), sep,
		templates.Count(l, "count.warnings", r.Warnings), sep,
		templates.Count(l, "count.infos", r.Infos), open, verdict, closing)
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
