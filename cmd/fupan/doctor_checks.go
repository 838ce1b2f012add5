package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/fupan-review/fupan/postgres"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fupan-review/fupan/internal/secret"
	"github.com/fupan-review/fupan/mail"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/sqlite"
)

// untrusted is the input folder, where the teams write: the config and the
// history must not be inside it.
func (d *doctor) untrusted() []string {
	if d.o.Input == "" {
		return nil
	}
	return []string{d.o.Input}
}

// checkConfig finds the config as run does, and judges it as run would.
//
// ok is false where a config was found that cannot be used: the checks that
// depend on it are then skipped.
func (d *doctor) checkConfig() (fc fileConfig, path string, ok bool) {
	path = d.o.Config
	if path == "" {
		path = defaultConfig()
	}
	if path == "" {
		d.add("config", statusWarning, "doctor.config.none", systemConfig).fix(d.o.Lang, "doctor.config.none.fix", systemConfig)
		return fileConfig{}, "", true
	}
	if err := trustConfig(path, d.untrusted()); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			d.add("config", statusFail, "doctor.config.bad", path, err).fix(d.o.Lang, "doctor.config.none.fix", path)
			return fileConfig{}, "", false
		}
		d.add("config", statusFail, "doctor.config.refused", path, err).fix(d.o.Lang, "doctor.config.refused.fix")
		return fileConfig{}, "", false
	}
	fc, err := decodeConfig(path)
	if err != nil {
		d.add("config", statusFail, "doctor.config.bad", path, err).fix(d.o.Lang, "doctor.config.bad.fix")
		return fileConfig{}, "", false
	}
	d.add("config", statusOK, "doctor.config.found", path)
	return fc, path, true
}

// decodeConfig reads fupan.yaml as loadConfig does: unknown keys refused,
// at most 1 MiB.
func decodeConfig(path string) (fileConfig, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileConfig{}, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return fileConfig{}, err
	}
	return decodeFileConfig(data)
}

func (d *doctor) checkInput() {
	if d.o.Input == "" {
		d.add("input", statusSkipped, "doctor.input.none").fix(d.o.Lang, "doctor.input.none.fix")
		return
	}
	entries, err := os.ReadDir(d.o.Input)
	if err != nil {
		d.add("input", statusFail, "doctor.input.bad", d.o.Input, err).fix(d.o.Lang, "doctor.input.bad.fix")
		return
	}
	n := 0
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && !strings.HasPrefix(e.Name(), "~$") && (ext == ".xlsx" || ext == ".xlsm") {
			n++
		}
	}
	// A share is where the teams' folder usually lives: only the history
	// must not be on one.
	if remote, fs := sqlite.OnNetworkFS(d.o.Input); remote {
		d.add("input", statusOK, "doctor.input.share", d.o.Input, n, fs)
		return
	}
	d.add("input", statusOK, "doctor.input.ok", d.o.Input, n)
}

