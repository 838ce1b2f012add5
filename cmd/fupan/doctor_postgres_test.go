package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/postgres"
)

// doctorJSON runs fupan doctor --json --offline and gives its checks by name.
func doctorJSON(t *testing.T, args ...string) (map[string]checkResult, string) {
	t.Helper()
	stdout, stderr, _ := runCLI(t, append([]string{"doctor", "--json", "--offline", "--lang", "en"}, args...)...)
	var rep doctorReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("doctor %v: not JSON: %v\n%s\n%s", args, err, stdout, stderr)
	}
	checks := map[string]checkResult{}
	for _, c := range rep.Checks {
		checks[c.Check] = c
	}
	return checks, stdout + stderr
}

// A PostgreSQL history is opened, read-only, and judged: its schema and
// reviews; a server down, a database missing and a password in the URL
// are failures that say so (the password not repeated); its backup is
// pg_dump's, skipped rather than failed.
func TestDoctorPostgres(t *testing.T) {
	db := pgtest.Database(t)
	checks, _ := doctorJSON(t, "--history", db)
	if h := checks["history"]; h.Status != statusOK || !strings.Contains(h.Message, "no history yet") {
		t.Errorf("empty database: %+v", h)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", db); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	checks, _ = doctorJSON(t, "--history", db)
	h, b := checks["history"], checks["backup"]
	if h.Status != statusOK || !strings.Contains(h.Message, "PostgreSQL") || !strings.Contains(h.Message, "5 reviews") {
		t.Errorf("recorded: %+v", h)
	}
	if b.Status != statusSkipped || !strings.Contains(b.Message, "pg_dump") {
		t.Errorf("backup: %+v", b)
	}

	// The same through fupan.yaml's history: url: and password_env:.
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("history:\n  url: "+db+"\n  password_env: FUPAN_TEST_DB_PASSWORD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FUPAN_TEST_DB_PASSWORD", "unused-with-trust")
	if checks, _ := doctorJSON(t, "--config", cfg); checks["history"].Status != statusOK || !strings.Contains(checks["history"].Message, "5 reviews") {
		t.Errorf("from the config: %+v", checks["history"])
	}

	missing := pgtest.WithDatabase(t, pgtest.Server(t), "fupan_no_such_database")
	if h := mustCheck(t, "history", "--history", missing); h.Status != statusFail || !strings.Contains(h.Message, "fupan_no_such_database") {
		t.Errorf("no such database: %+v", h)
	}
	down, _, stop := socketed(t, db)
	stop()
	if h := mustCheck(t, "history", "--history", down); h.Status != statusFail || !strings.Contains(h.Message, "reached") {
		t.Errorf("server down: %+v", h)
	}
	withPassword := strings.Replace(db, "postgres:///", "postgres://fupan:Hunter2-secret@/", 1)
	checks, all := doctorJSON(t, "--history", withPassword)
	if h := checks["history"]; h.Status != statusFail || strings.Contains(all, "Hunter2") || !strings.Contains(h.Message+h.Fix, "PGPASSWORD") || !strings.Contains(h.Message, postgres.Redact(withPassword)) {
		t.Errorf("password in the URL: %+v\n%s", h, all)
	}
}

func mustCheck(t *testing.T, name string, args ...string) checkResult {
	t.Helper()
	checks, _ := doctorJSON(t, args...)
	return checks[name]
}
