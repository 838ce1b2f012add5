// Package mail sends the reports by SMTP with github.com/wneessen/go-mail: the
// configuration file, messages with their attachments, retries with back-off
// and dry runs that write .eml files. It is the only package that knows the
// SMTP client.
package mail

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/fupan-review/fupan/catalog"
)

// Config is the mail part of fupan.yaml.
type Config struct {
	SMTP SMTP     `yaml:"smtp"`
	From string   `yaml:"from"`
	To   []string `yaml:"to"`
	Cc   []string `yaml:"cc"`
	// Subject and Body are text/template templates over the run's figures (see
	// the README for the fields).
	Subject string `yaml:"subject"`
	Body    string `yaml:"body"`
	// BodyHTML is an html/template over the same figures, sent beside the
	// plain body as an alternative part.
	BodyHTML string `yaml:"body_html"`
	// Mode is "single" (one mail with the overview and every PDF) or "per-team"
	// (one mail per team, to Teams[team] or else To).
	Mode  string              `yaml:"mode"`
	Teams map[string][]string `yaml:"teams"`
	// Lang is the language of the default subject and bodies: zh-Hans (the
	// default), zh-Hant or en.
	Lang string `yaml:"lang"`
}

// SMTP is the server part of the configuration.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Security string `yaml:"security"` // starttls (default), tls, or none
	User     string `yaml:"user"`
	// PasswordEnv names the environment variable holding the password: the
	// password itself is never in the file, on the command line or in a log.
	PasswordEnv string        `yaml:"password_env"`
	CAFile      string        `yaml:"ca_file"`   // trust this CA as well (an internal relay)
	MaxBytes    int64         `yaml:"max_bytes"` // the server's message size limit
	Timeout     time.Duration `yaml:"timeout"`
	Retries     int           `yaml:"retries"`
	Backoff     time.Duration `yaml:"backoff"` // the first wait; it doubles
}

// Prepare fills in the defaults and checks the configuration, once it has been
// read from the mail section of fupan.yaml.
func (c *Config) Prepare() error {
	c.applyDefaults()
	return c.Check()
}

func (c *Config) applyDefaults() {
	if c.SMTP.Security == "" {
		c.SMTP.Security = "starttls"
	}
	if c.SMTP.Port == 0 {
		c.SMTP.Port = map[string]int{"starttls": 587, "tls": 465, "none": 25}[c.SMTP.Security]
	}
	if c.SMTP.Timeout == 0 {
		c.SMTP.Timeout = 30 * time.Second
	}
	if c.SMTP.Retries == 0 {
		c.SMTP.Retries = 4
	}
	if c.SMTP.Backoff == 0 {
		c.SMTP.Backoff = 2 * time.Second
	}
	if c.SMTP.MaxBytes == 0 {
		c.SMTP.MaxBytes = 20 << 20
	}
	if c.Mode == "" {
		c.Mode = "single"
	}
	// The default mail is in the language of lang: (Simplified where it is
	// not given); a subject or body of the file replaces its part.
	lang, ok := catalog.ParseLang(c.Lang)
	if !ok {
		lang = catalog.Simplified // Check reports a lang: it cannot read
	}
	subject, body, htmlBody := defaults(lang)
	if c.Subject == "" {
		c.Subject = subject
	}
	if c.Body == "" {
		c.Body = body
	}
	if c.BodyHTML == "" {
		c.BodyHTML = htmlBody
	}
}

// Check reports what is missing or unsafe in the configuration.
func (c Config) Check() error {
	var errs []error
	if c.SMTP.Host == "" {
		errs = append(errs, errors.New("smtp.host is missing"))
	}
	switch c.SMTP.Security {
	case "starttls", "tls", "none":
	default:
		errs = append(errs, fmt.Errorf("smtp.security %q: want starttls, tls or none", c.SMTP.Security))
	}
	if c.From == "" {
		errs = append(errs, errors.New("from is missing"))
	}
	if len(c.To) == 0 && len(c.Teams) == 0 {
		errs = append(errs, errors.New("to is missing"))
	}
	if _, ok := catalog.ParseLang(c.Lang); c.Lang != "" && !ok {
		errs = append(errs, fmt.Errorf("lang %q: want zh-Hans, zh-Hant or en", c.Lang))
	}
	if c.Mode != "single" && c.Mode != "per-team" {
		errs = append(errs, fmt.Errorf("mode %q: want single or per-team", c.Mode))
	}
	if c.SMTP.User != "" && c.SMTP.PasswordEnv == "" {
		errs = append(errs, errors.New("smtp.user is set but smtp.password_env (the variable holding the password) is not"))
	}
	// A password never crosses the network in the clear, but to a relay on
	// this machine.
	if c.SMTP.User != "" && c.SMTP.Security == "none" && !isLoopback(c.SMTP.Host) {
		errs = append(errs, fmt.Errorf("smtp.security none with a user: authentication without TLS is refused for %s (only a server on loopback may have it)", c.SMTP.Host))
	}
	return errors.Join(errs...)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
