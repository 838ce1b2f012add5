package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	// Unknown counts messages whose end went out with no answer: perhaps
	// delivered, so not sent again without --resend.
	Unknown int
	Missing []string // attachments left out for size, or not found
}

// finishedRun reads a finished run's summary and locks OUT while its outputs
// are delivered, so that a run starting meanwhile waits.
func finishedRun(out string) (*Summary, func() error, error) {
	sum, err := ReadSummary(out)
	if err != nil {
		return nil, nil, err
	}
	unlock, err := lockFile(filepath.Join(out, stateDir, "lock"))
	if err != nil {
		return nil, nil, err
	}
	return sum, unlock, nil
}

// Mail sends a finished run's PDFs as the configuration says. Each message's
// fate is recorded the moment it is known: before its data goes out
// ("unknown"), and as soon as the server took it ("sent"), so that neither a
// failure after that nor a kill sends it twice. A failure is reported per
// message; the PDFs stay where they are, and the next call sends what did not
// go.
func Mail(ctx context.Context, out string, o MailOptions) (MailResult, error) {
	log := zerolog.Ctx(ctx)
	var res MailResult
	sum, unlock, err := finishedRun(out)
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
	if sum.OK == 0 && sum.Failed == 0 {
		log.Warn().Str("output", out).Msg("the run reported no workbook: nothing to mail")
		return res, nil
	}
	msgs := compose(out, sum, o.Config)
	rec, err := readDeliveryRecord(filepath.Join(out, stateDir, "mail.json"), "the record of sent mail", "mailed", "recording the mail")
	if err != nil {
		return res, err
	}
	m := mailer{out: out, o: o, sender: sender, rec: rec, res: &res}
	var errs []error
	for i, pm := range msgs {
		failed, fatal := m.send(ctx, i, pm)
		if fatal != nil {
			return res, fatal
		}
		if failed != nil {
			errs = append(errs, failed)
		}
	}
	return res, errors.Join(errs...)
}

// mailer sends a run's messages one by one, recording each.
type mailer struct {
	out    string
	o      MailOptions
	sender *mail.Sender
	rec    *deliveryRecord
	res    *MailResult
}

// send sends (or, in a dry run, writes) one message unless it was sent.
// failed is this message's failure, the run goes on; fatal stops it (the
// record cannot be written).
func (m *mailer) send(ctx context.Context, i int, pm pendingMail) (failed, fatal error) {
	log := zerolog.Ctx(ctx)
	res := m.res
	if pm.err != nil {
		res.Failed++
		log.Error().Err(pm.err).Str("mail", pm.label).Msg("mail not composed")
		return pm.err, nil
	}
	prev, done := m.rec.Sent[pm.key]
	if done && !m.o.Resend && !m.o.DryRun {
		m.alreadySent(ctx, pm, prev)
		return nil, nil
	}
	if len(pm.missing) > 0 {
		log.Warn().Strs("left_out", pm.missing).Int64("limit", m.o.Config.SMTP.MaxBytes).Msg("attachments left out of the mail (over the size limit, or not found)")
		res.Missing = append(res.Missing, pm.missing...)
	}
	if m.o.DryRun {
		return nil, m.writeDry(ctx, i, pm)
	}
	mark := m.rec.mark(pm.key, deliveryEntry{MessageID: pm.id, To: pm.msg.To, Subject: pm.msg.Subject})
	d, err, fatal := deliverOnce(ctx, mark, func(sending, sent func() error) (outcome, error) {
		d, err := m.sender.Send(ctx, pm.msg, pm.id, mail.Hooks{
			Sending: sending,
			Sent:    sent,
			Retry: func(attempt int, wait time.Duration, err error) {
				log.Warn().Err(err).Int("attempt", attempt).Dur("retry_in", wait).Strs("to", pm.msg.To).Msg("mail not sent yet")
			},
			Closed: func(err error) {
				log.Info().Err(err).Strs("to", pm.msg.To).Msg("the server took the mail; closing the session failed, which changes nothing")
			},
		})
		switch d {
		case mail.Sent:
			return sentOK, err
		case mail.Unknown:
			return unknownFate, err
		}
		return notSent, err
	})
	if fatal != nil { // delivered or not, the record could not be written
		return nil, fatal
	}
	switch d {
	case sentOK:
		log.Info().Strs("to", pm.msg.To).Str("message_id", pm.id).Int("attachments", len(pm.msg.Attachments)).Msg("mail sent")
		res.Sent++
		return nil, nil
	case unknownFate:
		res.Unknown++
		log.Error().Err(err).Strs("to", pm.msg.To).Str("message_id", pm.id).
			Msg("this mail may or may not have been delivered: not sent again; ask a recipient, then --resend if it did not arrive")
		return fmt.Errorf("mail to %s: %w", strings.Join(pm.msg.To, ", "), err), nil
	}
	res.Failed++
	var perm *mail.PermanentError
	kind := "temporary"
	if errors.As(err, &perm) {
		kind = "permanent"
	}
	log.Error().Err(err).Str("kind", kind).Strs("to", pm.msg.To).Msg("mail not sent; the PDFs stay in the output folder")
	return fmt.Errorf("mail to %s: %w", strings.Join(pm.msg.To, ", "), err), nil
}

