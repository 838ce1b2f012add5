package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/sqlite"
)

// A libpq key=value connection string is not a file name: fupan refuses it
// (exit 2), says to use a postgres:// URL, and repeats it nowhere — not the
// password on stdout, stderr or in summary.json, and no folder named after it.
func TestHistoryConnectionStringRefused(t *testing.T) {
	const dsn = "host=/tmp/pg user=fupan password=S3cretPW9"
	samples, err := filepath.Abs("../../samples")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	out := filepath.Join(dir, "out")
	stdout, stderr, code := runCLI(t, "run", samples, "-o", out, "--history", dsn)
	b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if code != 2 || strings.Contains(stdout+stderr+string(b), "S3cretPW9") || !strings.Contains(stderr, "postgres://") || !strings.Contains(stderr, "PGPASSWORD") {
		t.Fatalf("run: exit %d\nstdout:\n%s\nstderr:\n%s\nsummary.json:\n%s", code, stdout, stderr, b)
	}
	hist := filepath.Join(dir, "h.sqlite")
	if db, err := sqlite.Open(context.Background(), hist, sqlite.Options{}); err != nil {
		t.Fatal(err)
	} else {
		_ = db.Close()
	}
	for _, args := range [][]string{
		{"history", "copy", hist, dsn},
		{"history", "copy", dsn, hist},
		{"history", "--history", dsn},
		{"history", "--history", "dbname=fupan sslmode=disable"},
		{"doctor", "--offline", "--history", dsn},
	} {
		stdout, stderr, code := runCLI(t, args...)
		if code == 0 || strings.Contains(stdout+stderr, "S3cretPW9") || strings.Contains(stdout+stderr, "dbname=fupan") || !strings.Contains(stdout+stderr, "postgres://") {
			t.Errorf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "=") {
			t.Errorf("a file or folder was made after the connection string: %s", e.Name())
		}
	}
}
