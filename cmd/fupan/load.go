package main

import (
	"os"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/secret"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

// reviewFlags are the flags of every command that reads workbooks.
func reviewFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "lang", Usage: "language of messages and labels: zh-Hans, zh-Hant or en (default: the workbook's)"},
		&cli.StringFlag{Name: "team", Usage: "team, where neither the workbook nor its file name says"},
		&cli.StringFlag{Name: "period", Usage: "review period such as 2025Q3, where neither the workbook nor its file name says"},
		&cli.StringFlag{Name: "password-env", Usage: "read password-protected workbooks with the password in environment variable `NAME`"},
		&cli.Int64Flag{Name: "max-file-size", Value: xlsx.DefaultMaxFileSize, Usage: "refuse workbooks larger than `BYTES`"},
		&cli.Int64Flag{Name: "max-unzip-size", Value: xlsx.DefaultMaxUnzipSize, Usage: "refuse workbooks that unzip to more than `BYTES`"},
		&cli.StringFlag{Name: "as-of", Usage: "judge and date the review as of `DATE` (2025-10-08): overdue actions, the report's date; for reproducible reports (default: today)"},
		&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default: /etc/fupan/fupan.yaml, else fupan.yaml in the working directory)"},
	}
}

func analyzeOptions(c *cli.Context) (fupan.Options, error) {
	loc, err := location(c)
	if err != nil {
		return fupan.Options{}, err
	}
	opts := fupan.Options{Team: c.String("team"), Period: c.String("period"), Now: time.Now().In(loc)}
	if s := c.String("as-of"); s != "" {
		day, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return opts, usageError("--as-of " + s + ": want a date such as 2025-10-08")
		}
		opts.Now = day.Add(12 * time.Hour) // midday: the same date in any zone nearby
	}
	if s := c.String("lang"); s != "" {
		l, ok := fupan.ParseLang(s)
		if !ok {
			return opts, usageError("--lang " + s + ": want zh-Hans, zh-Hant or en")
		}
		opts.Lang = l
	}
	if p := opts.Period; p != "" {
		if _, err := fupan.ParsePeriodStrict(p); err != nil {
			return opts, usageError("--period: " + err.Error())
		}
	}
	return opts, nil
}

// readerOptions are the workbook limits and password: the flags, else the
// workbooks: section of the config file, else the defaults.
func readerOptions(c *cli.Context) (xlsx.Options, error) {
	o := xlsx.Options{MaxFileSize: c.Int64("max-file-size"), MaxUnzipSize: c.Int64("max-unzip-size")}
	passwordEnv := c.String("password-env")
	fc, _, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return o, err
	}
	w := fc.Workbooks
	if !c.IsSet("max-file-size") && w.MaxFileSize > 0 {
		o.MaxFileSize = w.MaxFileSize
	}
	if !c.IsSet("max-unzip-size") && w.MaxUnzipSize > 0 {
		o.MaxUnzipSize = w.MaxUnzipSize
	}
	o.MaxXMLSize, o.MaxCells, o.MaxCellText, o.MaxText = w.MaxPartSize, w.MaxCells, w.MaxCellText, w.MaxText
	if passwordEnv == "" {
		passwordEnv = w.PasswordEnv
	}
	if passwordEnv != "" {
		// Without it, protected workbooks fail as file-encrypted; others are read.
		pw, err := secret.FromEnv(os.LookupEnv, passwordEnv, "password_env")
		if err != nil {
			zerolog.Ctx(c.Context).Warn().Str("reason", err.Error()).Msg("no password for protected workbooks")
		}
		o.Password = pw
	}
	return o, nil
}

// settingsFrom gathers what processing a workbook needs from the flags.
func settingsFrom(c *cli.Context) (batch.Settings, error) {
	opts, err := analyzeOptions(c)
	if err != nil {
		return batch.Settings{}, err
	}
	ro, err := readerOptions(c)
	if err != nil {
		return batch.Settings{}, err
	}
	s := batch.Settings{Reader: ro, Analyze: opts}
	if c.IsSet("font") {
		if s.Font, err = fontOption(c); err != nil {
			return s, err
		}
	}
	if s.Font, err = s.Font.Ready(); err != nil {
		return s, failedError(err.Error())
	}
	return s, nil
}

// reviewPipeline is the batch's path of one workbook for the commands that
// show a review (inspect, validate, next): read, analyse, and compared with
// the history where one is given.
func reviewPipeline(opts fupan.Options, ro xlsx.Options, h fupan.History, id fupan.Identity) batch.Pipeline {
	p := batch.Pipeline{Settings: batch.Settings{Reader: ro, Analyze: opts}, Identity: id}
	if h != nil {
		p.Compare = h
	}
	return p
}
