package batch_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
	"github.com/xuri/excelize/v2"
)

// within fails the test, rather than hang it, when f takes longer than d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %s", what, d)
	}
}

// A workbook swapped after the folder was listed, for a FIFO (the run hung
// forever), a link to /dev/zero (it ate memory until it died) or a link to a
// file outside the folder (it read it), is refused; the run goes on.
func TestFileSwappedAfterListing(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret_2025Q3.xlsx")
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", secret)
	for _, n := range []string{"fifo_2025Q3.xlsx", "zero_2025Q3.xlsx", "outside_2025Q3.xlsx", "good_2025Q3.xlsx"} {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, n))
	}
	swap := map[string]func(path string) error{
		"fifo_2025Q3.xlsx":    func(p string) error { return mkfifo(p, 0o644) },
		"zero_2025Q3.xlsx":    func(p string) error { return os.Symlink("/dev/zero", p) },
		"outside_2025Q3.xlsx": func(p string) error { return os.Symlink(secret, p) },
	}
	settled := func(path string) bool {
		if f, ok := swap[filepath.Base(path)]; ok {
			if err := os.Remove(path); err != nil {
				t.Error(err)
			}
			if err := f(path); err != nil {
				t.Error(err)
			}
		}
		return true
	}
	var sum *batch.Summary
	within(t, time.Minute, "the run", func() {
		var err error
		sum, err = batch.Run(context.Background(), batch.Options{Input: in, Output: out, Workers: 2, Settled: settled})
		if err != nil {
			t.Error(err)
		}
	})
	if sum == nil {
		t.FailNow()
	}
	for _, e := range sum.Entries {
		want := batch.StatusFailed
		if e.File == "good_2025Q3.xlsx" {
			want = batch.StatusOK
		}
		if e.Status != want {
			t.Errorf("%s: %s (%s); want %s", e.File, e.Status, e.Reason, want)
		}
		if e.File == "outside_2025Q3.xlsx" && e.Team != "" {
			t.Errorf("the file outside the folder was read: team %q", e.Team)
		}
	}
}

// validate on a FIFO or a device answers at once that it is not a file.
func TestValidateNonFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	bin := buildFupan(t)
	fifo := filepath.Join(t.TempDir(), "管道_2025Q3.xlsx")
	if err := mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, "/dev/zero", "/dev/null"} {
		within(t, 30*time.Second, "validate "+p, func() {
			out, err := exec.Command(bin, "validate", p).CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !bytes.Contains(out, []byte("不是普通文件")) {
				t.Errorf("validate %s: %v\n%s", p, err, out)
			}
		})
	}
}

// SIGTERM ends a run within seconds, with its summary written and what was
// finished recorded.
func TestSIGTERMEndsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan on 300 workbooks")
	}
	bin := buildFupan(t)
	in, out := t.TempDir(), t.TempDir()
	for i := 0; i < 300; i++ {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%03d_2025Q3.xlsx", i)))
	}
	cmd := exec.Command(bin, "--log-format", "json", "run", in, "-o", out, "--workers", "1")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for len(journalFiles(t, out)) < 5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	within(t, 10*time.Second, "the run after SIGTERM", func() { _ = cmd.Wait() })
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit %d; want 1\n%s", code, logs.String())
	}
	s := readSummary(t, out)
	if s.Processed == 0 || s.Processed >= 300 {
		t.Errorf("summary after SIGTERM: processed %d", s.Processed)
	}
	assertNoTemporaries(t, out)
}

// A workbook that failed for a reason outside its content (over a limit, the
// password missing) is tried again by the next run, not skipped as failed.
func TestOutsideFailureTriedAgain(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	copyFile(t, "../samples/invalid/缺少必填列_2025Q3.xlsx", filepath.Join(in, "华南_2025Q3.xlsx"))
	small := batch.Options{Input: in, Output: out}
	small.Settings.Reader.MaxFileSize = 1000
	if s := run(t, small); s.Failed != 2 {
		t.Fatalf("with a 1000-byte limit: %+v", s.Entries)
	}
	s := run(t, batch.Options{Input: in, Output: out})
	for _, e := range s.Entries {
		if e.Skipped {
			t.Errorf("%s was skipped as failed (%s)", e.File, e.Reason)
		}
	}
	if s.OK != 1 || s.Failed != 1 {
		t.Errorf("ok %d failed %d; want 1 and 1", s.OK, s.Failed)
	}
	// The one whose content fails is not read again.
	s = run(t, batch.Options{Input: in, Output: out})
	if s.Skipped != 2 {
		t.Errorf("third run skipped %d; want 2", s.Skipped)
	}
}

