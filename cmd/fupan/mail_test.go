package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/smtptest"
)

const testPassword = "S3cret-密码-Ünï"

// parsed is a received mail taken apart.
type parsed struct {
	subject, body string
	html          string
	attachments   map[string][]byte // by decoded file name
}

func parseMail(t *testing.T, data []byte) parsed {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	p := parsed{attachments: map[string][]byte{}}
	if p.subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(r io.Reader, boundary string)
	walk = func(r io.Reader, boundary string) {
		mr := multipart.NewReader(r, boundary)
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ct, ps, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
			if strings.HasPrefix(ct, "multipart/") {
				walk(part, ps["boundary"])
				continue
			}
			raw, _ := io.ReadAll(part)
			if part.Header.Get("Content-Transfer-Encoding") == "base64" {
				raw, err = base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(raw)), ""))
				if err != nil {
					t.Fatal(err)
				}
			}
			_, dp, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
			if name := dp["filename"]; name != "" {
				decoded, err := dec.DecodeHeader(name)
				if err != nil {
					t.Fatal(err)
				}
				p.attachments[decoded] = raw
				continue
			}
			if ct == "text/html" {
				p.html = string(raw)
			}
			if ct == "text/plain" {
				p.body = string(raw)
				if part.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
					p.body = string(raw) // multipart.Reader decodes quoted-printable itself
				}
			}
		}
	}
	walk(m.Body, params["boundary"])
	return p
}

func writeConfig(t *testing.T, port int, caFile, extra string) string {
	t.Helper()
	cfg := fmt.Sprintf(`mail:
  smtp:
    host: 127.0.0.1
    port: %d
    security: starttls
    user: fupan@example.com
    password_env: FUPAN_TEST_SMTP_PASSWORD
    ca_file: %s
    retries: 2
    backoff: 20ms
    timeout: 5s
  from: 复盘报告 <fupan@example.com>
  to: [leader@example.com, ceo@example.com]
  cc: [pmo@example.com]
  subject: "策略复盘 {{.Period}}:{{.OK}} 个团队,平均达成率 {{.MeanAchievement}}"
%s`, port, caFile, extra)
	path := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertNoPassword searches logs and every file of OUT for the password.
func assertNoPassword(t *testing.T, out string, logs ...string) {
	t.Helper()
	for _, l := range logs {
		if strings.Contains(l, testPassword) {
			t.Errorf("the password appears in the output or logs:\n%s", l)
		}
	}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(testPassword)) {
				t.Errorf("the password is written in %s", p)
			}
		}
		return nil
	})
}

func TestMailEndToEnd(t *testing.T) {
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	cfg := writeConfig(t, srv.Port, srv.CAFile, "")
	out := t.TempDir()
	stdout, stderr, code := runCLI(t, "--log-level", "debug", "run", "../../samples", "-o", out, "--mail", "--config", cfg)
	if code != 0 {
		t.Fatalf("run --mail: exit %d\n%s", code, stderr)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages; want 1", len(msgs))
	}
	rcpts := append([]string{}, msgs[0].To...)
	sort.Strings(rcpts)
	if strings.Join(rcpts, ",") != "ceo@example.com,leader@example.com,pmo@example.com" {
		t.Errorf("recipients %v", rcpts)
	}
	m := parseMail(t, msgs[0].Data)
	if m.subject != "策略复盘 2025Q3:5 个团队,平均达成率 98%" {
		t.Errorf("subject %q", m.subject)
	}
	want := []string{"overview.pdf", "East-China-Sales_2025Q3.pdf", "华东销售部-单表_2025Q3.pdf", "华东销售部-日期格式_2025Q3.pdf", "华东销售部_2025Q3.pdf", "華東銷售部_2025Q3.pdf"}
	if len(m.attachments) != len(want) {
		t.Errorf("attachments %d; want %d", len(m.attachments), len(want))
	}
	for _, name := range want {
		onDisk, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := m.attachments[name]; !ok || !bytes.Equal(got, onDisk) {
			t.Errorf("attachment %s missing or not byte-identical to OUT (%d vs %d bytes)", name, len(got), len(onDisk))
		}
	}
	if !strings.Contains(m.body, "指标达成 5/15，全部指标平均达成率（单项封顶100%）91.3%") { // 90%, 84% and 120% counted as 100%
		t.Errorf("body lacks the figures:\n%s", m.body)
	}
	// The HTML part: the teams in a table, with what needs a decision in
	// the mail's language, the zh-Hant team's action as it wrote it.
	for _, want := range []string{"<table", "<td>華東銷售部(繁體版)</td>", "<td align=\"center\">1/3</td>", "91.3%", "行动“降低新客戶獲取成本”已过完成时间"} {
		if !strings.Contains(m.html, want) {
			t.Errorf("the HTML part lacks %q:\n%s", want, m.html)
		}
	}
	// A re-run sends nothing twice.
	_, stderr2, code := runCLI(t, "run", "../../samples", "-o", out, "--mail", "--config", cfg)
	if code != 0 || len(srv.Messages()) != 1 {
		t.Errorf("re-run: exit %d, %d messages; want 0 and still 1\n%s", code, len(srv.Messages()), stderr2)
	}
	_, stderr3, code := runCLI(t, "mail", out, "--config", cfg)
	if code != 0 || len(srv.Messages()) != 1 {
		t.Errorf("fupan mail after the run: exit %d, %d messages", code, len(srv.Messages()))
	}
	_, _, code = runCLI(t, "mail", out, "--config", cfg, "--resend")
	if code != 0 || len(srv.Messages()) != 2 {
		t.Errorf("--resend: exit %d, %d messages; want 2", code, len(srv.Messages()))
	}
	assertNoPassword(t, out, stdout, stderr, stderr2, stderr3)
}

