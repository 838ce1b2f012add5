package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/mail"
	"github.com/rs/zerolog"
)

// MailOptions steer Mail.
type MailOptions struct {
	Config mail.Config
	DryRun bool // write .eml files into OUT/mail instead of sending
	Resend bool // send again what was sent
	Getenv func(string) string
}

// MailResult says what Mail did.
type MailResult struct {
	Sent, Skipped, Failed, Written int
	Missing                        []string // attachments left out for size
}

// sentRecord is OUT/.fupan/mail.json: what was sent, so a re-run sends
// nothing twice. A message's key is its recipients and its attachments'
// content: changed reports are new mail.
type sentRecord struct {
	Sent map[string]sentMail `json:"sent"`
}

type sentMail struct {
	At        time.Time `json:"at"`
	MessageID string    `json:"message_id"`
	To        []string  `json:"to"`
	Subject   string    `json:"subject"`
}

// Mail sends a finished run's PDFs as the configuration says. A failure is
// reported and recorded per message; the PDFs stay where they are, and the next
// call sends what did not go.
func Mail(ctx context.Context, out string, o MailOptions) (MailResult, error) {
	log := zerolog.Ctx(ctx)
	var res MailResult
	sum, err := ReadSummary(out)
	if err != nil {
		return res, err
	}
	unlock, err := lockFile(filepath.Join(out, stateDir, "lock"))
	if err != nil {
		return res, err
	}
	defer func() { _ = unlock() }()

	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	sender, err := mail.NewSender(o.Config, getenv)
	if err != nil {
		return res, err
	}
	msgs, err := compose(out, sum, o.Config)
	if err != nil {
		return res, err
	}
	recPath := filepath.Join(out, stateDir, "mail.json")
	rec := sentRecord{Sent: map[string]sentMail{}}
	if b, err := os.ReadFile(recPath); err == nil {
		_ = json.Unmarshal(b, &rec)
	}
	if rec.Sent == nil {
		rec.Sent = map[string]sentMail{}
	}
	var errs []error
	for i, pm := range msgs {
		if prev, ok := rec.Sent[pm.key]; ok && !o.Resend && !o.DryRun {
			log.Info().Strs("to", pm.msg.To).Str("message_id", prev.MessageID).Time("sent", prev.At).Msg("already sent, not again")
			res.Skipped++
			continue
		}
		if len(pm.missing) > 0 {
			log.Warn().Strs("left_out", pm.missing).Int64("limit", o.Config.SMTP.MaxBytes).Msg("attachments over the size limit left out of the mail")
			res.Missing = append(res.Missing, pm.missing...)
		}
		if o.DryRun {
			dir := filepath.Join(out, "mail")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return res, err
			}
			name := filepath.Join(dir, fmt.Sprintf("%02d-%s.eml", i+1, safeName(pm.label)))
			if err := WriteAtomic(name, func(f *os.File) error { return writeEML(sender, f, pm.msg) }); err != nil {
				return res, err
			}
			log.Info().Str("file", name).Strs("to", pm.msg.To).Msg("mail written (dry run)")
			res.Written++
			continue
		}
		id, err := sender.Send(ctx, pm.msg, func(attempt int, wait time.Duration, err error) {
			log.Warn().Err(err).Int("attempt", attempt).Dur("retry_in", wait).Strs("to", pm.msg.To).Msg("mail not sent yet")
		})
		if err != nil {
			res.Failed++
			var perm *mail.PermanentError
			kind := "temporary"
			if errors.As(err, &perm) {
				kind = "permanent"
			}
			log.Error().Err(err).Str("kind", kind).Strs("to", pm.msg.To).Msg("mail not sent; the PDFs stay in the output folder")
			errs = append(errs, fmt.Errorf("mail to %s: %w", strings.Join(pm.msg.To, ", "), err))
			continue
		}
		rec.Sent[pm.key] = sentMail{At: time.Now(), MessageID: id, To: pm.msg.To, Subject: pm.msg.Subject}
		rb, _ := json.MarshalIndent(rec, "", "  ")
		if err := writeFileAtomic(recPath, rb); err != nil {
			return res, fmt.Errorf("recording the sent mail: %w", err)
		}
		log.Info().Strs("to", pm.msg.To).Str("message_id", id).Int("attachments", len(pm.msg.Attachments)).Msg("mail sent")
		res.Sent++
	}
	return res, errors.Join(errs...)
}