func (d *doctor) checkOutput() {
	out := d.o.Output
	if out == "" {
		d.add("output", statusSkipped, "doctor.output.none").fix(d.o.Lang, "doctor.output.none.fix")
		return
	}
	if abs, err := filepath.Abs(out); err == nil && d.o.Input != "" {
		if in, ok := insideAny(realPath(abs), d.untrusted()); ok {
			d.add("output", statusFail, "doctor.output.inside", out, in).fix(d.o.Lang, "doctor.output.inside.fix")
			return
		}
	}
	// run makes OUT where it is missing: what counts then is its parent.
	dir := out
	for {
		if _, err := os.Stat(dir); err == nil || filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	if err := tryWrite(dir); err != nil {
		d.add("output", statusFail, "doctor.output.bad", out, err).fix(d.o.Lang, "doctor.output.bad.fix")
		return
	}
	d.add("output", statusOK, "doctor.output.ok", out)
}

// realPath follows the links of path's longest existing part, so a folder
// not made yet is compared as it will be.
func realPath(p string) string {
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// tryWrite writes and removes a file in dir: the permissions say less than
// trying (ACLs, read-only mounts, systemd's ProtectSystem).
func tryWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".fupan-doctor-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_ = f.Close()
	return os.Remove(name)
}

// historyFile is where run would keep the history, as historyPath says.
func (d *doctor) historyFile(fc fileConfig, cfgPath string) string {
	switch {
	case d.o.NoHistory:
		return ""
	case d.o.History != "":
		return d.o.History
	case fc.History.Location != "":
		if filepath.IsAbs(fc.History.Location) || postgres.IsURL(fc.History.Location) {
			return fc.History.Location
		}
		return filepath.Join(filepath.Dir(cfgPath), fc.History.Location)
	case d.o.Output != "":
		if abs, err := filepath.Abs(d.o.Output); err == nil {
			return filepath.Join(filepath.Dir(abs), defaultHistory)
		}
	}
	return ""
}

func (d *doctor) checkHistory(ctx context.Context, fc fileConfig, cfgPath string) {
	path := d.historyFile(fc, cfgPath)
	if path == "" {
		d.add("history", statusSkipped, "doctor.history.none")
		return
	}
	if err := checkHistoryLocation(path); err != nil {
		d.add("history", statusFail, "doctor.history.dsn").fix(d.o.Lang, "doctor.history.pgpassword.fix")
		return
	}
	if postgres.IsURL(path) {
		// As openServerHistory: the config's password_env, whichever URL.
		d.checkServerHistory(ctx, path, fc.History.PasswordEnv)
		return
	}
	if err := outsideTeamFolders(path, d.untrusted()); err != nil {
		d.add("history", statusFail, "doctor.history.inside", path, d.o.Input).fix(d.o.Lang, "doctor.history.inside.fix")
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		if remote, fs := sqlite.OnNetworkFS(filepath.Dir(abs)); remote {
			d.add("history", statusFail, "doctor.history.network", path, fs).fix(d.o.Lang, "doctor.history.network.fix")
			return
		}
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		d.add("history", statusOK, "doctor.history.new", path)
		return
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: true})
	switch {
	case errors.Is(err, sqlite.ErrOlderSchema):
		// Not broken: the next run brings it up to date, as after an upgrade.
		d.add("history", statusWarning, "doctor.history.older", path).fix(d.o.Lang, "doctor.history.older.fix")
		return
	case errors.Is(err, sqlite.ErrNewerSchema):
		d.add("history", statusFail, "doctor.history.bad", path, err).fix(d.o.Lang, "doctor.history.newer.fix")
		return
	case err != nil:
		d.add("history", statusFail, "doctor.history.bad", path, err).fix(d.o.Lang, "doctor.history.bad.fix")
		return
	}
	defer func() { _ = db.Close() }()
	st, err := db.Stats(ctx)
	if err == nil && st.Integrity != "ok" {
		err = fmt.Errorf("integrity check: %s", st.Integrity)
	}
	if err != nil {
		d.add("history", statusFail, "doctor.history.bad", path, err).fix(d.o.Lang, "doctor.history.bad.fix")
		return
	}
	d.lastRecorded, _ = time.Parse(time.RFC3339, st.LastRecorded)
	if st.Reviews == 0 {
		d.add("history", statusOK, "doctor.history.empty", path, st.Schema)
	} else {
		d.add("history", statusOK, "doctor.history.ok", path, st.Schema, st.Bytes, st.Reviews, st.LastTeam, st.LastPeriod, st.LastRecorded)
	}
	d.checkBackup(path)
}

// backupMaxAge is the age past which a backup is a warning: a daily timer
// that stopped a week ago.
const backupMaxAge = 7 * 24 * time.Hour

