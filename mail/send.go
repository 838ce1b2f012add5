package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/fupan-review/fupan/internal/secret"
	gomail "github.com/wneessen/go-mail"
)

// Figures are what the subject and body templates may use.
type Figures struct {
	Period          string
	Team            string // in per-team mode, the team of the mail
	OK, Failed      int
	MeanAchievement string
	Teams           []TeamFigures
	Failures        []Failure
	Missing         []string // attachments left out for the size limit
}

// TeamFigures is one team's line in the figures.
type TeamFigures struct{ Team, MeanAchievement, MetricsMet string }

// Failure is a workbook that got no report.
type Failure struct{ File, Reason string }

// Render fills the subject and body templates.
func (c Config) Render(f Figures) (subject, body string, err error) {
	render := func(name, text string) (string, error) {
		t, err := template.New(name).Option("missingkey=error").Parse(text)
		if err != nil {
			return "", fmt.Errorf("mail %s template: %w", name, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, f); err != nil {
			return "", fmt.Errorf("mail %s template: %w", name, err)
		}
		return b.String(), nil
	}
	if subject, err = render("subject", c.Subject); err != nil {
		return "", "", err
	}
	body, err = render("body", c.Body)
	return strings.TrimSpace(subject), body, err
}

// Attachment is a file to attach, with the name the reader sees.
type Attachment struct {
	Path string
	Name string
	Size int64
}

// Message is one mail to send.
type Message struct {
	To, Cc      []string
	Subject     string
	Body        string
	Attachments []Attachment
}

// EstimatedSize is the message's size on the wire: base64 grows attachments by
// a third, plus line breaks and headers.
func (m Message) EstimatedSize() int64 {
	n := int64(len(m.Subject)+len(m.Body))*2 + 4096
	for _, a := range m.Attachments {
		n += (a.Size+2)/3*4*78/76 + 512
	}
	return n
}

// Fit leaves out the largest attachments until the message is within limit,
// and says which it left out. The mail goes without them rather than not at
// all, and its body names them (Figures.Missing).
func Fit(m Message, limit int64) (Message, []Attachment) {
	if limit <= 0 || m.EstimatedSize() <= limit {
		return m, nil
	}
	atts := append([]Attachment{}, m.Attachments...)
	sort.SliceStable(atts, func(i, j int) bool { return atts[i].Size > atts[j].Size })
	var dropped []Attachment
	for len(atts) > 0 {
		m.Attachments = keepOrder(m.Attachments, atts)
		if m.EstimatedSize() <= limit {
			break
		}
		dropped = append(dropped, atts[0])
		atts = atts[1:]
		m.Attachments = keepOrder(m.Attachments, atts)
	}
	return m, dropped
}

// keepOrder returns the attachments of all that are in keep, in all's order.
func keepOrder(all, keep []Attachment) []Attachment {
	in := map[string]bool{}
	for _, a := range keep {
		in[a.Path] = true
	}
	var out []Attachment
	for _, a := range all {
		if in[a.Path] {
			out = append(out, a)
		}
	}
	return out
}

// Sender sends messages through the configured server.
type Sender struct {
	cfg      Config
	password string
	noPass   error // why there is no password, where the login needs one
	tls      *tls.Config
}

// NewSender reads the password from the environment variable the
// configuration names (getenv is os.Getenv outside tests).
func NewSender(cfg Config, getenv func(string) string) (*Sender, error) {
	s := &Sender{cfg: cfg, tls: &tls.Config{ServerName: cfg.SMTP.Host, MinVersion: tls.VersionTLS12}}
	if cfg.SMTP.PasswordEnv != "" {
		lookup := func(k string) (string, bool) { v := getenv(k); return v, v != "" }
		s.password, s.noPass = secret.FromEnv(lookup, cfg.SMTP.PasswordEnv, "smtp.password_env")
	}
	if cfg.SMTP.CAFile != "" {
		pem, err := os.ReadFile(cfg.SMTP.CAFile)
		if err != nil {
			return nil, fmt.Errorf("smtp.ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("smtp.ca_file %s holds no PEM certificate", cfg.SMTP.CAFile)
		}
		s.tls.RootCAs = pool
	}
	return s, nil
}

// build makes the go-mail message.
func (s *Sender) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("from %q: %w", s.cfg.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("to %v: %w", m.To, err)
	}
	if len(m.Cc) > 0 {
		if err := msg.Cc(m.Cc...); err != nil {
			return nil, fmt.Errorf("cc %v: %w", m.Cc, err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Body)
	for _, a := range m.Attachments {
		// The name is written as an encoded word, which keeps Chinese names
		// in Outlook, Gmail and Apple Mail alike.
		msg.AttachFile(a.Path, gomail.WithFileName(a.Name))
	}
	return msg, nil
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.SMTP.Port), gomail.WithTimeout(s.cfg.SMTP.Timeout), gomail.WithTLSConfig(s.tls)}
	switch s.cfg.SMTP.Security {
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.SMTP.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.SMTP.User), gomail.WithPassword(s.password))
	}
	return gomail.NewClient(s.cfg.SMTP.Host, opts...)
}

// PermanentError is a failure that trying again will not mend (a rejected
// recipient, a refused login).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Send delivers a message, trying again with back-off on temporary failures
// (the server down, a 4xx answer). It returns the message's ID.
func (s *Sender) Send(ctx context.Context, m Message, onRetry func(attempt int, wait time.Duration, err error)) (string, error) {
	if s.cfg.SMTP.User != "" && s.password == "" {
		return "", &PermanentError{s.noPass}
	}
	msg, err := s.build(m)
	if err != nil {
		return "", &PermanentError{err}
	}
	wait := s.cfg.SMTP.Backoff
	for attempt := 1; ; attempt++ {
		c, err := s.client()
		if err != nil {
			return "", &PermanentError{fmt.Errorf("smtp client: %w", err)}
		}
		err = c.DialAndSendWithContext(ctx, msg)
		if err == nil {
			return msg.GetMessageID(), nil
		}
		if !temporary(err) {
			return "", &PermanentError{err}
		}
		if attempt > s.cfg.SMTP.Retries {
			return "", fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		if onRetry != nil {
			onRetry(attempt, wait, err)
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// temporary tells failures worth another try: anything but an SMTP 5xx answer
// or a refused login.
func temporary(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if se.ErrorCode() >= 500 {
			return false
		}
		if se.IsTemp() || se.ErrorCode() >= 400 {
			return true
		}
	}
	msg := err.Error()
	if authRefused.MatchString(msg) || strings.Contains(msg, "authentication failed") || strings.Contains(msg, "certificate") {
		return false
	}
	return true
}

// authRefused is SMTP's 535 reply in an error text: the code stands alone,
// followed by a space or hyphen, so that a port such as 44535 in "dial tcp
// 127.0.0.1:44535" is not taken for it.
var authRefused = regexp.MustCompile(`(^|[^0-9.:])535[ -]`)

// WriteEML writes the message as an .eml file instead of sending it.
func (s *Sender) WriteEML(path string, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	return msg.WriteToFile(path)
}
