package mail

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/smtptest"
)

func testMessage(t *testing.T) Message {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.3 test"), 0o644); err != nil {
		t.Fatal(err)
	}
	return Message{To: []string{"a@example.com"}, Subject: "s", Body: "b", Attachments: []Attachment{{Path: pdf, Name: "r.pdf", Size: 13}}}
}

// A peer that answers EHLO with an endless multi-line reply is cut off once
// the reply passes maxReply: an error, not sent, not retried, and the client
// took a bounded part of the flood (what the server could write is the
// bound plus the sockets' buffers), instead of buffering all of it.
func TestReplyFloodCutOff(t *testing.T) {
	srv := smtptest.StartFaulty(t, smtptest.FloodReply)
	cfg := Config{SMTP: SMTP{Host: "127.0.0.1", Port: srv.Port, Security: "none", Timeout: 20 * time.Second, Retries: 2, Backoff: 10 * time.Millisecond},
		From: "fupan@example.com", To: []string{"a@example.com"}}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	s, err := NewSender(cfg, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	retries := 0
	d, err := s.Send(context.Background(), testMessage(t), "id@example.com", Hooks{Retry: func(int, time.Duration, error) { retries++ }})
	if err == nil || d != NotSent || !errors.Is(err, errReplyTooLong) || !strings.Contains(err.Error(), "reply") {
		t.Fatalf("a flooding server: %v, %v; want not sent, the reply cut off", d, err)
	}
	if retries != 0 {
		t.Errorf("a flooding server was tried %d times more", retries)
	}
	// 64 MiB offered; the client stops after maxReply, the sockets hold a
	// few MiB more at most.
	if n := srv.Flooded(); n >= smtptest.FloodBytes/2 {
		t.Errorf("the client took %d bytes of a %d-byte reply", n, smtptest.FloodBytes)
	}
	if len(srv.Messages()) != 0 {
		t.Error("a message went to the flooding server")
	}
}

// Implicit TLS (security: tls) still logs in and sends through the bounded
// connection.
func TestImplicitTLSSends(t *testing.T) {
	srv := smtptest.StartImplicitTLS(t, "fupan@example.com", "pw-Ünï")
	cfg := Config{SMTP: SMTP{Host: "127.0.0.1", Port: srv.Port, Security: "tls", User: "fupan@example.com", PasswordEnv: "PW", CAFile: srv.CAFile,
		Timeout: 10 * time.Second, Retries: 1, Backoff: 10 * time.Millisecond}, From: "fupan@example.com", To: []string{"a@example.com"}}
	if err := cfg.Prepare(); err != nil {
		t.Fatal(err)
	}
	s, err := NewSender(cfg, func(string) string { return "pw-Ünï" })
	if err != nil {
		t.Fatal(err)
	}
	if d, err := s.Send(context.Background(), testMessage(t), "id2@example.com", Hooks{}); d != Sent || err != nil {
		t.Fatalf("implicit TLS: %v, %v", d, err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("%d messages", n)
	}
}
