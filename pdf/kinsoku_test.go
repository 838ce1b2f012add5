package pdf_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// closing are the marks no line may start with (禁则), opening those no
// line may end with.
const (
	closing = "，。、；：？！）」』】》〉〕％…"
	opening = "（「『【《〈〔"
)

// kinsokuFaults are the lines of a PDF, as pdftotext -bbox gives its words,
// that start with closing punctuation or end with an opening bracket. A
// line is a run of words on one baseline with no gap between them wider
// than a space, so that the lines of a table's cells side by side are told
// apart.
func kinsokuFaults(t *testing.T, path string) []string {
	t.Helper()
	ws := words(t, path)
	var faults []string
	for i, w := range ws {
		joinedBefore, joinedAfter := false, false
		for k, o := range ws {
			if k == i || o.page != w.page || math.Abs(o.y1-w.y1) > 1 {
				continue
			}
			if gap := w.x0 - o.x1; gap >= -0.5 && gap < 4 {
				joinedBefore = true
			}
			if gap := o.x0 - w.x1; gap >= -0.5 && gap < 4 {
				joinedAfter = true
			}
		}
		first, _ := utf8.DecodeRuneInString(w.text)
		last, _ := utf8.DecodeLastRuneInString(w.text)
		if !joinedBefore && strings.ContainsRune(closing, first) {
			faults = append(faults, fmt.Sprintf("page %d: a line starts with %q", w.page, w.text))
		}
		if !joinedAfter && utf8.RuneCountInString(w.text) > 0 && strings.ContainsRune(opening, last) {
			faults = append(faults, fmt.Sprintf("page %d: a line ends with %q", w.page, w.text))
		}
	}
	return faults
}

// kinsokuReview is the sample with the causes and lessons of table 3 in
// full-width punctuation, as teams type them, each shifted by a character
// more than the one before so that some line breaks fall before a "，", a
// "；" or a "）" and after a "（".
func kinsokuReview(t *testing.T) string {
	t.Helper()
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows = nil
	for k := 0; k < 12; k++ {
		pad := strings.Repeat("因", k)
		r.Outcome.Rows = append(r.Outcome.Rows, []string{fmt.Sprintf("指标%02d", k+1), "100万", "90万", "",
			pad + "新客户获取成本超预算30%，转化率未达预期；首场活动（地推）取消。",
			pad + "教训：地推活动客群画像需更精准，需提前做小范围测试（「老带新」）。"})
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q4.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	return src
}

// The report, the overview and the lessons library break lines by the rules
// of Chinese (禁则): no line of a table cell, a lesson or the overview's
// list starts with "，" or "）" or ends with "（".
func TestLinesKeepKinsoku(t *testing.T) {
	testtool.Require(t, "pdftotext")
	dir := t.TempDir()
	var paths []string
	for _, s := range []string{"../samples/华东销售部_2025Q3.xlsx", "../samples/華東銷售部_2025Q3.xlsx", kinsokuReview(t)} {
		paths = append(paths, writePDF(t, review(t, s), dir, pdf.Options{}))
	}
	lessons := longLessons(400)
	for i := range lessons {
		pad := strings.Repeat("因", i)
		lessons[i].Cause = pad + strings.ReplaceAll(lessons[i].Cause, ",", "，") + "（见附件）"
		lessons[i].Text = pad + strings.Repeat("教训：提前测试，地推活动客群画像需更精准；素材（「老带新」）需增加用户证言。", 3)
	}
	rows := []pdf.OverviewRow{
		{File: "华南销售部_2025Q3.xlsx", Team: "华南销售部", Period: "2025Q3", Lessons: lessons[0:12:12],
			Figures: &fupan.Summary{Metrics: 6, MetricsAchieved: 1, MeanAchievementCapped: ptr(0.66)}},
	}
	for _, w := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"overview.pdf", func(b *bytes.Buffer) error {
			return pdf.WriteOverview(b, rows, pdf.Options{Now: fixedNow, Lang: fupan.Simplified})
		}},
		{"lessons.pdf", func(b *bytes.Buffer) error {
			return pdf.WriteLessons(b, lessons, pdf.Options{Now: fixedNow, Lang: fupan.Simplified})
		}},
	} {
		var buf bytes.Buffer
		if err := w.write(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, w.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	for _, path := range paths {
		for _, f := range kinsokuFaults(t, path) {
			t.Errorf("%s: %s", filepath.Base(path), f)
		}
	}
}
