package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/sqlite"
)

type runSummary struct {
	OK      int
	History *struct {
		Path     string
		Updated  bool
		Recorded int
		Error    string
	}
}

func readRunSummary(t *testing.T, out string) runSummary {
	t.Helper()
	var sum runSummary
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err == nil {
		err = json.Unmarshal(b, &sum)
	}
	if err != nil || sum.History == nil {
		t.Fatalf("summary.json of %s: %+v (%v)", out, sum, err)
	}
	return sum
}

// socketed is db's URL reaching its server through a link that the test
// points at the server's socket folder (up) or at an empty one (down): one
// URL, a server that comes and goes.
func socketed(t *testing.T, db string) (u string, up, down func()) {
	t.Helper()
	parsed, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	q := parsed.Query()
	real := q.Get("host")
	empty := t.TempDir()
	link := filepath.Join(t.TempDir(), "pg")
	point := func(at string) func() {
		return func() {
			_ = os.Remove(link)
			if err := os.Symlink(at, link); err != nil {
				t.Fatal(err)
			}
		}
	}
	q.Set("host", link)
	parsed.RawQuery = q.Encode()
	return parsed.String(), point(real), point(empty)
}

// PostgreSQL down when a run starts: the reports are written, summary.json
// says the history was not updated and why, the run exits 1; the next run,
// the server back, records what was missed.
func TestPostgresDownAtStart(t *testing.T) {
	hist, up, down := socketed(t, pgtest.Database(t))
	out := filepath.Join(t.TempDir(), "out")
	down()
	_, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", hist)
	if code != 1 || !strings.Contains(stderr, "cannot be opened") {
		t.Fatalf("server down: exit %d, want 1\n%s", code, stderr)
	}
	sum := readRunSummary(t, out)
	if sum.OK != 5 || sum.History.Updated || sum.History.Path != hist || sum.History.Error == "" {
		t.Fatalf("server down: summary.json ok %d, history %+v", sum.OK, sum.History)
	}
	if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err != nil {
		t.Fatalf("the report was not written: %v", err)
	}
	up()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", hist); code != 0 {
		t.Fatalf("server up: exit %d\n%s", code, stderr)
	}
	if sum := readRunSummary(t, out); !sum.History.Updated || sum.History.Recorded != 5 {
		t.Fatalf("the next run: history %+v, want the 5 reviews recorded", sum.History)
	}
	stdout, stderr, code := runCLI(t, "history", "--json", "--history", hist)
	var list []struct{ Team, Period, Site string }
	if code != 0 || json.Unmarshal([]byte(stdout), &list) != nil || len(list) != 5 {
		t.Fatalf("history: exit %d, %d reviews\n%s%s", code, len(list), stdout, stderr)
	}
	host, _ := os.Hostname()
	if list[0].Site != host {
		t.Errorf("site %q, want the host name %q", list[0].Site, host)
	}
	// Commands that need the history fail while it is down.
	down()
	if _, stderr, code := runCLI(t, "history", "--history", hist); code != 1 || !strings.Contains(stderr, "reached") {
		t.Errorf("history, server down: exit %d\n%s", code, stderr)
	}
}

// A password in the URL is refused, and repeated nowhere: not on stderr,
// not in summary.json.
func TestPostgresPasswordInURL(t *testing.T) {
	db := pgtest.Database(t)
	withPassword := strings.Replace(db, "postgres:///", "postgres://fupan:Hunter2-secret@/", 1)
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", withPassword)
	b, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	if code != 1 || strings.Contains(stderr, "Hunter2") || strings.Contains(string(b), "Hunter2") || !strings.Contains(stderr, "PGPASSWORD") {
		t.Fatalf("exit %d; stderr:\n%s\nsummary.json:\n%s", code, stderr, b)
	}
	if _, stderr, code := runCLI(t, "history", "--history", withPassword); code != 1 || strings.Contains(stderr, "Hunter2") {
		t.Errorf("history: exit %d\n%s", code, stderr)
	}
}