// A protected workbook run without its password, and a workbook whose PDF
// could not be written (as with a full disk), are done by the next run.
func TestPasswordAndWriteFailureTriedAgain(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	f, err := excelize.OpenFile("../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(in, "加密_2025Q3.xlsx"), excelize.Options{Password: "复盘"}); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	blocker := filepath.Join(out, "华东销售部_2025Q3.pdf")
	if err := os.Mkdir(blocker, 0o755); err != nil { // the PDF cannot be written
		t.Fatal(err)
	}
	if s := run(t, batch.Options{Input: in, Output: out}); s.Failed != 2 {
		t.Fatalf("first run: %+v", s.Entries)
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	o := batch.Options{Input: in, Output: out}
	o.Settings.Reader.Password = "复盘"
	s := run(t, o)
	if s.OK != 2 || s.Skipped != 0 {
		t.Errorf("second run: ok %d skipped %d; want 2 and 0: %+v", s.OK, s.Skipped, s.Entries)
	}
}

// When the PDF cannot be written, the reviewed copy written before it goes
// too: a copy without its report is not a finished workbook.
func TestPDFFailureRemovesReviewed(t *testing.T) {
	dir := t.TempDir()
	b, _ := os.ReadFile("../samples/华东销售部_2025Q3.xlsx")
	rv, src, err := batch.LoadSource(context.Background(), batch.Settings{}, "华东销售部_2025Q3.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "华东销售部_2025Q3")
	if err := os.Mkdir(base+".pdf", 0o755); err != nil { // the PDF's name is taken by a folder
		t.Fatal(err)
	}
	if _, err := batch.Report(context.Background(), batch.Settings{}, rv, src, base, ".xlsx"); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(base + ".reviewed.xlsx"); !os.IsNotExist(err) {
		t.Errorf("the reviewed copy stayed: %v", err)
	}
}

// An output folder inside the input folder, also through a link, is refused.
func TestOutputInsideInputRefused(t *testing.T) {
	in := t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{in, filepath.Join(in, "out"), filepath.Join(link, "out", "2025-09")} {
		if _, err := batch.Run(context.Background(), batch.Options{Input: in, Output: out}); err == nil || !strings.Contains(err.Error(), "inside the input folder") {
			t.Errorf("-o %s: %v", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(in, "out")); !os.IsNotExist(err) {
		t.Error("the refused output folder was made")
	}
}

// Ctrl-C in watch stops it without an error in the log.
func TestWatchStopsQuietly(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	for i := 0; i < 40; i++ {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%02d_2025Q3.xlsx", i)))
	}
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(zerolog.New(zerolog.SyncWriter(&logs)).WithContext(context.Background()))
	o := batch.Options{Input: in, Output: out, Workers: 1, Progress: func(done, _ int) {
		if done == 3 {
			cancel()
		}
	}}
	within(t, time.Minute, "watch", func() {
		if err := batch.Watch(ctx, o, batch.WatchOptions{Poll: 10 * time.Millisecond, Settle: time.Millisecond}); err != nil {
			t.Error(err)
		}
	})
	if strings.Contains(logs.String(), `"level":"error"`) {
		t.Errorf("stopping watch logged an error:\n%s", logs.String())
	}
}

// With -r, a subfolder that cannot be read is told as failed, and the rest of
// the folder is read (the run stopped there). Permissions do not hold root
// back, so as root the command runs as nobody.
func TestUnreadableSubfolder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	bin := buildFupan(t)
	base, err := os.MkdirTemp("", "fupan-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(base, "in", "锁住"), 0o755); _ = os.RemoveAll(base) })
	in, out := filepath.Join(base, "in"), filepath.Join(base, "out")
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	copyFile(t, "../samples/華東銷售部_2025Q3.xlsx", filepath.Join(in, "台北", "華東銷售部_2025Q3.xlsx"))
	copyFile(t, "../samples/East-China-Sales_2025Q3.xlsx", filepath.Join(in, "锁住", "East_2025Q3.xlsx"))
	if err := os.MkdirAll(out, 0o777); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{base, out} {
		if err := os.Chmod(p, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(in, "锁住"), 0); err != nil {
		t.Fatal(err)
	}
	args := []string{bin, "--log-format", "json", "run", "-r", in, "-o", out}
	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("running as root without setpriv (util-linux) to drop to nobody")
		}
		args = append([]string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"}, args...)
	}
	b, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("run -r: %v; want exit 1\n%s", err, b)
	}
	s := readSummary(t, out)
	got := map[string]string{}
	for _, e := range s.Entries {
		got[e.File] = e.Status + " " + e.Reason
	}
	if !strings.HasPrefix(got["锁住"], "failed 无法读取") || got["华东销售部_2025Q3.xlsx"] != "ok " || got[filepath.Join("台北", "華東銷售部_2025Q3.xlsx")] != "ok " {
		t.Errorf("entries %q\n%s", got, b)
	}
}
