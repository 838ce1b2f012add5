package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
)

// A command's period is read whole: `history forget 华东销售部 2025Q5` is bad
// usage, not the team's annual review of 2025, which stays.
func TestForgetStrictPeriod(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "h.sqlite")
	// The sample's period is its file name's: here the year.
	annual := filepath.Join(dir, "in", "华东销售部_2025.xlsx")
	data, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err == nil {
		err = os.MkdirAll(filepath.Dir(annual), 0o755)
	}
	if err == nil {
		err = os.WriteFile(annual, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "report", annual, "-o", filepath.Join(dir, "r"), "--history", hist); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	for _, p := range []string{"2025Q5", "2025-13", "2025Q3复盘"} {
		_, stderr, code := runCLI(t, "history", "forget", "华东销售部", p, "--history", hist)
		if code != 2 || !strings.Contains(stderr, p) || !strings.Contains(stderr, "not a review period") {
			t.Errorf("forget %s: exit %d, want 2 naming it:\n%s", p, code, stderr)
		}
	}
	if list := historyList(t, hist); len(list) != 1 || list[0].Period != "2025" {
		t.Fatalf("the history holds %+v, want the annual review still", list)
	}
	for _, args := range [][]string{
		{"report", "../../samples/华东销售部_2025Q3.xlsx", "-o", filepath.Join(dir, "r2"), "--no-history", "--period", "2025Q5"},
		{"lessons", "--history", hist, "--since", "2025Q5"},
	} {
		if _, stderr, code := runCLI(t, args...); code != 2 || !strings.Contains(stderr, "2025Q5") {
			t.Errorf("%s with 2025Q5: exit %d, want 2:\n%s", args[0], code, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "history", "forget", "华东销售部", "2025", "--history", hist); code != 0 {
		t.Fatalf("forget 2025: exit %d\n%s", code, stderr)
	}
}

// A --history that does not exist is refused (exit 2, naming it) by every
// command that only reads or changes a history, and no file is made; run,
// watch and report create it.
func TestMissingHistoryRefused(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "fupan-histroy.sqlite")
	sample := "../../samples/华东销售部_2025Q3.xlsx"
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	for _, args := range [][]string{
		{"history"},
		{"history", "forget", "华东销售部", "2025Q3"},
		{"history", "backup", filepath.Join(dir, "b.sqlite")},
		{"inspect", sample},
		{"validate", sample},
		{"lessons"},
		{"remind", "--config", robotConfig(t, srv, "")},
	} {
		_, stderr, code := runCLI(t, append(args, "--history", typo)...)
		if code != 2 || !strings.Contains(stderr, typo) || !strings.Contains(stderr, "does not exist") {
			t.Errorf("%v with a missing history: exit %d, want 2 naming it:\n%s", args, code, stderr)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("%v made the missing history", args)
		}
	}
	if _, stderr, code := runCLI(t, "report", sample, "-o", filepath.Join(dir, "r"), "--history", typo); code != 0 {
		t.Fatalf("report with a new history: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(typo); err != nil {
		t.Errorf("report did not create the history: %v", err)
	}
}

// historyList is `fupan history --json` of the history at path.
func historyList(t *testing.T, path string) []listed {
	t.Helper()
	out, stderr, code := runCLI(t, "history", "--json", "--history", path)
	if code != 0 {
		t.Fatalf("history: exit %d\n%s", code, stderr)
	}
	var list []listed
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("history --json: %v\n%s", err, out)
	}
	return list
}

// history backup as a daily cron uses it: onto yesterday's backup beside the
// history; a missing folder named; "" bad usage; a file that is not a
// backup (or the history itself) never replaced without --force.
func TestHistoryBackupEdges(t *testing.T) {
	dir := t.TempDir()
	srv := filepath.Join(dir, "srv")
	hist := filepath.Join(srv, "fupan-history.sqlite")
	if _, stderr, code := runCLI(t, "report", "../../samples/华东销售部_2025Q3.xlsx", "-o", filepath.Join(srv, "2025Q3"), "--history", hist); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	daily := filepath.Join(srv, "backup.sqlite")
	for day := 1; day <= 2; day++ {
		if _, stderr, code := runCLI(t, "history", "backup", daily, "--history", hist); code != 0 {
			t.Fatalf("day %d: backup beside the history: exit %d\n%s", day, code, stderr)
		}
		if list := historyList(t, daily); len(list) != 1 {
			t.Fatalf("day %d: the backup holds %d reviews", day, len(list))
		}
	}
	missing := filepath.Join(dir, "nofolder")
	if _, stderr, code := runCLI(t, "history", "backup", filepath.Join(missing, "b.sqlite"), "--history", hist); code != 1 || !strings.Contains(stderr, missing) || !strings.Contains(stderr, "does not exist") {
		t.Errorf("backup into a missing folder: exit %d, want 1 naming the folder:\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "history", "backup", "", "--history", hist); code != 2 {
		t.Errorf(`backup "": exit %d, want 2:\n%s`, code, stderr)
	}
	notes := filepath.Join(srv, "notes.txt")
	if err := os.WriteFile(notes, []byte("the team's notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{notes, hist} {
		_, stderr, code := runCLI(t, "history", "backup", target, "--history", hist)
		if code != 2 || !strings.Contains(stderr, target) {
			t.Errorf("backup onto %s: exit %d, want 2 naming it:\n%s", filepath.Base(target), code, stderr)
		}
	}
	if b, _ := os.ReadFile(notes); string(b) != "the team's notes\n" {
		t.Fatalf("a file that is not a backup was overwritten: %q", b)
	}
	if list := historyList(t, hist); len(list) != 1 {
		t.Fatalf("the history holds %d reviews after a backup onto itself", len(list))
	}
	if _, stderr, code := runCLI(t, "history", "backup", notes, "--force", "--history", hist); code != 0 {
		t.Fatalf("backup --force: exit %d\n%s", code, stderr)
	}
	if list := historyList(t, notes); len(list) != 1 {
		t.Fatalf("the forced backup holds %d reviews", len(list))
	}
}

// history forget's promise through the commands: the next run records the
// workbook again, as the only one it processes.
func TestForgetThenRunRecordsAgain(t *testing.T) {
	root := t.TempDir()
	out, hist := filepath.Join(root, "out"), filepath.Join(root, "fupan-history.sqlite")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	before := len(historyList(t, hist))
	if _, stderr, code := runCLI(t, "history", "forget", "华东销售部", "2025Q3", "--history", hist); code != 0 {
		t.Fatalf("forget: exit %d\n%s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--json")
	if code != 0 {
		t.Fatalf("re-run: exit %d\n%s", code, stderr)
	}
	var sum struct {
		Processed int
		History   struct{ Recorded int }
		Entries   []struct {
			File, History string
			Skipped       bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Processed != 1 || sum.History.Recorded != 1 {
		t.Errorf("re-run after forget: processed %d, recorded %d; want 1 and 1", sum.Processed, sum.History.Recorded)
	}
	for _, e := range sum.Entries {
		if e.File == "华东销售部_2025Q3.xlsx" && (e.Skipped || e.History != "recorded") {
			t.Errorf("the forgotten workbook: skipped %v, history %q", e.Skipped, e.History)
		}
	}
	if after := len(historyList(t, hist)); after != before {
		t.Errorf("the history holds %d reviews, %d before forget", after, before)
	}
}
