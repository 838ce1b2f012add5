package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/internal/smtptest"
	"github.com/fupan-review/fupan/sqlite"
)

// doctorSetup is a whole installation in temporary folders: a config the
// operator alone can write, the teams' folder with a workbook, OUT, a
// history with its backup, a real SMTP server and the robots' fakes.
type doctorSetup struct {
	opts    doctorOptions
	env     map[string]string
	smtp    *smtptest.Server
	robots  *robottest.Server
	history string
}

func newDoctorSetup(t *testing.T) *doctorSetup {
	t.Helper()
	root := t.TempDir()
	s := &doctorSetup{smtp: smtptest.Start(t, "fupan@example.com", testPassword), robots: robottest.Start(robottest.Wall{})}
	t.Cleanup(s.robots.Close)
	in, out, etc := filepath.Join(root, "incoming"), filepath.Join(root, "reports", "2025-09"), filepath.Join(root, "etc")
	for _, d := range []string{in, out, etc} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyTestFile(t, "../../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	s.history = filepath.Join(root, "reports", defaultHistory)
	db, err := sqlite.Open(context.Background(), s.history, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(context.Background(), filepath.Join(root, "reports", "fupan-history.backup.sqlite"), sqlite.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	cfg := fmt.Sprintf(`mail:
  smtp:
    host: 127.0.0.1
    port: %d
    user: fupan@example.com
    password_env: FUPAN_TEST_SMTP_PASSWORD
    ca_file: %s
    timeout: 5s
    retries: 1
    backoff: 10ms
  from: fupan@example.com
  to: [leader@example.com]
notify:
  - name: 销售群
    kind: wecom
    webhook_env: FUPAN_TEST_WECOM
timezone: Asia/Shanghai
`, s.smtp.Port, s.smtp.CAFile)
	cfgPath := filepath.Join(etc, "fupan.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	s.env = map[string]string{"FUPAN_TEST_SMTP_PASSWORD": testPassword, "FUPAN_TEST_WECOM": s.robots.WeComURL()}
	s.opts = doctorOptions{Lang: catalog.English, Config: cfgPath, Input: in, Output: out,
		Getenv: func(k string) (string, bool) { v, ok := s.env[k]; return v, ok && v != "" },
		Now:    time.Now}
	return s
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// result runs the checks as the command does and returns the one named,
// the whole printed answer, and the command's error.
func (s *doctorSetup) result(t *testing.T, name string) (checkResult, string, error) {
	t.Helper()
	var buf bytes.Buffer
	err := s.opts.run(context.Background(), &buf)
	for _, c := range s.opts.check(context.Background()).Checks {
		if c.Check == name {
			return c, buf.String(), err
		}
	}
	t.Fatalf("no %s check in:\n%s", name, buf.String())
	return checkResult{}, "", nil
}

// A good setup: every check ok, exit 0, and nothing sent.
func TestDoctorGoodSetup(t *testing.T) {
	s := newDoctorSetup(t)
	var buf bytes.Buffer
	s.opts.JSON = true
	if err := s.opts.run(context.Background(), &buf); err != nil {
		t.Fatalf("doctor on a good setup: %v\n%s", err, buf.String())
	}
	var rep doctorReport
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range rep.Checks {
		seen[c.Check] = true
		if c.Status != statusOK {
			t.Errorf("%s: %s %q (fix %q)", c.Check, c.Status, c.Message, c.Fix)
		}
	}
	for _, want := range []string{"config", "input", "output", "history", "backup", "font", "smtp", "robot", "timezone", "clock"} {
		if !seen[want] {
			t.Errorf("no %s check", want)
		}
	}
	if rep.Failures != 0 || rep.Warnings != 0 || rep.OK != len(rep.Checks) {
		t.Errorf("tally %d ok, %d warnings, %d failures of %d", rep.OK, rep.Warnings, rep.Failures, len(rep.Checks))
	}
	if n := len(s.smtp.Messages()); n != 0 {
		t.Errorf("doctor without --send-test sent %d mails", n)
	}
	if n := len(s.robots.Posts()); n != 0 {
		t.Errorf("doctor without --send-test posted %d messages", n)
	}
	// The text answer is in the operator's language.
	s.opts.JSON, s.opts.Lang = false, catalog.Simplified
	buf.Reset()
	_ = s.opts.run(context.Background(), &buf)
	if !strings.Contains(buf.String(), "正常 10 项，警告 0 项，失败 0 项") || !strings.Contains(buf.String(), "邮件服务器") {
		t.Errorf("the answer in Simplified Chinese:\n%s", buf.String())
	}
}

// --send-test sends one mail and posts once per robot.
func TestDoctorSendTest(t *testing.T) {
	s := newDoctorSetup(t)
	s.opts.SendTest = true
	if c, out, err := s.result(t, "smtp"); err != nil || c.Status != statusOK {
		t.Fatalf("smtp %+v, %v\n%s", c, err, out)
	}
	// result runs the checks twice: once printed, once returned.
	if n := len(s.smtp.Messages()); n != 2 || !strings.Contains(string(s.smtp.Messages()[0].Data), "fupan doctor") {
		t.Errorf("%d test mails", n)
	}
	if n := len(s.robots.Posts()); n != 2 {
		t.Errorf("%d test posts", n)
	}
}

// Each broken piece fails its own check, naming what to do, and the command
// exits 1; the other checks still run.
func TestDoctorBrokenPieces(t *testing.T) {
	for _, c := range []struct {
		name, check string
		brk         func(t *testing.T, s *doctorSetup)
		msg, fix    string
	}{
		{"world-writable config", "config", func(t *testing.T, s *doctorSetup) {
			if err := os.Chmod(s.opts.Config, 0o666); err != nil {
				t.Fatal(err)
			}
		}, "others can write it", "chmod 0640"},
		{"config with an unknown key", "config", func(t *testing.T, s *doctorSetup) {
			appendFile(t, s.opts.Config, "histroy: /tmp/h.sqlite\n")
		}, "histroy", "correct the YAML"},
		{"damaged history", "history", func(t *testing.T, s *doctorSetup) {
			if err := os.WriteFile(s.history, bytes.Repeat([]byte("not a database "), 300), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "cannot be opened", "restore it from the last backup"},
		{"history of a newer fupan", "history", func(t *testing.T, s *doctorSetup) {
			raw, err := sql.Open("sqlite", s.history)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = raw.Close() }()
			if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", sqlite.SchemaVersion+1)); err != nil {
				t.Fatal(err)
			}
		}, "newer fupan", "install the fupan that wrote it"},
		{"history inside the teams' folder", "history", func(t *testing.T, s *doctorSetup) {
			s.opts.History = filepath.Join(s.opts.Input, "h.sqlite")
		}, "inside the input folder", "where the teams cannot write"},
		{"wrong SMTP password", "smtp", func(t *testing.T, s *doctorSetup) {
			s.env["FUPAN_TEST_SMTP_PASSWORD"] = "wrong"
		}, "127.0.0.1", "password_env"},
		{"SMTP password variable unset", "smtp", func(t *testing.T, s *doctorSetup) {
			delete(s.env, "FUPAN_TEST_SMTP_PASSWORD")
		}, "smtp.password_env is not set", "password_env"}, // the name is not shown: it might be the secret
		{"SMTP server down", "smtp", func(t *testing.T, s *doctorSetup) {
			rewriteFile(t, s.opts.Config, fmt.Sprintf("port: %d", s.smtp.Port), fmt.Sprintf("port: %d", smtptest.FreePort(t)))
		}, "connecting to 127.0.0.1", "host, port"},
		{"robot webhook unset", "robot", func(t *testing.T, s *doctorSetup) {
			delete(s.env, "FUPAN_TEST_WECOM")
		}, "webhook_env is not set", "webhook_env"},
		{"OUT inside DIR", "output", func(t *testing.T, s *doctorSetup) {
			s.opts.Output = filepath.Join(s.opts.Input, "out")
		}, "inside the input folder", "put OUT outside DIR"},
		{"input folder missing", "input", func(t *testing.T, s *doctorSetup) {
			s.opts.Input = filepath.Join(s.opts.Input, "nope")
		}, "cannot be read", "check the path"},
		{"unknown time zone", "timezone", func(t *testing.T, s *doctorSetup) {
			rewriteFile(t, s.opts.Config, "Asia/Shanghai", "Asia/Shangai")
		}, "Asia/Shangai", "IANA name"},
		{"font not a font", "font", func(t *testing.T, s *doctorSetup) {
			s.opts.Font = s.opts.Config
		}, "cannot be used", "TrueType"},
		{"clock behind the build", "clock", func(t *testing.T, s *doctorSetup) {
			s.opts.Now = func() time.Time { return time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC) }
			s.opts.Built = "2026-11-30T08:00:00Z"
		}, "2001-01-01", "timedatectl"},
		{"clock behind the history's last review", "clock", func(t *testing.T, s *doctorSetup) {
			copyTestFile(t, fmt.Sprintf("../../sqlite/testdata/history-v%d.sqlite", sqlite.SchemaVersion), s.history) // the current schema: an older one is only a warning
			s.opts.Now = func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }
			s.opts.Built = "2024-12-01T00:00:00Z"
		}, "before the history's last review", "timedatectl"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newDoctorSetup(t)
			c.brk(t, s)
			r, out, err := s.result(t, c.check)
			if r.Status != statusFail || !strings.Contains(r.Message, c.msg) || !strings.Contains(r.Fix, c.fix) {
				t.Errorf("%s: %s %q, fix %q; want fail saying %q, fix %q", c.check, r.Status, r.Message, r.Fix, c.msg, c.fix)
			}
			if code := exitCodeOf(err); code != exitFailed {
				t.Errorf("exit %d; want 1\n%s", code, out)
			}
			if !strings.Contains(out, "what to do: "+r.Fix) {
				t.Errorf("the printed answer lacks the fix:\n%s", out)
			}
			if strings.Contains(out, testPassword) {
				t.Errorf("the password is in the answer:\n%s", out)
			}
		})
	}
}

// No config, no folders: warnings and skips, not failures; --strict turns
// the warning into exit 1.
func TestDoctorNothingGiven(t *testing.T) {
	t.Chdir(t.TempDir())
	o := doctorOptions{Lang: catalog.English, Config: "", Getenv: func(string) (string, bool) { return "", false }, Now: time.Now}
	if _, err := os.Stat(systemConfig); err == nil {
		t.Skip(systemConfig + " exists on this machine")
	}
	var buf bytes.Buffer
	if err := o.run(context.Background(), &buf); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), "no config file") || !strings.Contains(buf.String(), "fupan doctor DIR -o OUT") {
		t.Errorf("answer:\n%s", buf.String())
	}
	o.Strict = true
	if code := exitCodeOf(o.run(context.Background(), &buf)); code != exitFailed {
		t.Errorf("--strict with a warning: exit %d", code)
	}
}

