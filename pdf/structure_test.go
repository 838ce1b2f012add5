package pdf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
)

// outlineEntry is one bookmark as qpdf reports it.
type outlineEntry struct {
	Title string         `json:"title"`
	Page  int            `json:"destpageposfrom1"`
	Kids  []outlineEntry `json:"kids"`
}

// outline flattens a PDF's bookmarks to "level title @page" lines.
func outline(t *testing.T, path string) []string {
	t.Helper()
	var doc struct {
		Outlines []outlineEntry `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(testtool.Run(t, "qpdf", "--json", "--json-key=outlines", path)), &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(es []outlineEntry, level int)
	walk = func(es []outlineEntry, level int) {
		for _, e := range es {
			out = append(out, strings.Repeat("  ", level)+e.Title+" @"+strconv.Itoa(e.Page))
			walk(e.Kids, level+1)
		}
	}
	walk(doc.Outlines, 0)
	return out
}

// The PDFs fupan writes itself are well formed (qpdf checks the objects, the
// streams and the cross-reference table) and their outline nests the
// sections with the page each starts on.
func TestPDFStructure(t *testing.T) {
	testtool.Require(t, "qpdf")
	dir := t.TempDir()
	seed := writePDF(t, review(t, goodSamples[0]), dir, pdf.Options{})
	english := writePDF(t, review(t, goodSamples[2]), dir, pdf.Options{})

	var buf bytes.Buffer
	rv := review(t, goodSamples[1])
	rows := []pdf.OverviewRow{
		{File: "华东销售部_2025Q3.xlsx", Team: "华东销售部", Period: "2025Q3", Figures: &rv.Summary, Warnings: 1},
		{File: "坏的.xlsx", Failed: true, Reason: "不是 Excel 工作簿"},
	}
	if err := pdf.WriteOverview(&buf, rows, pdf.Options{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	overview := filepath.Join(dir, "overview.pdf")
	if err := os.WriteFile(overview, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, p := range []string{seed, english, overview} {
		out := testtool.Run(t, "qpdf", "--check", p)
		if !strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("qpdf --check %s:\n%s", filepath.Base(p), out)
		}
	}

	got := strings.Join(outline(t, seed), "\n")
	want := strings.Join([]string{
		"策略復盤報告 @1",
		"關鍵數據 @1",
		"  需要決策的事項 @1",
		"  各指標達成率 @1",
		"  任務進度甘特圖 @1",
		"復盤結論 @2",
		"  亮點 @2",
		"  待改進點 @2",
		"  根本原因 @2",
		"  改進方向 @2",
	}, "\n")
	if !strings.HasPrefix(got, want) {
		t.Errorf("the seed's outline begins\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(got, "資料品質問題 @4") {
		t.Errorf("the seed's outline has no findings section on page 4:\n%s", got)
	}
	ov := outline(t, overview)
	if len(ov) < 3 || !strings.HasPrefix(ov[0], "策略复盘总览") {
		t.Errorf("the overview's outline: %q", ov)
	}
}
