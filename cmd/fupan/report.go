package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write the reviewed workbook and the PDF report of one workbook",
		ArgsUsage: "FILE",
		Description: `Reads one workbook and writes into DIR:
  <name>.reviewed.xlsx  the workbook with 达成率 and 偏差率 filled and coloured,
                        notes where the team's own value differs, and a
                        复盘结论 (review conclusion) sheet
  <name>.pdf            the report 《策略复盘报告》 for leadership
The input file is never changed. A workbook with errors gets no report: its
findings are printed instead (see fupan validate).

Examples:
  fupan report 华东销售部_2025Q3.xlsx -o 报告/
  fupan report 华东销售部_2025Q3.xlsx -o out --lang en

Exit status: 0 written, 1 the workbook has errors or could not be written, 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write into `DIR`"},
			fontFlag(),
		), historyFlags()...),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("report takes one FILE", exitBadUsage)
			}
			src := c.Args().First()
			settings, err := settingsFrom(c)
			if err != nil {
				return err
			}
			data, err := xlsx.ReadInput(nil, src, settings.Reader.MaxFileSize)
			var fe *xlsx.FileError
			if errors.As(err, &fe) {
				lang := settings.Analyze.Lang
				if lang == "" {
					lang = fupan.Simplified
				}
				printFindings(c.App.ErrWriter, lang, []fupan.Finding{fe.Finding(lang)})
				return cli.Exit(fmt.Sprintf("%s cannot be read: no report written", src), exitFailed)
			}
			if err != nil {
				return cli.Exit(err.Error(), exitFailed)
			}
			rv, source, err := batch.LoadSource(c.Context, settings, src, data)
			if err != nil {
				return cli.Exit(err.Error(), exitFailed)
			}
			if rv.HasErrors() {
				printFindings(c.App.ErrWriter, rv.Meta.Lang, rv.Findings)
				return cli.Exit(fmt.Sprintf("%s has errors: no report written", src), exitFailed)
			}
			id, err := identity(c)
			if err != nil {
				return err
			}
			db, problem, err := openHistory(c, c.String("output"), historyRecord)
			if err != nil {
				return err
			}
			if db != nil {
				defer func() { _ = db.Close() }()
				if err := compareWithHistory(c, db, id, rv); err != nil {
					problem = err
				}
			}
			base := filepath.Join(c.String("output"), batch.OutputBase(filepath.Base(src)))
			outs, err := batch.Report(c.Context, settings, rv, source, base, filepath.Ext(src))
			if err != nil {
				return cli.Exit(err.Error(), exitFailed)
			}
			zerolog.Ctx(c.Context).Info().Str("reviewed", outs.Reviewed).Str("pdf", outs.PDF).Msg("report written")
			fmt.Fprintln(c.App.Writer, printable(outs.Reviewed))
			fmt.Fprintln(c.App.Writer, printable(outs.PDF))
			if db != nil && problem == nil {
				sum := sha256.Sum256(data)
				problem = db.Record(c.Context, sqlite.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), SHA256: hex.EncodeToString(sum[:]),
					MetricKey: id.MetricKey, RecordedAt: settings.Now, Version: version})
			}
			if problem != nil {
				return cli.Exit(fmt.Sprintf("the report is written, but the review history was not updated: %v", problem), exitFailed)
			}
			return nil
		},
	}
}

func fontFlag() cli.Flag {
	return &cli.StringFlag{Name: "font", Usage: "draw PDFs with the TrueType font `FILE` (.ttf, or .ttc with :N for face N; default: the embedded WenQuanYi Micro Hei)"}
}

// fontOption loads --font, or the embedded font when it is not given.
func fontOption(c *cli.Context) (pdf.Font, error) {
	path := c.String("font")
	if path == "" {
		return pdf.Font{}, nil
	}
	f, err := pdf.LoadFont(path)
	if err != nil {
		return f, cli.Exit(err.Error(), exitBadUsage)
	}
	return f, nil
}