func TestOperatorLang(t *testing.T) {
	for env, want := range map[string]catalog.Lang{"zh_CN.UTF-8": catalog.Simplified, "zh_TW.UTF-8": catalog.Traditional, "zh_HK": catalog.Traditional,
		"en_US.UTF-8": catalog.English, "de_DE": catalog.English, "C.UTF-8": catalog.Simplified, "": catalog.Simplified} {
		got := operatorLang(func(k string) (string, bool) { return map[string]string{"LANG": env}[k], k == "LANG" })
		if got != want {
			t.Errorf("LANG=%s: %s, want %s", env, got, want)
		}
	}
}

// exitCodeOf is the status main gives the error.
func exitCodeOf(err error) int { return exitStatus(err, io.Discard) }

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, text...), 0o600); err != nil {
		t.Fatal(err)
	}
}

func rewriteFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte(old), []byte(new)), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A history of an older fupan's schema is a warning, not a failure: the next
// run migrates it, and doctor says to back it up first.
func TestDoctorOlderHistory(t *testing.T) {
	s := newDoctorSetup(t)
	copyTestFile(t, "../../sqlite/testdata/history-v1.sqlite", s.history)
	r, out, err := s.result(t, "history")
	if r.Status != statusWarning || !strings.Contains(r.Message, "older fupan's schema") || !strings.Contains(r.Fix, "fupan history backup") {
		t.Errorf("history v1: %+v\n%s", r, out)
	}
	if err != nil {
		t.Errorf("a warning: %v", err)
	}
}