// alreadySent counts and logs a mail the record says was sent (or may have
// been): it is not sent again.
func (m *mailer) alreadySent(ctx context.Context, pm pendingMail, prev deliveryEntry) {
	log := zerolog.Ctx(ctx)
	if prev.unknown() {
		log.Warn().Strs("to", pm.msg.To).Str("message_id", prev.MessageID).Time("at", prev.At).
			Msg("this mail may have been delivered (no answer came to its end): not sent again; --resend sends it")
		m.res.Unknown++
	} else {
		log.Info().Strs("to", pm.msg.To).Str("message_id", prev.MessageID).Time("sent", prev.At).Msg("already sent, not again")
	}
	m.res.Skipped++
}

// writeDry writes a message as an .eml file into OUT/mail.
func (m *mailer) writeDry(ctx context.Context, i int, pm pendingMail) error {
	dir := filepath.Join(m.out, "mail")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A team's name may be long (10,000 characters in its cell): cut and
	// hashed as outputs are, within the file system's 255 bytes.
	name := filepath.Join(dir, fmt.Sprintf("%02d-%s.eml", i+1, safeComponent(pm.label, pm.label, false)))
	if err := WriteAtomic(name, func(f *os.File) error { return writeEML(m.sender, f, pm.msg, pm.id) }); err != nil {
		return err
	}
	zerolog.Ctx(ctx).Info().Str("file", name).Strs("to", pm.msg.To).Msg("mail written (dry run)")
	m.res.Written++
	return nil
}

func writeEML(s *mail.Sender, w io.Writer, m mail.Message, messageID string) error {
	tmp, err := os.CreateTemp("", "fupan-*.eml")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	_ = tmp.Close()
	if err := s.WriteEML(tmp.Name(), m, messageID); err != nil {
		return err
	}
	b, err := os.ReadFile(tmp.Name())
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// pendingMail is a message to send, or why it could not be made (err).
type pendingMail struct {
	key, label, id string
	msg            mail.Message
	missing        []string
	err            error
}

// compose turns a run into the messages the configuration asks for. A PDF
// that is not there is left out and named in the mail; in per-team mode a
// team whose report is missing gets no mail, and the other teams theirs.
func compose(out string, sum *Summary, cfg mail.Config) []pendingMail {
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
			// The team's own figures only: its mail goes to the team, who
			// are not to read the other teams' or the company's.
			f := runFigures(&Summary{OK: 1, Entries: []Entry{e}}, mailLang(cfg))
			f.Team = e.Team
			msgs = append(msgs, buildMail(out, cfg, e.Team, to, f, []string{e.Outputs.PDF}, []Entry{e}, true))
		}
		return msgs
	}
	fig := runFigures(sum, mailLang(cfg))
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
	return append(msgs, buildMail(out, cfg, "all", cfg.To, fig, append(rels, pdfs...), inputs, false))
}

// attachment is an output of the run, as a mail attaches it.
func attachment(out, rel string) (mail.Attachment, error) {
	p := filepath.Join(out, rel)
	fi, err := os.Stat(p)
	if err != nil {
		return mail.Attachment{}, fmt.Errorf("attachment %s: %w", rel, err)
	}
	return mail.Attachment{Path: p, Name: filepath.Base(rel), Size: fi.Size()}, nil
}

