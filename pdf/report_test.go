package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/xlsx"
)

var goodSamples = []string{
	"../samples/華東銷售部_2025Q3.xlsx",
	"../samples/华东销售部_2025Q3.xlsx",
	"../samples/East-China-Sales_2025Q3.xlsx",
	"../samples/华东销售部-单表_2025Q3.xlsx",
	"../samples/华东销售部-日期格式_2025Q3.xlsx",
}

var fixedNow = time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)

func review(t testing.TB, path string) *fupan.Review {
	t.Helper()
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return fupan.Analyze(wb, fupan.Options{Now: fixedNow})
}

func writePDF(t testing.TB, rv *fupan.Review, dir string, opts pdf.Options) string {
	t.Helper()
	var buf bytes.Buffer
	if opts.Now.IsZero() {
		opts.Now = fixedNow
	}
	if err := pdf.WriteReport(&buf, rv, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(rv.File), ".xlsx")+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// cellTexts are the texts of every table cell of a review.
func cellTexts(rv *fupan.Review) []string {
	var out []string
	prevGoal := ""
	for _, p := range rv.Plan {
		if p.Goal != prevGoal {
			out = append(out, p.Goal) // one merged cell in the workbook, written once
		}
		prevGoal = p.Goal
		out = append(out, p.Task, p.Owner, p.Period, p.Resources, p.Acceptance)
	}
	for _, t := range rv.Tracking {
		out = append(out, t.Task, t.PlannedText, t.ActualText, t.Problem, t.Countermeasure, t.Owner)
	}
	for _, o := range rv.Outcomes {
		out = append(out, o.Metric, o.TargetText, o.ActualText, o.Cause, o.Lesson)
	}
	for _, a := range rv.Actions {
		out = append(out, a.Item, a.Measure, a.Owner, a.DueText, a.Support, a.Acceptance, a.Status)
	}
	return out
}

func countRunes(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// Every character of every table cell is in the text pdftotext extracts, at
// least as often as in the cells: a character dropped at a line break fails it.
func TestEveryCharacterInPDF(t *testing.T) {
	testtool.Require(t, "pdftotext")
	for _, s := range goodSamples {
		t.Run(filepath.Base(s), func(t *testing.T) {
			rv := review(t, s)
			path := writePDF(t, rv, t.TempDir(), pdf.Options{})
			got := countRunes(testtool.Text(t, path))
			want := countRunes(strings.Join(cellTexts(rv), ""))
			for r, n := range want {
				if got[r] < n {
					t.Errorf("%q appears %d times in the PDF's text, %d times in the cells", r, got[r], n)
				}
			}
		})
	}
}

func TestFontEmbeddedAndSmall(t *testing.T) {
	testtool.Require(t, "pdffonts")
	path := writePDF(t, review(t, goodSamples[0]), t.TempDir(), pdf.Options{})
	out := testtool.Run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= 300<<10 {
		t.Errorf("the seed's PDF is %d bytes; want under 300 KB (only the characters used embedded)", fi.Size())
	}
	info := testtool.Run(t, "pdfinfo", path)
	for _, want := range []string{"Title:           策略復盤報告 · 華東銷售部(繁體版) · 2025Q3", "Subject:         華東銷售部(繁體版) · 2025Q3", "Page size:       595.28 x 841.89 pts (A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// The report reads in the workbook's language, with page numbers and an
// outline; --lang overrides the language.
func TestReportLabels(t *testing.T) {
	testtool.Require(t, "pdftotext")
	dir := t.TempDir()
	rv := review(t, goodSamples[0])
	text := testtool.Text(t, writePDF(t, rv, dir, pdf.Options{}))
	text = squeeze(text)
	for _, want := range []string{"《策略復盤報告》", "關鍵數據", "各指標達成率", "任務進度甘特圖", "復盤結論", "亮點", "待改進點", "根本原因", "改進方向", "資料品質問題", "第 1 頁 / 共 4 頁", "90% 接近", "84% 未達成", "120% 達成", "-9.7%", "填寫值 -6.5%"} {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("Traditional report lacks %q", want)
		}
	}
	en := squeeze(testtool.Text(t, writePDF(t, rv, t.TempDir(), pdf.Options{Lang: fupan.English})))
	for _, want := range []string{"Strategy Review Report", "Key figures", "Page 2 of 4", "90% Close"} {
		if !strings.Contains(en, squeeze(want)) {
			t.Errorf("--lang en report lacks %q", want)
		}
	}
}

// Documents built side by side each parse their own copy of the font: run
// with -race.
func TestParallelReports(t *testing.T) {
	reviews := make([]*fupan.Review, len(goodSamples))
	for i, s := range goodSamples {
		reviews[i] = review(t, s)
	}
	var wg sync.WaitGroup
	docs := make([][]byte, 2*len(reviews))
	for i := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := pdf.WriteReport(&buf, reviews[i%len(reviews)], pdf.Options{Now: fixedNow}); err != nil {
				t.Error(err)
			}
			docs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	// The same review drawn twice at once gives the same document, byte for
	// byte: nothing is shared between documents.
	for i := range reviews {
		if len(docs[i]) == 0 || !bytes.Equal(docs[i], docs[i+len(reviews)]) {
			t.Errorf("%s: parallel builds differ (%d and %d bytes)", reviews[i].File, len(docs[i]), len(docs[i+len(reviews)]))
		}
	}
}

func TestLoadFont(t *testing.T) {
	dir := t.TempDir()
	for name, head := range map[string]string{"c.ttc": "ttcf", "o.otf": "OTTO", "x.ttf": "<htm"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head+strings.Repeat("\x00", 64)), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := pdf.LoadFont(p); err == nil {
			t.Errorf("LoadFont(%s) accepted a font fupan cannot embed", name)
		} else if name == "c.ttc" && !strings.Contains(err.Error(), "collection") || name == "o.otf" && !strings.Contains(err.Error(), "CFF") {
			t.Errorf("LoadFont(%s): %v; want the reason", name, err)
		}
	}
	f, err := pdf.LoadFont("fonts/wqy-microhei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	if path := writePDF(t, review(t, goodSamples[1]), t.TempDir(), pdf.Options{Font: f}); path == "" {
		t.Fatal("no PDF")
	}
}

// squeeze drops white space: pdftotext joins CJK text and digits without the
// spaces between them.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// A table longer than a page repeats its header on every page and splits no
// row; the PDF has an outline.
func TestLongTableRepeatsHeader(t *testing.T) {
	testtool.Require(t, "pdftotext")
	rv := review(t, goodSamples[1])
	base := rv.Outcomes[2] // achieved: its cause shows in the table only
	for i := 0; i < 80; i++ {
		o := base
		o.Metric = fmt.Sprintf("指标%02d", i)
		o.Cause = fmt.Sprintf("第%02d行开始", i) + strings.Repeat("新客户获取成本超预算,", 1+i%4) + fmt.Sprintf("第%02d行结束", i)
		rv.Outcomes = append(rv.Outcomes, o)
	}
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	pages := strings.Split(testtool.Text(t, path), "\f")
	tablePages := 0
	for _, p := range pages {
		if !strings.Contains(squeeze(p), "行开始") {
			continue
		}
		tablePages++
		if !strings.Contains(p, "偏差原因") || !strings.Contains(p, "计划值") {
			t.Errorf("a page of the long table has no header row:\n%.200s", p)
		}
	}
	if tablePages < 2 {
		t.Fatalf("the long table spans %d pages; want several", tablePages)
	}
	// No row split: each row's start (its metric) and end marker are on one page.
	for i := 0; i < 80; i++ {
		for _, p := range pages {
			if strings.Contains(squeeze(p), fmt.Sprintf("第%02d行开始", i)) != strings.Contains(squeeze(p), fmt.Sprintf("第%02d行结束", i)) {
				t.Errorf("row %d is split across pages", i)
			}
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
}

// A review with thousands of tracking rows gives a report of a few pages: the
// milestones off track, most deviated first, and a count of the rest.
func TestBigReviewStaysReadable(t *testing.T) {
	testtool.Require(t, "pdfinfo")
	rv := review(t, goodSamples[1])
	base := rv.Tracking[1] // +20%, off track
	for i := 0; i < 5000; i++ {
		tr := base
		tr.Task = fmt.Sprintf("里程碑%04d", i)
		dev := float64(i%50) / 100 // 0% to 49%
		on := dev <= 0.10
		tr.Deviation, tr.OnTrack = &dev, &on
		rv.Tracking = append(rv.Tracking, tr)
	}
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	info := testtool.Run(t, "pdfinfo", path)
	var pages int
	for _, l := range strings.Split(info, "\n") {
		if strings.HasPrefix(l, "Pages:") {
			_, _ = fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "Pages:")), "%d", &pages)
		}
	}
	if pages == 0 || pages > 15 {
		t.Errorf("%d pages for 5,000 milestones; want a readable report of a few", pages)
	}
	text := squeeze(testtool.Text(t, path))
	if !strings.Contains(text, "另有4942行未列出，其中") || !strings.Contains(text, "+49%") {
		t.Errorf("the report does not show the worst milestones and count the rest")
	}
}