// Through the command line: DIR before or after -o, --json, --lang, and a
// language fupan does not speak is bad usage.
func TestDoctorCommandLine(t *testing.T) {
	s := newDoctorSetup(t)
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	t.Setenv("FUPAN_TEST_WECOM", s.robots.WeComURL())
	var out, errs bytes.Buffer
	args := []string{"fupan", "doctor", "--config", s.opts.Config, "-o", s.opts.Output, s.opts.Input, "--json", "--lang", "zh-Hant", "--offline"}
	if code := run(context.Background(), args, &out, &errs); code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errs.String())
	}
	var rep doctorReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Failures != 0 || len(rep.Checks) != 10 || rep.Checks[0].Title != "配置文件" || rep.Checks[6].Status != statusSkipped {
		t.Errorf("doctor --json --offline: %+v", rep)
	}
	errs.Reset()
	if code := run(context.Background(), []string{"fupan", "doctor", "--lang", "fr"}, &out, &errs); code != exitBadUsage || !strings.Contains(errs.String(), "--lang") {
		t.Errorf("--lang fr: exit %d, %q", code, errs.String())
	}
}

// Only a real history counts as a backup: a note named backup-TODO.txt
// and a file named as the history with a suffix are not, even when newer;
// the real backup beside them is the one reported.
func TestDoctorBackupIsAHistory(t *testing.T) {
	s := newDoctorSetup(t)
	dir := filepath.Dir(s.history)
	real := filepath.Join(dir, "fupan-history.backup.sqlite")
	old := time.Now().Add(-10 * 24 * time.Hour)
	if err := os.Chtimes(real, old, old); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"backup-TODO.txt", "fupan-history.sqlite.notes"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("not a history\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r, out, _ := s.result(t, "backup")
	if r.Status != statusWarning || !strings.Contains(r.Message, "fupan-history.backup.sqlite") {
		t.Errorf("with a stale real backup and two newer files that are none: %+v\n%s", r, out)
	}
	if err := os.Remove(real); err != nil {
		t.Fatal(err)
	}
	if r, out, _ := s.result(t, "backup"); r.Status != statusWarning || strings.Contains(r.Message, "TODO") || strings.Contains(r.Message, ".notes") {
		t.Errorf("with no real backup: %+v\n%s", r, out)
	}
}