// buildMail makes one message: its attachments (a missing one left out and
// named, or, where required, no message), its texts, and what had to stay
// out for the size limit, said in the texts.
func buildMail(out string, cfg mail.Config, label string, to []string, f mail.Figures, rels []string, inputs []Entry, required bool) pendingMail {
	pm := pendingMail{key: mailKey(label, to, inputs), label: label}
	pm.id = messageID(pm.key, cfg.From)
	var atts []mail.Attachment
	var absent []string
	for _, r := range rels {
		a, err := attachment(out, r)
		if err != nil {
			if required {
				pm.err = err
				return pm
			}
			absent = append(absent, filepath.Base(r))
			continue
		}
		atts = append(atts, a)
	}
	m := mail.Message{To: to, Cc: cfg.Cc, Attachments: atts}
	// Rendered once to measure with the texts, then again naming what had
	// to stay out.
	f.Missing = absent
	var err error
	if m.Subject, m.Body, err = cfg.Render(f); err == nil {
		m.HTML, err = cfg.RenderHTML(f)
	}
	if err != nil {
		pm.err = err
		return pm
	}
	fitted, dropped := mail.Fit(m, cfg.SMTP.MaxBytes)
	missing := absent
	for _, d := range dropped {
		missing = append(missing, d.Name)
	}
	if len(dropped) > 0 { // say in the texts what had to stay out
		f.Missing = missing
		if fitted.Subject, fitted.Body, err = cfg.Render(f); err == nil {
			fitted.HTML, err = cfg.RenderHTML(f)
		}
		if err != nil {
			pm.err = err
			return pm
		}
	}
	pm.msg, pm.missing = fitted, missing
	return pm
}

// runFigures are the run's figures for the mail's templates, what needs a
// decision worded in the mail's language (lang:, zh-Hans where not given).
func runFigures(sum *Summary, l fupan.Lang) mail.Figures {
	fig := mail.Figures{OK: sum.OK, Failed: sum.Failed}
	for _, r := range sum.Roster {
		for _, m := range r.Missing {
			fig.NotHandedIn = append(fig.NotHandedIn, mail.Absent{Team: m.Team, LastPeriod: m.LastPeriod})
		}
	}
	pct := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return fupan.FormatPercent(*v, false)
	}
	var teams []fupan.Summary
	for _, e := range sum.Entries {
		switch e.Status {
		case StatusOK:
			if fig.Period == "" {
				fig.Period = e.Period
			}
			tf := mail.TeamFigures{Team: e.Team, MeanAchievement: "—", MeanAchievementCapped: "—", MetricsMet: "—", Attention: e.attentionIn(l)}
			if f := e.Figures; f != nil {
				tf.MeanAchievement, tf.MeanAchievementCapped = pct(f.MeanAchievement), pct(f.MeanAchievementCapped)
				if f.Metrics > 0 {
					tf.MetricsMet = fmt.Sprintf("%d/%d", f.MetricsAchieved, f.Metrics)
				}
				teams = append(teams, *f)
			}
			fig.Teams = append(fig.Teams, tf)
		case StatusFailed:
			fig.Failures = append(fig.Failures, mail.Failure{File: e.File, Reason: e.Reason})
		}
	}
	// The company's figures as the overview sums them; the mail shows no
	// follow-through, so the absent teams' actions are not read.
	c := fupan.CompanySummary(teams, fupan.FollowThrough{})
	fig.MeanAchievement, fig.MeanAchievementCapped = pct(c.MeanAchievement), pct(c.MeanAchievementCapped)
	fig.MetricsMet = "—"
	if c.Metrics > 0 {
		fig.MetricsMet = fmt.Sprintf("%d/%d", c.MetricsAchieved, c.Metrics)
	}
	return fig
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

// messageID is the Message-ID of a mail, the same whenever the same mail is
// sent (a --resend, a retry after an unknown outcome), so that mail programs
// drop a duplicate.
func messageID(key, from string) string {
	domain := "fupan.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 {
		if d := strings.Trim(from[at+1:], "> \t"); d != "" && !strings.ContainsAny(d, "<>()[]\\,;: \"") {
			domain = d
		}
	}
	h := sha256.Sum256([]byte(key))
	return "fupan." + hex.EncodeToString(h[:16]) + "@" + domain
}

// mailLang is the language of the default mail: lang:, else Simplified.
func mailLang(cfg mail.Config) fupan.Lang {
	if l, ok := fupan.ParseLang(cfg.Lang); ok {
		return l
	}
	return fupan.Simplified
}