// checkBackup looks beside the history for copies fupan history backup
// wrote (a name holding "backup", or the history's own name with a suffix)
// that are a history indeed: a note named backup-TODO.txt is none.
func (d *doctor) checkBackup(history string) {
	dir, base := filepath.Dir(history), filepath.Base(history)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	entries, _ := os.ReadDir(dir)
	type found struct {
		name string
		mod  time.Time
	}
	var backups []found
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || n == base || strings.HasSuffix(n, "-wal") || strings.HasSuffix(n, "-shm") || strings.HasSuffix(n, "-journal") {
			continue
		}
		if !strings.Contains(strings.ToLower(n), "backup") && !strings.HasPrefix(n, stem) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && sqlite.IsHistoryFile(filepath.Join(dir, n)) {
			backups = append(backups, found{filepath.Join(dir, n), fi.ModTime()})
		}
	}
	if len(backups) == 0 {
		d.add("backup", statusWarning, "doctor.backup.none", history).fix(d.o.Lang, "doctor.backup.none.fix")
		return
	}
	sort.Slice(backups, func(i, j int) bool { return backups[i].mod.After(backups[j].mod) })
	last := backups[0]
	age := d.o.Now().Sub(last.mod).Round(time.Minute)
	if age > backupMaxAge {
		d.add("backup", statusWarning, "doctor.backup.old", last.name, age).fix(d.o.Lang, "doctor.backup.none.fix")
		return
	}
	d.add("backup", statusOK, "doctor.backup.ok", last.name, age)
}

func (d *doctor) checkFont() {
	if d.o.Font == "" {
		d.add("font", statusOK, "doctor.font.embedded")
		return
	}
	if _, err := pdf.LoadFont(d.o.Font); err != nil {
		d.add("font", statusFail, "doctor.font.bad", d.o.Font, err).fix(d.o.Lang, "doctor.font.bad.fix")
		return
	}
	d.add("font", statusOK, "doctor.font.ok", d.o.Font)
}

// smtpTimeout bounds the mail server's check: a firewall that drops the
// packets would otherwise hold the doctor for the configured timeout.
const smtpTimeout = 20 * time.Second

func (d *doctor) checkSMTP(ctx context.Context, fc fileConfig) {
	if fc.Mail == nil {
		d.add("smtp", statusSkipped, "doctor.smtp.none")
		return
	}
	cfg := *fc.Mail
	if err := cfg.Prepare(); err != nil {
		d.add("smtp", statusFail, "doctor.smtp.bad", err).fix(d.o.Lang, "doctor.smtp.bad.fix")
		return
	}
	if cfg.SMTP.CAFile != "" {
		if err := trustConfig(cfg.SMTP.CAFile, d.untrusted()); err != nil {
			d.add("smtp", statusFail, "doctor.smtp.bad", fmt.Errorf("smtp.ca_file %s refused: %w", cfg.SMTP.CAFile, err)).fix(d.o.Lang, "doctor.smtp.bad.fix")
			return
		}
	}
	getenv := func(k string) string { v, _ := d.o.Getenv(k); return v }
	sender, err := mail.NewSender(cfg, getenv)
	if err != nil {
		d.add("smtp", statusFail, "doctor.smtp.bad", err).fix(d.o.Lang, "doctor.smtp.bad.fix")
		return
	}
	host, port := cfg.SMTP.Host, cfg.SMTP.Port
	if d.o.Offline {
		d.add("smtp", statusSkipped, "doctor.smtp.offline", host, port)
		return
	}
	pctx, cancel := context.WithTimeout(ctx, smtpTimeout)
	defer cancel()
	if err := sender.Probe(pctx); err != nil {
		d.add("smtp", statusFail, "doctor.smtp.failed", host, port, err).fix(d.o.Lang, "doctor.smtp.failed.fix")
		return
	}
	if !d.o.SendTest || len(cfg.To) == 0 {
		d.add("smtp", statusOK, "doctor.smtp.ok", host, port)
		return
	}
	m := mail.Message{To: cfg.To, Subject: d.text("doctor.smtp.test.subject"), Body: d.text("doctor.smtp.test.body")}
	id := fmt.Sprintf("<fupan-doctor-%d@%s>", d.o.Now().UnixNano(), host)
	if _, err := sender.Send(pctx, m, id, mail.Hooks{}); err != nil {
		d.add("smtp", statusFail, "doctor.smtp.failed", host, port, err).fix(d.o.Lang, "doctor.smtp.failed.fix")
		return
	}
	d.add("smtp", statusOK, "doctor.smtp.sent", strings.Join(cfg.To, ", "))
}

