package batch_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/xlsx"
)

// Every way a file cannot be read ends in the one place, Pipeline.Read (or
// the reader inside Analyse): a review of one error finding, in the language
// asked for, never an error.
func TestPipelineUnreadable(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "空的_2025Q3.xlsx")
	notWB := filepath.Join(dir, "不是工作簿_2025Q3.xlsx")
	big := filepath.Join(dir, "太大_2025Q3.xlsx")
	for path, data := range map[string]string{empty: "", notWB: "not a workbook", big: "0123456789"} {
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		path       string
		limit      int64
		code       fupan.Code
		unreadable bool // told at Read, before any analysis
	}{
		{filepath.Join(dir, "没有_2025Q3.xlsx"), 0, fupan.CodeFileUnreadable, true},
		{empty, 0, fupan.CodeFileNotXLSX, true},
		{big, 5, fupan.CodeFileTooLarge, true},
		{notWB, 0, fupan.CodeFileNotXLSX, false},
	}
	for _, c := range cases {
		p := batch.Pipeline{Settings: batch.Settings{Reader: xlsx.Options{MaxFileSize: c.limit}, Analyze: fupan.Options{Lang: fupan.English}}}
		wb := p.Read(nil, c.path, filepath.Base(c.path), "")
		if (wb.Unreadable != nil) != c.unreadable {
			t.Errorf("%s: unreadable at Read = %v, want %v", c.path, wb.Unreadable, c.unreadable)
		}
		if err := p.Analyse(context.Background(), wb); err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		rv := wb.Review
		if len(rv.Findings) != 1 || rv.Findings[0].Code != c.code || rv.Findings[0].Severity != fupan.SevError {
			t.Errorf("%s: findings %+v, want one %s error", c.path, rv.Findings, c.code)
			continue
		}
		if rv.Meta.Lang != fupan.English || rv.Summary.Errors != 1 {
			t.Errorf("%s: lang %s, %d errors; want en, 1", c.path, rv.Meta.Lang, rv.Summary.Errors)
		}
	}
	// What the web check passes: the person's language where none is asked for.
	wb := batch.Pipeline{}.Read(nil, empty, "x.xlsx", fupan.Traditional)
	if wb.Review == nil || wb.Review.Meta.Lang != fupan.Traditional {
		t.Errorf("the person's language not taken: %+v", wb.Review)
	}
}

// The compare step runs where the pipeline has a history, and only there;
// run and report skip a review with errors, validate and inspect do not.
func TestPipelineCompareStep(t *testing.T) {
	ctx := context.Background()
	db := tempHistory(t)
	asOf := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	p := batch.Pipeline{Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}}
	rv, err := p.Review(ctx, "../samples/华东销售部_2025Q3.xlsx", "华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if rv.Compared != nil {
		t.Error("compared without a history")
	}
	p.Compare = db
	if rv, err = p.Review(ctx, "../samples/华东销售部_2025Q3.xlsx", "华东销售部_2025Q3.xlsx"); err != nil {
		t.Fatal(err)
	}
	if rv.Compared == nil {
		t.Error("not compared with the history given")
	}
	bad := p.Read(nil, "../samples/invalid/缺少必填列_2025Q3.xlsx", "缺少必填列_2025Q3.xlsx", "")
	if err := p.Analyse(ctx, bad); err != nil {
		t.Fatal(err)
	}
	if !bad.Review.HasErrors() {
		t.Fatal("the sample with a missing column has no errors")
	}
	if err := p.CompareStep(ctx, bad, false); err != nil || bad.Review.Compared != nil {
		t.Errorf("a review with errors compared for a report (err %v)", err)
	}
	if err := p.CompareStep(ctx, bad, true); err != nil || bad.Review.Compared == nil {
		t.Errorf("a review with errors not compared for validate (err %v)", err)
	}
}
