package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/pgtest"
)

// history backup of a PostgreSQL history suggests pg_dump writing a .dump
// (not the .sqlite named); the nightly unit's command, on a PostgreSQL
// site, does nothing and says why, exit 0, rather than fail every night.
func TestHistoryBackupPostgres(t *testing.T) {
	db := pgtest.Database(t)
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(t.TempDir(), "out"), "--history", db); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "fupan-history.backup.sqlite")
	_, stderr, code := runCLI(t, "history", "backup", "--history", db, dest)
	if code != 2 || !strings.Contains(stderr, "pg_dump -Fc -f "+filepath.Join(dir, "fupan-history.backup.dump")) || strings.Contains(stderr, "-f "+dest) {
		t.Errorf("backup: exit %d\n%s", code, stderr)
	}

	// The unit's own command line, its config pointing at PostgreSQL.
	unit, err := os.ReadFile("../../contrib/systemd/fupan-backup.service")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(unit), "\n") {
		if cmd, ok := strings.CutPrefix(line, "ExecStart=/usr/bin/fupan "); ok {
			args = strings.Fields(cmd)
		}
	}
	cfg := filepath.Join(dir, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("history:\n  url: "+db+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		switch {
		case a == "/etc/fupan/fupan.yaml":
			args[i] = cfg
		case strings.HasPrefix(a, "/var/lib/fupan/"):
			args[i] = filepath.Join(dir, filepath.Base(a))
		}
	}
	if len(args) < 2 || args[0] != "--log-format" {
		t.Fatalf("no ExecStart=/usr/bin/fupan --log-format … in the unit:\n%s", unit)
	}
	_, stderr, code = runCLI(t, args[2:]...)
	if code != 0 || !strings.Contains(stderr, "pg_dump") {
		t.Errorf("the unit's %v: exit %d\n%s", args, code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the unit wrote %v", entries)
	}
}