// fupan.yaml names the database, the variable with its password and the
// site; the reviews are recorded with the site.
func TestPostgresFromConfig(t *testing.T) {
	db := pgtest.Database(t)
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	yaml := "history:\n  url: " + db + "\n  password_env: FUPAN_TEST_DB_PASSWORD\nsite: 上海\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FUPAN_TEST_DB_PASSWORD", "unused-with-trust")
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--config", cfg); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, "history", "--json", "--config", cfg)
	var list []struct{ Team, Site string }
	if code != 0 || json.Unmarshal([]byte(stdout), &list) != nil || len(list) != 5 || list[0].Site != "上海" {
		t.Fatalf("history: exit %d %+v\n%s", code, list, stderr)
	}
	// backup is SQLite's: PostgreSQL's is pg_dump.
	if _, stderr, code := runCLI(t, "history", "backup", "--config", cfg, filepath.Join(t.TempDir(), "b.sqlite")); code != 2 || !strings.Contains(stderr, "pg_dump") {
		t.Errorf("backup: exit %d\n%s", code, stderr)
	}
}

func listing(t *testing.T, hist string) string {
	t.Helper()
	stdout, stderr, code := runCLI(t, "history", "--json", "--history", hist)
	if code != 0 {
		t.Fatalf("history %s: exit %d\n%s", hist, code, stderr)
	}
	return stdout
}

// history copy moves a history from an SQLite file into PostgreSQL and back,
// the same reviews listed; again, it copies nothing; into newer reviews, it
// copies nothing unless --force.
func TestHistoryCopy(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "fupan-history.sqlite")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(root, "out"), "--history", file, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	f, err := sqlite.Open(context.Background(), file, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.MarkReminded(context.Background(), "wecom-1", "华东销售部", "action:渠道", "due", "2025-10-08"); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	db := pgtest.Database(t)
	copyJSON := func(want int, args ...string) (counts struct{ Reviews, Unchanged, Replaced, Reminders int }, stderr string) {
		t.Helper()
		stdout, stderr, code := runCLI(t, append([]string{"history", "copy", "--json"}, args...)...)
		if code != want {
			t.Fatalf("copy %v: exit %d, want %d\n%s", args, code, want, stderr)
		}
		if code == 0 {
			if err := json.Unmarshal([]byte(stdout), &counts); err != nil {
				t.Fatalf("%v: %s", err, stdout)
			}
		}
		return counts, stderr
	}
	if c, _ := copyJSON(0, file, db); c.Reviews != 5 || c.Unchanged != 0 || c.Reminders != 1 {
		t.Fatalf("into PostgreSQL: %+v", c)
	}
	if c, _ := copyJSON(0, file, db); c.Reviews != 0 || c.Unchanged != 5 || c.Reminders != 0 {
		t.Fatalf("again: %+v, want 5 unchanged", c)
	}
	if got, want := listing(t, db), listing(t, file); got != want {
		t.Fatalf("PostgreSQL lists\n%s\nthe file\n%s", got, want)
	}
	back := filepath.Join(root, "back.sqlite")
	if c, _ := copyJSON(0, db, back); c.Reviews != 5 || c.Reminders != 1 {
		t.Fatalf("back: %+v", c)
	}
	if got, want := listing(t, back), listing(t, file); got != want {
		t.Fatalf("copied back lists\n%s\nthe file\n%s", got, want)
	}
	// A later run records into PostgreSQL: the file's reviews are older.
	// The history keeps recording times to the second, and they are the
	// real clock (--as-of judges the review, not the audit): a second on.
	time.Sleep(1100 * time.Millisecond)
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(root, "later"), "--history", db, "--as-of", "2025-11-08"); code != 0 {
		t.Fatalf("later run: exit %d\n%s", code, stderr)
	}
	later := listing(t, db)
	if _, stderr := copyJSON(1, file, db); !strings.Contains(stderr, "newer reviews") || !strings.Contains(stderr, "华东销售部 2025Q3") || !strings.Contains(stderr, "--force") {
		t.Fatalf("into newer reviews:\n%s", stderr)
	}
	if got := listing(t, db); got != later {
		t.Fatal("a refused copy changed the history")
	}
	if c, _ := copyJSON(0, "--force", file, db); c.Reviews != 5 || c.Replaced != 5 {
		t.Fatalf("--force: %+v", c)
	}
	if got, want := listing(t, db), listing(t, file); got != want {
		t.Fatalf("after --force PostgreSQL lists\n%s\nthe file\n%s", got, want)
	}
	if _, _, code := runCLI(t, "history", "copy", file, file); code != 2 {
		t.Errorf("copy into itself: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "history", "copy", filepath.Join(root, "missing.sqlite"), db); code != 2 {
		t.Errorf("copy from a missing file: exit %d, want 2", code)
	}
}