func (d *doctor) checkRobots(ctx context.Context, fc fileConfig) {
	if len(fc.Notify) == 0 {
		d.add("robot", statusSkipped, "doctor.robot.none")
		return
	}
	counts := map[string]int{}
	for _, n := range fc.Notify {
		name := n.Name
		if name == "" {
			counts[n.Kind]++
			name = fmt.Sprintf("%s-%d", n.Kind, counts[n.Kind])
		}
		r, err := d.robot(n)
		if err != nil {
			d.add("robot", statusFail, "doctor.robot.bad", name, err).fix(d.o.Lang, "doctor.robot.bad.fix")
			continue
		}
		if !d.o.SendTest {
			d.add("robot", statusOK, "doctor.robot.ok", name, n.Kind)
			continue
		}
		text := d.text("doctor.robot.test")
		if err := r.Send(ctx, robot.Message{Title: text, Markdown: text, Text: text}); err != nil {
			d.add("robot", statusFail, "doctor.robot.bad", name, err).fix(d.o.Lang, "doctor.robot.bad.fix")
			continue
		}
		d.add("robot", statusOK, "doctor.robot.sent", name, n.Kind)
	}
}

// robot makes a configured robot as notify does: its kind known, its
// webhook (and secret) in the environment and well formed.
func (d *doctor) robot(n notifyConfig) (*robot.Robot, error) {
	kind, err := robot.ParseKind(n.Kind)
	if err != nil {
		return nil, err
	}
	webhook, err := secret.FromEnv(d.o.Getenv, n.WebhookEnv, "webhook_env")
	if err != nil {
		return nil, err
	}
	var sec string
	if n.SecretEnv != "" {
		if sec, err = secret.FromEnv(d.o.Getenv, n.SecretEnv, "secret_env"); err != nil {
			return nil, err
		}
	}
	r, err := robot.New(robot.Options{Kind: kind, Webhook: webhook, Secret: sec, Retries: 1})
	if err != nil {
		return nil, fmt.Errorf("$%s: %w", n.WebhookEnv, err)
	}
	return r, nil
}

func (d *doctor) checkTimezone(fc fileConfig) {
	now := d.o.Now()
	if fc.Timezone != "" {
		loc, err := time.LoadLocation(fc.Timezone)
		if err != nil {
			d.add("timezone", statusFail, "doctor.timezone.bad", fc.Timezone, err).fix(d.o.Lang, "doctor.timezone.bad.fix")
			return
		}
		d.add("timezone", statusOK, "doctor.timezone.ok", fc.Timezone, now.In(loc).Format("2006-01-02 15:04 MST"))
		return
	}
	if _, off := now.Zone(); off == 0 {
		d.add("timezone", statusWarning, "doctor.timezone.utc").fix(d.o.Lang, "doctor.timezone.utc.fix")
		return
	}
	d.add("timezone", statusOK, "doctor.timezone.ok", now.Location().String(), now.Format("2006-01-02 15:04 MST"))
}

// checkClock catches a clock left far behind (a machine without NTP after a
// dead battery): periods and reminders are counted from it. Without a
// network time source to ask, the build's date and the last review the
// history recorded are the floor.
func (d *doctor) checkClock() {
	now := d.o.Now()
	if built, err := time.Parse(time.RFC3339, d.o.Built); err == nil && now.Before(built.Add(-24*time.Hour)) {
		d.add("clock", statusFail, "doctor.clock.bad", now.Format(time.RFC3339), built.Format(time.RFC3339)).fix(d.o.Lang, "doctor.clock.bad.fix")
		return
	}
	if !d.lastRecorded.IsZero() && now.Before(d.lastRecorded.Add(-time.Hour)) {
		d.add("clock", statusFail, "doctor.clock.history", now.Format(time.RFC3339), d.lastRecorded.Format(time.RFC3339)).fix(d.o.Lang, "doctor.clock.bad.fix")
		return
	}
	d.add("clock", statusOK, "doctor.clock.ok", now.Format("2006-01-02 15:04:05 -07:00"))
}
