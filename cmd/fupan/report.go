package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fupan-review/fupan/pdf"
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
The input file is never changed.

Examples:
  fupan report 华东销售部_2025Q3.xlsx -o 报告/
  fupan report 华东销售部_2025Q3.xlsx -o out --lang en

Exit status: 0 written, 1 the workbook has errors or could not be written, 2 bad usage.`,
		Flags: append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write into `DIR`"},
			&cli.StringFlag{Name: "font", Usage: "draw the PDF with the TrueType font `FILE.ttf` (default: the embedded WenQuanYi Micro Hei)"},
		),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("report takes one FILE", exitBadUsage)
			}
			src := c.Args().First()
			opts, err := analyzeOptions(c)
			if err != nil {
				return err
			}
			rv, err := loadReview(c.Context, src, opts, readerOptions(c))
			if err != nil {
				return cli.Exit(err.Error(), exitFailed)
			}
			log := zerolog.Ctx(c.Context)
			if rv.HasErrors() {
				printFindings(c.App.ErrWriter, rv.Meta.Lang, rv.Findings)
				return cli.Exit(fmt.Sprintf("%s has errors: no report written", src), exitFailed)
			}
			font, err := fontOption(c)
			if err != nil {
				return err
			}
			dir := c.String("output")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return cli.Exit(err.Error(), exitFailed)
			}
			base := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
			out := filepath.Join(dir, base+".reviewed.xlsx")
			err = writeAtomically(out, func(tmp string) error {
				fh, err := os.Create(tmp)
				if err != nil {
					return err
				}
				werr := xlsx.WriteReviewed(c.Context, fh, src, rv, xlsx.ReviewedOptions{Reader: readerOptions(c), Now: time.Now(), Lang: opts.Lang})
				if cerr := fh.Close(); werr == nil {
					werr = cerr
				}
				return werr
			})
			if err != nil {
				return cli.Exit(fmt.Sprintf("writing %s: %v", out, err), exitFailed)
			}
			log.Info().Str("file", out).Msg("reviewed workbook written")
			fmt.Fprintln(c.App.Writer, out)

			pdfOut := filepath.Join(dir, base+".pdf")
			err = writeAtomically(pdfOut, func(tmp string) error {
				fh, err := os.Create(tmp)
				if err != nil {
					return err
				}
				werr := pdf.WriteReport(fh, rv, pdf.Options{Font: font, Lang: opts.Lang, Now: time.Now()})
				if cerr := fh.Close(); werr == nil {
					werr = cerr
				}
				return werr
			})
			if err != nil {
				return cli.Exit(fmt.Sprintf("writing %s: %v", pdfOut, err), exitFailed)
			}
			log.Info().Str("file", pdfOut).Msg("report written")
			fmt.Fprintln(c.App.Writer, pdfOut)
			return nil
		},
	}
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