func TestMailPerTeam(t *testing.T) {
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	cfg := writeConfig(t, srv.Port, srv.CAFile, `  mode: per-team
  teams:
    華東銷售部(繁體版): [east-tw@example.com]
    East-China-Sales: [east-en@example.com]
`)
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--mail", "--config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	byTo := map[string]parsed{}
	for _, msg := range srv.Messages() {
		sort.Strings(msg.To)
		byTo[strings.Join(msg.To, ",")] = parseMail(t, msg.Data)
	}
	if len(srv.Messages()) != 5 {
		t.Fatalf("%d messages; want one per team (5)", len(srv.Messages()))
	}
	tw, ok := byTo["east-tw@example.com,pmo@example.com"]
	if !ok {
		t.Fatalf("no mail to the Traditional team's lead: %v", byTo)
	}
	if _, ok := tw.attachments["華東銷售部_2025Q3.pdf"]; !ok || len(tw.attachments) != 1 {
		t.Errorf("the team's mail has %v", tw.attachments)
	}
	// A team's mail carries that team only: not the others' names or
	// figures, not the company's totals, not the greeting to leadership.
	sum, err := batch.ReadSummary(out)
	if err != nil {
		t.Fatal(err)
	}
	pdfTeam := map[string]string{}
	for _, e := range sum.Entries {
		if e.Status == batch.StatusOK {
			pdfTeam[filepath.Base(e.Outputs.PDF)] = e.Team
		}
	}
	for to, m := range byTo {
		var team string
		for name := range m.attachments {
			team = pdfTeam[name]
		}
		if team == "" {
			t.Fatalf("mail to %s: no report attached (%v)", to, m.attachments)
		}
		texts := map[string]string{"subject": m.subject, "body": m.body, "html": m.html}
		for part, text := range texts {
			if !strings.Contains(text, team) && part != "subject" {
				t.Errorf("mail to %s: its %s does not name its team %s:\n%s", to, part, team, text)
			}
			for _, other := range pdfTeam {
				if other != team && !strings.Contains(team, other) && strings.Contains(text, other) {
					t.Errorf("mail to %s (%s): its %s names %s:\n%s", to, team, part, other, text)
				}
			}
			for _, leaders := range []string{"各位领导好", "各位主管好", "5 个团队", "已生成报告 5 份", "5/15"} {
				if strings.Contains(text, leaders) {
					t.Errorf("mail to %s (%s): its %s says %q:\n%s", to, team, part, leaders, text)
				}
			}
		}
	}
}

func TestMailServerDownThenUp(t *testing.T) {
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	down := writeConfig(t, smtptest.FreePort(t), srv.CAFile, "")
	_, stderr, code := runCLI(t, "mail", out, "--config", down)
	if code != 1 {
		t.Fatalf("server down: exit %d; want 1\n%s", code, stderr)
	}
	if strings.Count(stderr, "mail not sent yet") != 2 || !strings.Contains(stderr, "gave up after 3 attempts") {
		t.Errorf("want two retries and a clear failure:\n%s", stderr)
	}
	for _, p := range []string{"overview.pdf", "華東銷售部_2025Q3.pdf"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("a failed mail lost %s: %v", p, err)
		}
	}
	// The server answers 451 twice, then takes the mail: sent once.
	srv.TempFailures = 2
	up := writeConfig(t, srv.Port, srv.CAFile, "")
	if _, stderr, code := runCLI(t, "mail", out, "--config", up); code != 0 {
		t.Fatalf("server up: exit %d\n%s", code, stderr)
	}
	if _, _, code := runCLI(t, "mail", out, "--config", up); code != 0 {
		t.Fatal("third call failed")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages; want exactly 1", n)
	}
	assertNoPassword(t, out, stderr)
}

func TestMailWrongPasswordIsPermanent(t *testing.T) {
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	const wrong = "wr0ng-Pässwort"
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", wrong)
	out := t.TempDir()
	if _, _, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatal("run failed")
	}
	_, stderr, code := runCLI(t, "mail", out, "--config", writeConfig(t, srv.Port, srv.CAFile, ""))
	if code != 1 || strings.Contains(stderr, "mail not sent yet") || !strings.Contains(stderr, "permanent") {
		t.Errorf("a refused login: exit %d; want 1 without retries:\n%s", code, stderr)
	}
	if strings.Contains(stderr, wrong) {
		t.Error("the password was logged")
	}
}

func TestMailDryRunAndSizeLimit(t *testing.T) {
	out := t.TempDir()
	if _, _, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatal("run failed")
	}
	// No server, no password needed: a dry run writes the mail.
	cfg := writeConfig(t, smtptest.FreePort(t), "", "")
	b, _ := os.ReadFile(cfg)
	b = bytes.Replace(b, []byte("    ca_file: \n"), []byte("    max_bytes: 250000\n"), 1)
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "mail", out, "--config", cfg, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d\n%s", code, stderr)
	}
	emls, _ := filepath.Glob(filepath.Join(out, "mail", "*.eml"))
	if len(emls) != 1 {
		t.Fatalf("eml files %v", emls)
	}
	data, _ := os.ReadFile(emls[0])
	m := parseMail(t, data)
	if len(m.attachments) == 0 || len(m.attachments) == 6 {
		t.Errorf("%d attachments within 250 kB; want some, not all", len(m.attachments))
	}
	if !strings.Contains(m.body, "超过邮件大小上限") || !strings.Contains(stderr, "left out") {
		t.Errorf("the body and the log must name what was left out:\n%s\n%s", m.body, stderr)
	}
	if len(data) > 250000 {
		t.Errorf("the message is %d bytes, over the limit", len(data))
	}
}
