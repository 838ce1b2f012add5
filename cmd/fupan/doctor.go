package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fupan-review/fupan/catalog"
	"github.com/urfave/cli/v2"
)

func doctorCommand() *cli.Command {
	return &cli.Command{
		Name:      "doctor",
		Usage:     "check that everything a monthly run needs is in place",
		ArgsUsage: "[DIR]",
		Description: `Checks, before the first run, what fupan run and watch will need, and says for
each check ok, warning or failure, and what to do: the config file (found where,
owned by the operator, writable by nobody else), the input folder DIR (readable;
a network share is fine) and OUT (writable, not inside DIR), the history (opens,
its schema, size and last review, not on a network file system, not inside DIR)
and the age of its backup, the PDF font, the mail server (connects, TLS, logs in),
each group robot (its webhook's variable set), the time zone and the clock.

Nothing is sent unless --send-test: then a test mail goes to mail.to and each
robot posts a test message. --offline does not contact the mail server.
The texts are in --lang, else the language of $LANG, else Simplified Chinese.

Examples:
  fupan doctor /srv/复盘/incoming -o /srv/复盘/reports
  fupan doctor --config /etc/fupan/fupan.yaml /srv/复盘/incoming -o /srv/复盘/reports --json
  sudo -u fupan fupan doctor --send-test /srv/复盘/incoming -o /srv/复盘/reports

Exit status: 0 nothing failed (warnings allowed, unless --strict), 1 a check
failed, 2 bad usage.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default: " + systemConfig + ", else fupan.yaml in the working directory)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "the reports' folder `OUT`, as fupan run takes it"},
			&cli.StringFlag{Name: "history", Usage: "the review history `FILE` (default: history: in the config, else " + defaultHistory + " beside OUT)"},
			&cli.BoolFlag{Name: "no-history", Usage: "the runs keep no history: do not check one"},
			fontFlag(),
			&cli.StringFlag{Name: "lang", Usage: "language of the answer: zh-Hans, zh-Hant or en (default: from $LANG)"},
			&cli.BoolFlag{Name: "offline", Usage: "do not contact the mail server"},
			&cli.BoolFlag{Name: "send-test", Usage: "send a test mail to mail.to and post a test message with each robot"},
			&cli.BoolFlag{Name: "strict", Usage: "exit 1 on warnings too"},
			&cli.BoolFlag{Name: "json", Usage: "print the checks as a JSON object"},
		},
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := doctorOptionsFrom(c)
			if err != nil {
				return err
			}
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// doctorOptions is what the checks look at; tests fill it directly.
type doctorOptions struct {
	Lang      catalog.Lang
	Config    string // --config; "" to look where run looks
	Input     string
	Output    string
	History   string
	NoHistory bool
	Font      string
	Offline   bool
	SendTest  bool
	Strict    bool
	JSON      bool
	Getenv    func(string) (string, bool)
	Now       func() time.Time
	Built     string // the build's date (RFC 3339), the clock's floor; "" for this binary's
}

func doctorOptionsFrom(c *cli.Context) (doctorOptions, error) {
	if c.NArg() > 1 {
		return doctorOptions{}, usageError("doctor takes at most one DIR")
	}
	o := doctorOptions{Config: c.String("config"), Input: c.Args().First(), Output: c.String("output"),
		History: c.String("history"), NoHistory: c.Bool("no-history"), Font: c.String("font"),
		Offline: c.Bool("offline"), SendTest: c.Bool("send-test"), Strict: c.Bool("strict"), JSON: c.Bool("json"),
		Getenv: os.LookupEnv, Now: time.Now}
	if s := c.String("lang"); s != "" {
		l, ok := catalog.ParseLang(s)
		if !ok {
			return o, usageErrorf("--lang %q: want zh-Hans, zh-Hant or en", s)
		}
		o.Lang = l
	} else {
		o.Lang = operatorLang(os.LookupEnv)
	}
	return o, nil
}

// operatorLang reads the operator's language from the locale's variables:
// zh_TW and zh_HK are Traditional, other zh Simplified, anything else
// English; with no locale at all, Simplified, as the teams write.
func operatorLang(getenv func(string) (string, bool)) catalog.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v, _ := getenv(k)
		v = strings.ToLower(v)
		switch {
		case v == "" || v == "c" || v == "posix" || strings.HasPrefix(v, "c."):
			continue
		case strings.HasPrefix(v, "zh_tw"), strings.HasPrefix(v, "zh_hk"), strings.HasPrefix(v, "zh_mo"), strings.Contains(v, "hant"):
			return catalog.Traditional
		case strings.HasPrefix(v, "zh"):
			return catalog.Simplified
		default:
			return catalog.English
		}
	}
	return catalog.Simplified
}

// The outcome of a check.
const (
	statusOK      = "ok"
	statusWarning = "warning"
	statusFail    = "fail"
	statusSkipped = "skipped"
)

// checkResult is one check as printed and as --json writes it.
type checkResult struct {
	Check   string `json:"check"`  // config, input, output, history, backup, font, smtp, robot, timezone, clock
	Status  string `json:"status"` // ok, warning, fail, skipped
	Title   string `json:"title"`  // the check's name in the operator's language
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
}

// doctorReport is every check, and their tally.
type doctorReport struct {
	Checks   []checkResult `json:"checks"`
	OK       int           `json:"ok"`
	Warnings int           `json:"warnings"`
	Failures int           `json:"failures"`
}

func (o doctorOptions) run(ctx context.Context, w io.Writer) error {
	rep := o.check(ctx)
	if o.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		o.print(w, rep)
	}
	if rep.Failures > 0 || o.Strict && rep.Warnings > 0 {
		return errSilent
	}
	return nil
}

func (o doctorOptions) print(w io.Writer, rep doctorReport) {
	var rows [][]string
	for _, c := range rep.Checks {
		rows = append(rows, []string{catalog.T(o.Lang, "doctor.status."+c.Status), c.Title, printable(c.Message)})
		if c.Fix != "" {
			rows = append(rows, []string{"", "", catalog.F(o.Lang, "doctor.fix", c.Fix)})
		}
	}
	printColumns(w, rows)
	fmt.Fprintln(w, catalog.F(o.Lang, "doctor.summary", rep.OK, rep.Warnings, rep.Failures))
}

// check runs every check in order; each says what it found, none stops the
// others.
func (o doctorOptions) check(ctx context.Context) doctorReport {
	if o.Getenv == nil {
		o.Getenv = os.LookupEnv
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Built == "" {
		o.Built = currentBuild().BuildDate
	}
	d := &doctor{o: o}
	fc, cfgPath, cfgOK := d.checkConfig()
	d.checkInput()
	d.checkOutput()
	// A config that cannot be read says nothing of what run would use: its
	// defaults checked instead would pass for the configured settings.
	if cfgOK || d.o.History != "" || d.o.NoHistory {
		d.checkHistory(ctx, fc, cfgPath)
	} else {
		d.add("history", statusSkipped, "doctor.config.skipped")
	}
	d.checkFont()
	if cfgOK {
		d.checkSMTP(ctx, fc)
		d.checkRobots(ctx, fc)
		d.checkTimezone(fc)
	} else {
		for _, check := range []string{"smtp", "robot", "timezone"} {
			d.add(check, statusSkipped, "doctor.config.skipped")
		}
	}
	d.checkClock()
	rep := doctorReport{Checks: d.results}
	for _, c := range rep.Checks {
		switch c.Status {
		case statusOK:
			rep.OK++
		case statusWarning:
			rep.Warnings++
		case statusFail:
			rep.Failures++
		}
	}
	return rep
}

// doctor gathers the results of the checks.
type doctor struct {
	o            doctorOptions
	results      []checkResult
	lastRecorded time.Time // the history's last review, a floor for the clock
}

// add records a check: its message, and its fix where there is one, are
// catalogue keys; the fix takes no arguments unless fixArgs are given.
func (d *doctor) add(check, status, key string, args ...any) *checkResult {
	d.results = append(d.results, checkResult{Check: check, Status: status, Title: catalog.T(d.o.Lang, "doctor.check."+check), Message: catalog.F(d.o.Lang, key, args...)})
	return &d.results[len(d.results)-1]
}

// fix sets what to do about the check just added.
func (r *checkResult) fix(l catalog.Lang, key string, args ...any) {
	r.Fix = catalog.F(l, key, args...)
}

// text is a catalogue's text in the operator's language.
func (d *doctor) text(key string) string { return catalog.T(d.o.Lang, key) }
