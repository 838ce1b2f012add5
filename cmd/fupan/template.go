package main

import (
	"context"
	"os"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:  "template",
		Usage: "write the blank review template teams fill",
		Description: `Writes the four-table review template: an instructions sheet, the review facts
(team, period, reviewer), and one sheet per table with its header, input hints,
drop-downs and formats, header rows frozen.

Examples:
  fupan template -o 复盘模板.xlsx
  fupan template -o 復盤範本.xlsx --lang zh-Hant
  fupan template -o review-template.xlsx --lang en

Exit status: 0 written, 1 it could not be written, 2 bad usage.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write the template to `FILE` (.xlsx)"},
			&cli.StringFlag{Name: "lang", Value: "zh-Hans", Usage: "language: zh-Hans, zh-Hant or en"},
		},
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := templateOptionsFrom(c)
			if err != nil {
				return err
			}
			return o.run(c.Context)
		},
	}
}

type templateOptions struct {
	Output string
	Lang   fupan.Lang
}

func templateOptionsFrom(c *cli.Context) (templateOptions, error) {
	lang, ok := fupan.ParseLang(c.String("lang"))
	if !ok {
		return templateOptions{}, usageError("--lang " + c.String("lang") + ": want zh-Hans, zh-Hant or en")
	}
	return templateOptions{Output: c.String("output"), Lang: lang}, nil
}

// run writes the template whole or not at all.
func (o templateOptions) run(ctx context.Context) error {
	if err := batch.WriteAtomic(o.Output, func(f *os.File) error { return xlsx.WriteTemplate(f, o.Lang) }); err != nil {
		return failedErrorf("writing the template: %v", err)
	}
	zerolog.Ctx(ctx).Info().Str("file", o.Output).Str("lang", string(o.Lang)).Msg("template written")
	return nil
}
