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
		{"a language", func(c *Config) { c.Lang = "zh-TW" }, ""},
		{"a language fupan does not write", func(c *Config) { c.Lang = "fr" }, `lang "fr"`},
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

// The default mail is in the language of lang:, and a subject of the file
// replaces the default's.
func TestDefaultMailInItsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, subject, want string
	}{
		{"", "", "策略复盘报告 2025Q3：5 个团队"},
		{"zh-Hant", "", "策略復盤報告 2025Q3：5 個團隊"},
		{"en", "", "Strategy review 2025Q3: 5 teams"},
		{"en", "复盘 {{.Period}}", "复盘 2025Q3"},
	} {
		c := Config{Lang: tc.lang, Subject: tc.subject}
		c.applyDefaults()
		subject, body, err := c.Render(Figures{Period: "2025Q3", OK: 5, MetricsMet: "9/15"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(subject, tc.want) {
			t.Errorf("lang %q: subject %q, want it to begin %q", tc.lang, subject, tc.want)
		}
		if tc.lang == "en" && !strings.HasPrefix(body, "Hello,") || tc.lang == "zh-Hant" && !strings.HasPrefix(body, "各位主管好") {
			t.Errorf("lang %q: body %q", tc.lang, body)
		}
		html, err := c.RenderHTML(Figures{Period: "2025Q3", OK: 1, Teams: []TeamFigures{{Team: "R&D <East>", Attention: []string{"a < b"}}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range map[string][]string{
			"":        {`<html lang="zh-Hans">`, "<th align=\"left\">团队</th>", "<td>R&amp;D &lt;East&gt;</td>", "• a &lt; b<br>"},
			"zh-Hant": {`<html lang="zh-Hant">`, "<th align=\"left\">團隊</th>", "平均達成率（單項封頂100%）"},
			"en":      {`<html lang="en">`, "<th align=\"left\">Team</th>", "<th>Mean achievement (each capped at 100%)</th>"},
		}[tc.lang] {
			if !strings.Contains(html, want) {
				t.Errorf("lang %q: the HTML part lacks %q:\n%s", tc.lang, want, html)
			}
		}
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

// The default mail of one team (per-team mode) names the team in its
// subject and greets its reader, not leadership; the mail to everyone
// keeps the company's count.
func TestDefaultMailPerTeam(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		c := Config{SMTP: SMTP{Host: "h"}, From: "a@b", To: []string{"c@d"}, Lang: lang}
		if err := c.Prepare(); err != nil {
			t.Fatal(err)
		}
		subject, body, err := c.Render(Figures{Period: "2025Q3", Team: "华南销售部", OK: 1, MetricsMet: "2/3"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(subject, "华南销售部") || strings.Contains(subject, "1 ") || strings.Contains(body, "领导") || strings.Contains(body, "主管") {
			t.Errorf("%s: the team's mail: %q\n%s", lang, subject, body)
		}
		html, err := c.RenderHTML(Figures{Period: "2025Q3", Team: "华南销售部", OK: 1, MetricsMet: "2/3"})
		if err != nil || strings.Contains(html, "领导") || strings.Contains(html, "主管") {
			t.Errorf("%s: the team's HTML: %v\n%s", lang, err, html)
		}
		subject, body, _ = c.Render(Figures{Period: "2025Q3", OK: 5, MetricsMet: "9/15"})
		if !strings.Contains(subject, "5") || lang != "en" && !strings.Contains(body, "好") {
			t.Errorf("%s: the mail to everyone: %q\n%s", lang, subject, body)
		}
	}
}
