package mail

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	base := func() Config {
		c := Config{SMTP: SMTP{Host: "smtp.example.com", User: "fupan@example.com", PasswordEnv: "PW"}, From: "a@example.com", To: []string{"b@example.com"}}
		c.applyDefaults()
		return c
	}
	tests := []struct {
		name   string
		change func(*Config)
		want   string // "" for no error
	}{
		{"starttls with a user", func(*Config) {}, ""},
		{"no TLS with a user to a remote server", func(c *Config) { c.SMTP.Security = "none" }, "without TLS is refused"},
		{"no TLS with a user to loopback", func(c *Config) { c.SMTP.Security, c.SMTP.Host = "none", "127.0.0.1" }, ""},
		{"no TLS without a user", func(c *Config) { c.SMTP.Security, c.SMTP.User = "none", "" }, ""},
		{"a user but no password variable", func(c *Config) { c.SMTP.PasswordEnv = "" }, "password_env"},
		{"no host", func(c *Config) { c.SMTP.Host = "" }, "smtp.host"},
		{"no recipients", func(c *Config) { c.To = nil }, "to is missing"},
		{"a bad mode", func(c *Config) { c.Mode = "each" }, "mode"},
		{"a bad security", func(c *Config) { c.SMTP.Security = "ssl" }, "security"},
	}
	for _, tt := range tests {
		c := base()
		tt.change(&c)
		err := c.Check()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
	if c := base(); c.SMTP.Port != 587 || c.SMTP.Retries == 0 || c.Subject == "" {
		t.Errorf("defaults: %+v", c.SMTP)
	}
}

func TestFit(t *testing.T) {
	m := Message{Subject: "s", Body: "b", Attachments: []Attachment{{Path: "a", Name: "a.pdf", Size: 100_000}, {Path: "b", Name: "b.pdf", Size: 900_000}, {Path: "c", Name: "c.pdf", Size: 50_000}}}
	fitted, dropped := Fit(m, 400_000)
	if len(dropped) != 1 || dropped[0].Name != "b.pdf" || len(fitted.Attachments) != 2 || fitted.Attachments[0].Name != "a.pdf" {
		t.Errorf("fitted %v dropped %v; want the largest left out, the order kept", fitted.Attachments, dropped)
	}
	if fitted.EstimatedSize() > 400_000 {
		t.Errorf("still %d bytes", fitted.EstimatedSize())
	}
	if _, dropped := Fit(m, 0); dropped != nil {
		t.Error("no limit dropped attachments")
	}
}
