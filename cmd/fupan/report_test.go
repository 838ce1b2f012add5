package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
)

// exitCode is the status main gives a command's error (0 for none).
func exitCode(err error) int { return exitStatus(err, io.Discard) }

// report's run, called directly: a good workbook's outputs, each quarter
// recorded in the history; a
// workbook with errors and a file that is no workbook get no outputs, with
// their findings on stderr; a history that could not be opened fails the
// command after the report is written.
func TestReportRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "h.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	settings := batch.Settings{Analyze: fupan.Options{Now: time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)}}
	q2 := filepath.Join(dir, "in", "华东销售部_2025Q2.xlsx")
	if err := os.MkdirAll(filepath.Dir(q2), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo(t, "../../samples/华东销售部_2025Q3.xlsx", q2)
	for _, tc := range []struct {
		file    string
		code    int
		outputs int
		stderr  string
	}{
		{q2, 0, 2, ""},
		{"../../samples/华东销售部_2025Q3.xlsx", 0, 2, ""},
		{"../../samples/invalid/缺少必填列_2025Q3.xlsx", 1, 0, "column-missing"},
		{"../../samples/invalid/不是工作簿.xlsx", 1, 0, "file-not-workbook"},
	} {
		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		o := reportOptions{File: tc.file, Output: out, Settings: settings, History: db}
		err := o.run(ctx, &stdout, &stderr)
		files, _ := os.ReadDir(out)
		if exitCode(err) != tc.code || len(files) != tc.outputs || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%s: exit %d (%v), %d outputs, stderr %q", filepath.Base(tc.file), exitCode(err), err, len(files), stderr.String())
		}
	}
	list, err := db.Reviews(ctx, "")
	if err != nil || len(list) != 2 {
		t.Fatalf("the history holds %d reviews (%v), want the two quarters", len(list), err)
	}
	// The history that could not be opened: the report is written, exit 1.
	out := t.TempDir()
	o := reportOptions{File: q2, Output: out, Settings: settings, HistoryProblem: errors.New("history x: damaged")}
	err = o.run(ctx, &bytes.Buffer{}, &bytes.Buffer{})
	files, _ := os.ReadDir(out)
	if exitCode(err) != 1 || len(files) != 2 || !strings.Contains(err.Error(), "not updated") {
		t.Errorf("with a history problem: exit %d (%v), %d outputs", exitCode(err), err, len(files))
	}
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
