package mail

import (
	"context"
	"fmt"
)

// Probe connects to the server as a delivery would — TLS or STARTTLS as
// configured, the login where there is a user — and says goodbye without
// sending: `fupan doctor`'s check that the mail will go.
func (s *Sender) Probe(ctx context.Context) error {
	if s.cfg.SMTP.User != "" && s.noPass != nil {
		return &PermanentError{s.noPass}
	}
	c, err := s.client()
	if err != nil {
		return &PermanentError{fmt.Errorf("smtp client: %w", err)}
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("connecting to %s:%d: %w", s.cfg.SMTP.Host, s.cfg.SMTP.Port, err)
	}
	defer func() { _ = sc.Close() }()
	if err := sc.Noop(); err != nil {
		return fmt.Errorf("%s:%d after the login: %w", s.cfg.SMTP.Host, s.cfg.SMTP.Port, err)
	}
	_ = sc.Quit()
	return nil
}
