package batch_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/xuri/excelize/v2"
)

// buildFupan builds the command once for the tests that run it as a process.
func buildFupan(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fupan")
	cmd := exec.Command("go", "build", "-o", bin, "../cmd/fupan")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// journalFiles lists the workbooks a run recorded as finished.
func journalFiles(t *testing.T, out string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, ".fupan", "journal.jsonl"))
	if err != nil {
		return map[string]bool{}
	}
	done := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var line struct{ Entry batch.Entry }
		if json.Unmarshal(sc.Bytes(), &line) == nil {
			done[line.Entry.File] = true
		}
	}
	return done
}

// A run killed with SIGKILL half way and run again finishes the job: every
// output whole, no temporary file left, nothing that was finished done again;
// the history it records passes SQLite's integrity check and holds each
// review once.
func TestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan on 150 workbooks")
	}
	bin := buildFupan(t)
	in, out := t.TempDir(), t.TempDir()
	hist := filepath.Join(t.TempDir(), "history.sqlite")
	// Samples whose team the file name gives: 150 teams.
	srcs := []string{"华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx"}
	const n = 150
	for i := 0; i < n; i++ {
		copyFile(t, filepath.Join("../samples", srcs[i%len(srcs)]), filepath.Join(in, fmt.Sprintf("团队%03d_2025Q3.xlsx", i)))
	}
	cmd := exec.Command(bin, "--log-format", "json", "run", in, "-o", out, "--workers", "2", "--history", hist)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for len(journalFiles(t, out)) < 30 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no progress:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to clean up
		t.Fatal(err)
	}
	_ = cmd.Wait()
	finished := journalFiles(t, out)
	if len(finished) >= n {
		t.Fatalf("the run finished before it was killed (%d): use more workbooks", len(finished))
	}
	t.Logf("killed after %d of %d workbooks", len(finished), n)

	again := exec.Command(bin, "--log-format", "json", "run", in, "-o", out, "--workers", "2", "--history", hist)
	if b, err := again.CombinedOutput(); err != nil {
		t.Fatalf("the second run: %v\n%s", err, b)
	}
	s := readSummary(t, out)
	if s.OK != n || s.Failed != 0 {
		t.Fatalf("after the re-run: ok %d failed %d; want %d and 0", s.OK, s.Failed, n)
	}
	for _, e := range s.Entries {
		if finished[e.File] && !e.Skipped {
			t.Errorf("%s was finished before the kill and was processed again", e.File)
		}
		pdfBytes, err := os.ReadFile(filepath.Join(out, e.Outputs.PDF))
		if err != nil || !bytes.HasPrefix(pdfBytes, []byte("%PDF-")) || !bytes.Contains(pdfBytes[max(0, len(pdfBytes)-32):], []byte("%%EOF")) {
			t.Errorf("%s: the PDF is not whole (%v)", e.File, err)
		}
		f, err := excelize.OpenFile(filepath.Join(out, e.Outputs.Reviewed))
		if err != nil {
			t.Errorf("%s: the reviewed workbook does not open: %v", e.File, err)
			continue
		}
		_ = f.Close()
	}
	if s.Skipped < len(finished) || s.Processed+s.Skipped != n {
		t.Errorf("re-run processed %d and skipped %d; %d were finished before the kill", s.Processed, s.Skipped, len(finished))
	}
	assertNoTemporaries(t, out)
	db, err := sqlite.Open(context.Background(), hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if res, err := db.Check(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity check of the history: %q %v", res, err)
	}
	list, err := db.Reviews(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	teams := map[string]int{}
	for _, e := range list {
		teams[e.Team+" "+e.Period]++
		// Whole: the review with all its metrics, not a part of it.
		past, err := db.Past(context.Background(), e.TeamKey)
		if err != nil || len(past) != 1 || len(past[0].Metrics) != 3 {
			t.Errorf("%s: %d reviews in the history (%v), want 1 with its 3 metrics", e.Team, len(past), err)
		}
	}
	if len(list) != n || len(teams) != n {
		t.Fatalf("the history holds %d reviews of %d team periods; want %d, each once", len(list), len(teams), n)
	}
	if strings.Contains(logs.String(), `"level":"error"`) {
		t.Errorf("errors in the killed run's log:\n%s", logs.String())
	}
}

// execFupan runs the built command and returns what it printed.
func execFupan(bin string, args ...string) ([]byte, error) {
	return exec.Command(bin, append([]string{"--log-format", "json"}, args...)...).CombinedOutput()
}

// Stopped while the last workbooks are handed out or in progress: the run
// says it was interrupted, and summary.json lists every input it left
// unjudged as such, never silently without them. The stop falls either
// before the last workbook is handed out or after (a worker then finds the
// run stopped): both are tried, several times.
func TestCancelDuringLastWorkbooks(t *testing.T) {
	for round := 0; round < 8; round++ {
		in, out := t.TempDir(), t.TempDir()
		srcs := []string{"华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx"}
		for _, s := range srcs {
			copyFile(t, filepath.Join("../samples", s), filepath.Join(in, s))
		}
		ctx, cancel := context.WithCancel(context.Background())
		// Settled is asked just before each workbook is handed out.
		last, asked := "", 0
		sum, err := batch.Run(ctx, batch.Options{Input: in, Output: out, Workers: 1, Settled: func(path string) bool {
			if asked++; asked == len(srcs) {
				last = filepath.Base(path)
				cancel()
			}
			return true
		}})
		cancel()
		if err == nil || !strings.Contains(err.Error(), "interrupted") {
			t.Fatalf("round %d: stopped during the last workbook: %v; want interrupted", round, err)
		}
		s := readSummary(t, out)
		byFile := map[string]batch.Entry{}
		for _, e := range s.Entries {
			byFile[e.File] = e
		}
		e, ok := byFile[last]
		if len(s.Entries) != len(srcs) || !ok || !e.Interrupted || e.Status != batch.StatusFailed || !strings.Contains(e.Reason, "执行被停止") {
			t.Fatalf("round %d: summary.json has %d entries, the last %+v; want it marked interrupted", round, len(s.Entries), e)
		}
		// The one in progress may have been stopped too; nothing else fails.
		marked := 0
		for _, e := range s.Entries {
			if e.Interrupted {
				marked++
			} else if e.Status != batch.StatusOK {
				t.Errorf("round %d: %s %s", round, e.File, e.Status)
			}
		}
		if sum.Failed != marked || s.Failed != marked || s.OK != len(srcs)-marked {
			t.Errorf("round %d: failed %d (summary.json %d, ok %d), want the %d unjudged", round, sum.Failed, s.Failed, s.OK, marked)
		}
		// The next run judges them, and marks nothing.
		again := run(t, batch.Options{Input: in, Output: out})
		if again.OK != len(srcs) || again.Skipped != len(srcs)-marked {
			t.Fatalf("round %d: the run after: ok %d skipped %d", round, again.OK, again.Skipped)
		}
	}
}

// SIGTERM to a run with its last workbooks in progress: exit 1 saying
// "interrupted", summary.json listing every input (the unjudged marked),
// and no delivery started.
func TestSigtermDuringLastWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	bin := buildFupan(t)
	in, out := t.TempDir(), t.TempDir()
	const n = 12
	for i := 0; i < n; i++ {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%02d_2025Q3.xlsx", i)))
	}
	// --mail with no config: a delivery that started would fail saying so.
	cmd := exec.Command(bin, "--log-format", "json", "run", in, "-o", out, "--workers", "2", "--no-history", "--mail")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for len(journalFiles(t, out)) < n-3 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no progress:\n%s", logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	finished := journalFiles(t, out)
	if len(finished) == n {
		t.Skipf("every workbook finished before SIGTERM arrived (exit %v)", err)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(logs.String(), "interrupted") {
		t.Fatalf("SIGTERM with %d of %d finished: %v; want exit 1 saying interrupted:\n%s", len(finished), n, err, logs.String())
	}
	if strings.Contains(logs.String(), "mail") && strings.Contains(logs.String(), "config") {
		t.Errorf("delivery started after SIGTERM:\n%s", logs.String())
	}
	s := readSummary(t, out)
	marked := 0
	for _, e := range s.Entries {
		if e.Interrupted {
			marked++
			if finished[e.File] {
				t.Errorf("%s finished and is marked interrupted", e.File)
			}
		}
	}
	if marked == 0 && len(finished) == 0 && len(s.Entries) == n {
		// The journal was folded into the record: every workbook was judged
		// and SIGTERM came while the overview was drawn. Not this case.
		t.Skipf("every workbook was judged before SIGTERM arrived (exit %v)", err)
	}
	if len(s.Entries) != n || marked != n-len(finished) {
		t.Errorf("summary.json: %d entries, %d marked interrupted; %d of %d finished", len(s.Entries), marked, len(finished), n)
	}
}
