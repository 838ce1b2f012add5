package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/xuri/excelize/v2"
)

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// mixedFolder is what a shared folder holds on a real month: good workbooks,
// broken ones, a text file named .xlsx, an Excel lock file, a legacy .xls, a
// CSV, a stray note and a hidden file.
func mixedFolder(t testing.TB) string {
	in := t.TempDir()
	for _, s := range []string{"華東銷售部_2025Q3.xlsx", "华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx"} {
		copyFile(t, filepath.Join("../samples", s), filepath.Join(in, s))
	}
	copyFile(t, "../samples/invalid/缺少必填列_2025Q3.xlsx", filepath.Join(in, "华南_2025Q3.xlsx"))
	copyFile(t, "../samples/invalid/单位不一致_2025Q3.xlsx", filepath.Join(in, "西北_2025Q3.xlsx"))
	files := map[string]string{
		"说明.xlsx":             "这不是工作簿\n",
		"~$华东销售部_2025Q3.xlsx": "lock",
		"旧版_2025Q3.xls":       "\xd0\xcf\x11\xe0",
		"导出.csv":              "a,b\n",
		"readme.txt":          "notes",
		".hidden.xlsx":        "x",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

func run(t testing.TB, o batch.Options) *batch.Summary {
	t.Helper()
	if o.Workers == 0 {
		o.Workers = 2
	}
	sum, err := batch.Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func readSummary(t testing.TB, out string) batch.Summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s batch.Summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunMixedFolder(t *testing.T) {
	in, out := mixedFolder(t), t.TempDir()
	run(t, batch.Options{Input: in, Output: out})
	s := readSummary(t, out)
	byFile := map[string]batch.Entry{}
	for _, e := range s.Entries {
		byFile[e.File] = e
	}
	for _, good := range []string{"華東銷售部_2025Q3", "华东销售部_2025Q3", "East-China-Sales_2025Q3", "华东销售部-单表_2025Q3"} {
		e := byFile[good+".xlsx"]
		if e.Status != batch.StatusOK || e.Outputs.PDF != good+".pdf" || e.Outputs.Reviewed != good+".reviewed.xlsx" {
			t.Errorf("%s: %+v", good, e)
		}
		for _, p := range []string{good + ".pdf", good + ".reviewed.xlsx"} {
			if fi, err := os.Stat(filepath.Join(out, p)); err != nil || fi.Size() == 0 {
				t.Errorf("output %s missing: %v", p, err)
			}
		}
		if e.Figures == nil || e.Figures.Metrics != 3 || e.Team == "" || e.Period != "2025Q3" {
			t.Errorf("%s: figures %+v team %q period %q", good, e.Figures, e.Team, e.Period)
		}
	}
	failed := map[string]string{
		"华南_2025Q3.xlsx": "责任人",
		"西北_2025Q3.xlsx": "单位不一致",
		"说明.xlsx":        "不是 Excel 工作簿",
		"旧版_2025Q3.xls":  "另存为 .xlsx", // in the run's language
		"导出.csv":         "CSV",
	}
	for f, why := range failed {
		e := byFile[f]
		if e.Status != batch.StatusFailed || !strings.Contains(e.Reason, why) {
			t.Errorf("%s: status %q reason %q; want failed with %q", f, e.Status, e.Reason, why)
		}
		if e.Outputs.PDF != "" {
			t.Errorf("%s failed but has outputs %+v", f, e.Outputs)
		}
	}
	if e := byFile["readme.txt"]; e.Status != batch.StatusIgnored {
		t.Errorf("readme.txt: %+v; want ignored", e)
	}
	for _, skipped := range []string{"~$华东销售部_2025Q3.xlsx", ".hidden.xlsx"} {
		if _, ok := byFile[skipped]; ok {
			t.Errorf("%s was read; lock and hidden files are skipped", skipped)
		}
	}
	if s.OK != 4 || s.Failed != 5 || s.Ignored != 1 || s.Overview != "overview.pdf" {
		t.Errorf("totals ok %d failed %d ignored %d overview %q", s.OK, s.Failed, s.Ignored, s.Overview)
	}
	if _, err := os.Stat(filepath.Join(out, "overview.pdf")); err != nil {
		t.Error(err)
	}
	assertNoTemporaries(t, out)
}

func assertNoTemporaries(t testing.TB, out string) {
	t.Helper()
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".fupan-tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestRerunSkipsUnchanged(t *testing.T) {
	in, out := mixedFolder(t), t.TempDir()
	first := run(t, batch.Options{Input: in, Output: out})
	if first.Processed != 7 { // 4 good, 2 broken and a text file named .xlsx read; the rest refused by name
		t.Errorf("first run processed %d", first.Processed)
	}
	pdfBefore, _ := os.Stat(filepath.Join(out, "華東銷售部_2025Q3.pdf"))
	second := run(t, batch.Options{Input: in, Output: out})
	if second.Processed != 0 || second.Skipped != 7 || second.OK != 4 || second.Failed != 5 {
		t.Errorf("second run: processed %d skipped %d ok %d failed %d; want 0 7 4 5", second.Processed, second.Skipped, second.OK, second.Failed)
	}
	pdfAfter, _ := os.Stat(filepath.Join(out, "華東銷售部_2025Q3.pdf"))
	if !pdfAfter.ModTime().Equal(pdfBefore.ModTime()) {
		t.Error("an unchanged workbook's PDF was written again")
	}
	// A changed workbook is redone, the others not.
	copyFile(t, "../samples/华东销售部-日期格式_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	third := run(t, batch.Options{Input: in, Output: out})
	if third.Processed != 1 {
		t.Errorf("after one change: processed %d; want 1", third.Processed)
	}
	forced := run(t, batch.Options{Input: in, Output: out, Force: true})
	if forced.Processed != 7 {
		t.Errorf("--force processed %d; want 7", forced.Processed)
	}
}

// Outputs are not synced one by one (the run flushes the file system once at
// its end), so a power cut may leave a recorded output short or empty: the
// next run sees that and writes it again.
func TestRerunRewritesDamagedOutputs(t *testing.T) {
	in, out := mixedFolder(t), t.TempDir()
	run(t, batch.Options{Input: in, Output: out})
	pdfPath := filepath.Join(out, "華東銷售部_2025Q3.pdf")
	reviewedPath := filepath.Join(out, "East-China-Sales_2025Q3.reviewed.xlsx")
	whole, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdfPath, whole[:len(whole)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(reviewedPath, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	again := run(t, batch.Options{Input: in, Output: out})
	if again.Processed != 2 {
		t.Errorf("after two damaged outputs: processed %d; want 2", again.Processed)
	}
	if b, _ := os.ReadFile(pdfPath); !bytes.Equal(b[len(b)-6:], []byte("%%EOF\n")) {
		t.Error("the short PDF was not written again")
	}
	if _, err := excelize.OpenFile(reviewedPath); err != nil {
		t.Errorf("the empty reviewed workbook was not written again: %v", err)
	}
}

func TestSecondRunOnSameOutput(t *testing.T) {
	in, out := mixedFolder(t), t.TempDir()
	// Hold the lock as a running fupan would, by starting a run that waits.
	release := make(chan struct{})
	started := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		_, _ = batch.Run(context.Background(), batch.Options{Input: in, Output: out, Workers: 1, Progress: func(done, total int) {
			if done == 1 {
				close(started)
				<-release
			}
		}})
	}()
	<-started
	_, err := batch.Run(context.Background(), batch.Options{Input: in, Output: out})
	close(release)
	<-finished // the first run still writes into OUT, which the test then removes
	if err == nil || !strings.Contains(err.Error(), "another fupan run") {
		t.Fatalf("second run: %v; want it to say another run is using the folder", err)
	}
}

func TestCancelFinishesWorkInProgress(t *testing.T) {
	in, out := mixedFolder(t), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := batch.Run(ctx, batch.Options{Input: in, Output: out, Workers: 1, Progress: func(done, total int) {
		if done == 3 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("an interrupted run reported no error")
	}
	if sum == nil || len(sum.Entries) == 0 {
		t.Fatal("an interrupted run wrote no summary")
	}
	assertNoTemporaries(t, out)
	again := run(t, batch.Options{Input: in, Output: out})
	if again.OK != 4 || again.Failed != 5 {
		t.Errorf("the run after Ctrl-C: ok %d failed %d", again.OK, again.Failed)
	}
	if again.Processed+again.Skipped != 7 || again.Skipped == 0 {
		t.Errorf("the run after Ctrl-C processed %d and skipped %d; what finished before must be skipped", again.Processed, again.Skipped)
	}
}

func TestOutputNamesStayInside(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	names := []string{"-rf 华东 销售部_2025Q3.xlsx", "team \"quoted\"_2025Q3.xlsx", "..华东_2025Q3.xlsx"}
	for _, n := range names {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, n))
	}
	// A link that leads out of the input folder is not followed.
	outside := filepath.Join(t.TempDir(), "secret_2025Q3.xlsx")
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", outside)
	if err := os.Symlink(outside, filepath.Join(in, "link_2025Q3.xlsx")); err != nil {
		t.Fatal(err)
	}
	run(t, batch.Options{Input: in, Output: out})
	s := readSummary(t, out)
	for _, e := range s.Entries {
		if e.File == "link_2025Q3.xlsx" {
			if e.Status != batch.StatusFailed || !strings.Contains(e.Reason, "指向输入文件夹之外的符号链接") {
				t.Errorf("link: %+v", e)
			}
			continue
		}
		if e.Status != batch.StatusOK {
			t.Errorf("%s: %+v", e.File, e)
			continue
		}
		for _, p := range []string{e.Outputs.PDF, e.Outputs.Reviewed} {
			abs := filepath.Join(out, p)
			if strings.HasPrefix(filepath.Base(p), "-") || !strings.HasPrefix(abs, out) {
				t.Errorf("unsafe output name %q", p)
			}
			if _, err := os.Stat(abs); err != nil {
				t.Error(err)
			}
		}
	}
}

// A reviewed workbook written by the batch opens and has the conclusion sheet.
func TestRunOutputsOpen(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	run(t, batch.Options{Input: in, Output: out})
	f, err := excelize.OpenFile(filepath.Join(out, "华东销售部_2025Q3.reviewed.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if idx, _ := f.GetSheetIndex("复盘结论"); idx < 0 {
		t.Errorf("no 复盘结论 sheet: %v", f.GetSheetList())
	}
	b, err := os.ReadFile(filepath.Join(out, "华东销售部_2025Q3.pdf"))
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) {
		t.Errorf("the PDF is not whole: %v", err)
	}
}

func TestWatchPicksUpDroppedWorkbook(t *testing.T) {
	for _, events := range []bool{true, false} {
		in, out := t.TempDir(), t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		runs := make(chan *batch.Summary, 10)
		scans := make(chan int, 1)
		errc := make(chan error, 1)
		go func() {
			errc <- batch.Watch(ctx, batch.Options{Input: in, Output: out, Workers: 1},
				batch.WatchOptions{Poll: 50 * time.Millisecond, Settle: 150 * time.Millisecond, Events: events,
					OnRun: func(s *batch.Summary) { runs <- s },
					OnScan: func(seen, settled int) {
						if seen > 0 {
							select {
							case scans <- settled:
							default:
							}
						}
					}})
		}()
		// A lock file beside the workbook: Excel has it open; it waits.
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
		if err := os.WriteFile(filepath.Join(in, "~$华东销售部_2025Q3.xlsx"), []byte("lock"), 0o644); err != nil {
			t.Fatal(err)
		}
		// Scans that saw the workbook, long past its settling time, and found
		// it not ready (Excel's lock), with no run: it is left alone.
		deadline := time.After(30 * time.Second)
		for n := 0; n < 8; {
			select {
			case s := <-runs:
				t.Fatalf("events=%v: a workbook open in Excel was read: %+v", events, s)
			case settled := <-scans:
				if settled != 0 {
					t.Fatalf("events=%v: a workbook with Excel's lock file beside it counted as settled", events)
				}
				n++
			case <-deadline:
				t.Fatalf("events=%v: the folder was not scanned", events)
			}
		}
		if err := os.Remove(filepath.Join(in, "~$华东销售部_2025Q3.xlsx")); err != nil {
			t.Fatal(err)
		}
		select {
		case s := <-runs:
			if s.OK != 1 || s.Processed != 1 {
				t.Errorf("events=%v: run %+v", events, s)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("events=%v: the dropped workbook was not processed", events)
		}
		if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err != nil {
			t.Error(err)
		}
		cancel()
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

// --recursive reads subfolders and mirrors them in the output folder; without
// it, subfolders are left alone. An output folder inside the input is skipped.
func TestRecursive(t *testing.T) {
	in := t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东", "华东销售部_2025Q3.xlsx"))
	copyFile(t, "../samples/East-China-Sales_2025Q3.xlsx", filepath.Join(in, "East-China-Sales_2025Q3.xlsx"))
	out := filepath.Join(t.TempDir(), "报告") // inside the input folder it is refused: TestOutputInsideInputRefused
	s := run(t, batch.Options{Input: in, Output: out})
	if s.OK != 1 {
		t.Errorf("without --recursive: %d ok; want only the top folder's workbook", s.OK)
	}
	s = run(t, batch.Options{Input: in, Output: out, Recursive: true})
	if s.OK != 2 {
		t.Fatalf("with --recursive: %d ok; want 2", s.OK)
	}
	if _, err := os.Stat(filepath.Join(out, "华东", "华东销售部_2025Q3.pdf")); err != nil {
		t.Errorf("the subfolder is not mirrored: %v", err)
	}
}

// watch with Recursive picks up a workbook dropped into a subfolder.
func TestWatchRecursive(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runs := make(chan *batch.Summary, 10)
	go func() {
		_ = batch.Watch(ctx, batch.Options{Input: in, Output: out, Workers: 1, Recursive: true},
			batch.WatchOptions{Poll: 50 * time.Millisecond, Settle: 100 * time.Millisecond, OnRun: func(s *batch.Summary) { runs <- s }})
	}()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东", "华东销售部_2025Q3.xlsx"))
	select {
	case s := <-runs:
		if s.OK != 1 {
			t.Errorf("run %+v", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the workbook in a subfolder was not processed")
	}
	if _, err := os.Stat(filepath.Join(out, "华东", "华东销售部_2025Q3.pdf")); err != nil {
		t.Error(err)
	}
}

// A file that cannot be read has a review (its one error) and no Source, and
// Report refuses to write outputs for it instead of failing halfway.
func TestReportOfUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	rv, src, err := batch.LoadSource(context.Background(), batch.Settings{}, "坏文件.xlsx", []byte("not a workbook"))
	if err != nil {
		t.Fatal(err)
	}
	if src != nil || !rv.HasErrors() {
		t.Fatalf("an unreadable file gave a Source %v and errors %v", src, rv.HasErrors())
	}
	if _, err := batch.Report(context.Background(), batch.Settings{}, rv, src, filepath.Join(dir, "坏文件"), ".xlsx"); err == nil {
		t.Error("Report wrote outputs for a file that could not be read")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}
