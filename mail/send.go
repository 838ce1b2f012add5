package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"net/textproto"
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
	MeanAchievement string // the plain mean of the teams' means
	// MeanAchievementCapped counts each metric at most 100%: one
	// over-achievement cannot hide misses.
	MeanAchievementCapped string
	MetricsMet            string // metrics achieved of all, every team together: "37/52"
	Teams                 []TeamFigures
	Failures              []Failure
	Missing               []string // attachments left out for the size limit
	// NotHandedIn are the teams expected that have not handed in.
	NotHandedIn []Absent
}

// Absent is a team expected that has not handed in, with the last period
// the history holds of it ("" for none).
type Absent struct{ Team, LastPeriod string }

// TeamFigures is one team's line in the figures.
type TeamFigures struct {
	Team, MeanAchievement, MeanAchievementCapped, MetricsMet string
	Attention                                                []string // what needs a decision
}

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

// RenderHTML fills the HTML body: the teams side by side in a table with
// their figures, what needs a decision, and the workbooks that failed, so
// that a reader sees the state without opening a PDF.
func (c Config) RenderHTML(f Figures) (string, error) {
	t, err := htmltemplate.New("html").Option("missingkey=error").Parse(c.BodyHTML)
	if err != nil {
		return "", fmt.Errorf("mail body_html template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, f); err != nil {
		return "", fmt.Errorf("mail body_html template: %w", err)
	}
	return b.String(), nil
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
	Body        string // plain text
	HTML        string // the same as HTML, an alternative part; "" for none
	Attachments []Attachment
}

// EstimatedSize is the message's size on the wire: base64 grows attachments by
// a third, plus line breaks and headers.
func (m Message) EstimatedSize() int64 {
	n := int64(len(m.Subject)+len(m.Body)+len(m.HTML))*2 + 4096
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
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		// The name is written as an encoded word, which keeps Chinese names
		// in Outlook, Gmail and Apple Mail alike.
		msg.AttachFile(a.Path, gomail.WithFileName(a.Name))
	}
	return msg, nil
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.SMTP.Port), gomail.WithTimeout(s.cfg.SMTP.Timeout), gomail.WithTLSConfig(s.tls),
		gomail.WithDialContextFunc(s.dial)}
	switch s.cfg.SMTP.Security {
	case "tls":
		// dial speaks TLS from the first byte; go-mail sees a TLS
		// connection and takes it as encrypted (its own SSL dialer would
		// bypass the bounded reader).
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
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

// Delivery is what became of a message.
type Delivery int

const (
	// NotSent: the server refused the message or was never reached with it.
	NotSent Delivery = iota
	// Sent: the server answered 250 to the end of the message.
	Sent
	// Unknown: the end of the message went out and no answer came back; the
	// server may have taken it. Trying again could deliver it twice.
	Unknown
)

// Hooks let the caller record a message's fate the moment it is known, before
// anything else can fail: a mail recorded as sent is never sent again.
type Hooks struct {
	// Sending is called when the server has taken sender and recipients,
	// just before the message's data: from then on, a kill leaves its fate
	// unknown. An error stops the send.
	Sending func() error
	// Sent is called as soon as the server answered 250 to the message,
	// before the session is closed.
	Sent func() error
	// Retry is told of a temporary failure before the wait and the next try.
	Retry func(attempt int, wait time.Duration, err error)
	// Closed is told of a failure closing the session after the message was
	// taken (a dropped connection, a 421 or no answer to QUIT): the mail is
	// sent all the same.
	Closed func(err error)
}

// Send delivers a message with the given Message-ID (stable for the same
// mail, so that mail programs drop a duplicate), trying again with back-off on
// temporary failures (the server down, a 4xx answer). Once the server has
// answered 250 to the message it is sent, whatever happens after; where the
// answer never came, it is Unknown and not tried again.
func (s *Sender) Send(ctx context.Context, m Message, messageID string, h Hooks) (Delivery, error) {
	if s.cfg.SMTP.User != "" && s.password == "" {
		return NotSent, &PermanentError{s.noPass}
	}
	msg, err := s.build(m)
	if err != nil {
		return NotSent, &PermanentError{err}
	}
	msg.SetMessageIDWithValue(messageID)
	wait := s.cfg.SMTP.Backoff
	for attempt := 1; ; attempt++ {
		d, err := s.deliver(ctx, msg, h)
		if d != NotSent || err == nil {
			return d, err
		}
		if !temporary(err) {
			return NotSent, &PermanentError{err}
		}
		if attempt > s.cfg.SMTP.Retries {
			return NotSent, fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		if h.Retry != nil {
			h.Retry(attempt, wait, err)
		}
		select {
		case <-ctx.Done():
			return NotSent, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// deliver makes one attempt. It speaks SMTP through go-mail's client step by
// step, rather than with DialAndSend, because DialAndSend reports a failing
// RSET or QUIT after the server took the message as a failed send, and a
// retry then delivers it again.
func (s *Sender) deliver(ctx context.Context, msg *gomail.Msg, h Hooks) (Delivery, error) {
	c, err := s.client()
	if err != nil {
		return NotSent, &PermanentError{fmt.Errorf("smtp client: %w", err)}
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return NotSent, fmt.Errorf("connecting to %s: %w", s.cfg.SMTP.Host, err)
	}
	defer func() { _ = sc.Close() }()
	from, err := msg.GetSender(false)
	if err != nil {
		return NotSent, &PermanentError{err}
	}
	rcpts, err := msg.GetRecipients()
	if err != nil {
		return NotSent, &PermanentError{err}
	}
	if err := sc.Mail(from); err != nil {
		return NotSent, fmt.Errorf("MAIL FROM: %w", err)
	}
	for _, r := range rcpts {
		if err := sc.Rcpt(r); err != nil {
			return NotSent, fmt.Errorf("RCPT TO %s: %w", r, err)
		}
	}
	if h.Sending != nil {
		if err := h.Sending(); err != nil {
			return NotSent, &PermanentError{err}
		}
	}
	_ = sc.UpdateDeadline(s.cfg.SMTP.Timeout)
	w, err := sc.Data()
	if err != nil {
		return NotSent, fmt.Errorf("DATA: %w", err)
	}
	// A message cut short has no final dot: the server discards it.
	if _, err := msg.WriteTo(w); err != nil {
		return NotSent, fmt.Errorf("writing the message: %w", err)
	}
	if err := w.Close(); err != nil {
		var reply *textproto.Error
		if errors.As(err, &reply) {
			return NotSent, fmt.Errorf("the server refused the message: %w", err)
		}
		return Unknown, fmt.Errorf("no answer from %s to the end of the message, which it may have delivered: %w", s.cfg.SMTP.Host, err)
	}
	var recErr error
	if h.Sent != nil {
		recErr = h.Sent()
	}
	// The mail is delivered: QUIT is a courtesy, and its failure changes nothing.
	_ = sc.UpdateDeadline(min(s.cfg.SMTP.Timeout, 10*time.Second))
	if err := sc.Quit(); err != nil && h.Closed != nil {
		h.Closed(err)
	}
	return Sent, recErr
}

// temporary tells failures worth another try: anything but an SMTP 5xx answer
// or a refused login.
func temporary(err error) bool {
	var reply *textproto.Error
	if errors.As(err, &reply) {
		return reply.Code < 500
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		if se.ErrorCode() >= 500 {
			return false
		}
		if se.IsTemp() || se.ErrorCode() >= 400 {
			return true
		}
	}
	if errors.Is(err, errReplyTooLong) {
		return false
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
func (s *Sender) WriteEML(path string, m Message, messageID string) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	msg.SetMessageIDWithValue(messageID)
	return msg.WriteToFile(path)
}