func writeEML(s *mail.Sender, w io.Writer, m mail.Message) error {
	tmp, err := os.CreateTemp("", "fupan-*.eml")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	_ = tmp.Close()
	if err := s.WriteEML(tmp.Name(), m); err != nil {
		return err
	}
	b, err := os.ReadFile(tmp.Name())
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

type pendingMail struct {
	key, label string
	msg        mail.Message
	missing    []string
}

// compose turns a run into the messages the configuration asks for.
func compose(out string, sum *Summary, cfg mail.Config) ([]pendingMail, error) {
	fig := mail.Figures{OK: sum.OK, Failed: sum.Failed}
	var achs []float64
	for _, e := range sum.Entries {
		switch e.Status {
		case StatusOK:
			if fig.Period == "" {
				fig.Period = e.Period
			}
			mean := "-"
			if e.Figures != nil && e.Figures.MeanAchievement != nil {
				achs = append(achs, *e.Figures.MeanAchievement)
				mean = fupan.FormatPercent(*e.Figures.MeanAchievement, false)
			}
			met := ""
			if e.Figures != nil {
				met = fmt.Sprintf("%d/%d", e.Figures.MetricsAchieved, e.Figures.Metrics)
			}
			fig.Teams = append(fig.Teams, mail.TeamFigures{Team: e.Team, MeanAchievement: mean, MetricsMet: met})
		case StatusFailed:
			fig.Failures = append(fig.Failures, mail.Failure{File: e.File, Reason: e.Reason})
		}
	}
	fig.MeanAchievement = "-"
	if len(achs) > 0 {
		t := 0.0
		for _, a := range achs {
			t += a
		}
		fig.MeanAchievement = fupan.FormatPercent(t/float64(len(achs)), false)
	}
	attach := func(rel string) (mail.Attachment, error) {
		p := filepath.Join(out, rel)
		fi, err := os.Stat(p)
		if err != nil {
			return mail.Attachment{}, fmt.Errorf("attachment %s: %w", rel, err)
		}
		return mail.Attachment{Path: p, Name: filepath.Base(rel), Size: fi.Size()}, nil
	}
	build := func(label string, to []string, f mail.Figures, rels []string, inputs []Entry) (pendingMail, error) {
		var atts []mail.Attachment
		for _, r := range rels {
			a, err := attach(r)
			if err != nil {
				return pendingMail{}, err
			}
			atts = append(atts, a)
		}
		m := mail.Message{To: to, Cc: cfg.Cc, Attachments: atts}
		// Render once to measure, then again naming what had to stay out.
		var err error
		if m.Subject, m.Body, err = cfg.Render(f); err != nil {
			return pendingMail{}, err
		}
		fitted, dropped := mail.Fit(m, cfg.SMTP.MaxBytes)
		var missing []string
		for _, d := range dropped {
			missing = append(missing, d.Name)
		}
		if len(missing) > 0 {
			f.Missing = missing
			if fitted.Subject, fitted.Body, err = cfg.Render(f); err != nil {
				return pendingMail{}, err
			}
		}
		return pendingMail{key: mailKey(label, to, inputs), label: label, msg: fitted, missing: missing}, nil
	}

	var msgs []pendingMail
	if cfg.Mode == "per-team" {
		for _, e := range sum.Entries {
			if e.Status != StatusOK {
				continue
			}
			to := cfg.Teams[e.Team]
			if len(to) == 0 {
				to = cfg.To
			}
			f := fig
			f.Team = e.Team
			pm, err := build(e.Team, to, f, []string{e.Outputs.PDF}, []Entry{e})
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, pm)
		}
		return msgs, nil
	}
	rels := []string{}
	if sum.Overview != "" {
		rels = append(rels, sum.Overview)
	}
	var pdfs []string
	var inputs []Entry
	for _, e := range sum.Entries {
		if e.Status == StatusOK && e.Outputs.PDF != "" {
			pdfs = append(pdfs, e.Outputs.PDF)
			inputs = append(inputs, e)
		}
	}
	sort.Strings(pdfs)
	pm, err := build("all", cfg.To, fig, append(rels, pdfs...), inputs)
	if err != nil {
		return nil, err
	}
	return append(msgs, pm), nil
}

// mailKey names a message by its recipients and the content of the workbooks
// it reports on: the same reports to the same people are the same mail, even
// where a --force run drew the PDFs again.
func mailKey(label string, to []string, inputs []Entry) string {
	var parts []string
	for _, e := range inputs {
		parts = append(parts, e.File+"="+e.SHA256)
	}
	sort.Strings(parts)
	h := sha256.Sum256([]byte(label + "\x00" + strings.Join(to, ",") + "\x00" + strings.Join(parts, "\x00")))
	return label + ":" + hex.EncodeToString(h[:12])
}
