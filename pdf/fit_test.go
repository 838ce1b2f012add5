package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
)

// Page geometry as pdftotext -bbox measures it, in points.
const (
	ptPerMM     = 72 / 25.4
	bodyLeft    = 15 * ptPerMM
	bodyRight   = (210 - 15) * ptPerMM
	bodyBottom  = (297 - 18) * ptPerMM // where the body stops
	footerRule  = (297 - 14) * ptPerMM // the footer lives below its rule
	pageBottomY = 297 * ptPerMM
)

// layoutFaults says what a PDF draws outside its page's body (off the page,
// past the margins, over the footer) and which pages end with one of the
// headings: a heading alone at a page's foot.
func layoutFaults(t *testing.T, path string, headings []string) []string {
	t.Helper()
	var faults []string
	lines := map[int]map[float64][]word{} // page → line top → words
	for _, w := range words(t, path) {
		switch {
		case w.x0 < bodyLeft-0.5 || w.x1 > bodyRight+0.5:
			faults = append(faults, fmt.Sprintf("page %d: %q past the margin (x %.1f–%.1f pt)", w.page, w.text, w.x0, w.x1))
		case w.y0 < 0 || w.y1 > pageBottomY:
			faults = append(faults, fmt.Sprintf("page %d: %q off the page", w.page, w.text))
		case w.y1 > bodyBottom+1 && w.y0 < footerRule:
			faults = append(faults, fmt.Sprintf("page %d: %q runs over the footer (y %.1f–%.1f pt)", w.page, w.text, w.y0, w.y1))
		}
		if w.y0 >= footerRule {
			continue
		}
		if lines[w.page] == nil {
			lines[w.page] = map[float64][]word{}
		}
		lines[w.page][w.y0] = append(lines[w.page][w.y0], w)
	}
	isHeading := map[string]bool{}
	for _, h := range headings {
		isHeading[strings.Join(strings.Fields(h), "")] = true
	}
	for page, ls := range lines {
		var tops []float64
		for y := range ls {
			tops = append(tops, y)
		}
		sort.Float64s(tops)
		var text []string
		for _, w := range ls[tops[len(tops)-1]] {
			text = append(text, w.text)
		}
		if line := strings.Join(text, ""); isHeading[line] {
			faults = append(faults, fmt.Sprintf("page %d ends with the heading %q", page, line))
		}
	}
	return faults
}

// longLessons are two teams' lessons, one with a cause of n characters.
func longLessons(n int) []fupan.Lesson {
	ach := 0.66
	cause := strings.Repeat("线上推广素材吸引力不足,点击率仅2.5%,于2025年7月31日前未完成改版。", n/40)
	var out []fupan.Lesson
	for i := 0; i < 6; i++ {
		c := "投放价格上涨"
		if i == 3 {
			c = cause
		}
		for _, team := range []string{"华南销售部", "Global-Sales"} {
			out = append(out, fupan.Lesson{Team: team, Period: "2025Q3", Metric: fmt.Sprintf("华南销售额%02d", i+1),
				Kind: fupan.LessonAvoid, Text: "教训：提前测试", Cause: c, Achievement: &ach, Status: fupan.StatusMissed,
				File: team + "_2025Q3.xlsx", MetricKey: fmt.Sprintf("华南销售额%02d", i+1)})
		}
	}
	return out
}

// A 5,000-character cause in the overview and in the lessons library goes on
// over the next page under its heading (the heading stood alone at a page's
// foot and the text ran over the footer and off the paper); a 30,000-character
// one is cut with the whole note inside the page. In every language.
func TestLongTextFitsOverviewAndLessons(t *testing.T) {
	testtool.Require(t, "pdftotext")
	for _, n := range []int{5000, 30000} {
		lessons := longLessons(n)
		for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
			rows := []pdf.OverviewRow{
				{File: "华南销售部_2025Q3.xlsx", Team: "华南销售部", Period: "2025Q3", Lessons: lessons[0:12:12],
					Figures: &fupan.Summary{Metrics: 6, MetricsAchieved: 1, MeanAchievementCapped: ptr(0.66)}},
			}
			var headings []string
			for _, th := range fupan.Themes(lessons) {
				head := th.Metric + " · " + kindWord(l, th.Kind)
				if th.Teams > 1 {
					head += " · " + teamsWord(l, th.Teams)
				}
				headings = append(headings, head, th.Metric)
			}
			dir := t.TempDir()
			var buf bytes.Buffer
			if err := pdf.WriteOverview(&buf, rows, pdf.Options{Now: fixedNow, Lang: l}); err != nil {
				t.Fatal(err)
			}
			overview := filepath.Join(dir, "overview.pdf")
			buf2 := bytes.Buffer{}
			if err := pdf.WriteLessons(&buf2, lessons, pdf.Options{Now: fixedNow, Lang: l}); err != nil {
				t.Fatal(err)
			}
			library := filepath.Join(dir, "lessons.pdf")
			if err := os.WriteFile(overview, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(library, buf2.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{overview, library} {
				for _, f := range layoutFaults(t, path, headings) {
					t.Errorf("%s, %s, %d characters: %s", l, filepath.Base(path), n, f)
				}
				flat := strings.Join(strings.Fields(testtool.Text(t, path)), "")
				if n == 30000 && !strings.Contains(flat, tooLong(l)) {
					t.Errorf("%s, %s: the 30,000-character cause is cut without the whole note %q", l, filepath.Base(path), tooLong(l))
				}
				// The kind's heading counts its lessons in words of the
				// language ("lesson (4)" read as a label, "教训 (4)" with
				// ASCII brackets in Chinese).
				want := map[fupan.Lang]string{fupan.Simplified: "教训（12）", fupan.Traditional: "教訓（12）", fupan.English: "Lessons(12)"}[l]
				if path == library && !strings.Contains(flat, want) {
					t.Errorf("%s: the lessons library's heading is not %q", l, want)
				}
				if n == 5000 && strings.Contains(flat, tooLong(l)) {
					t.Errorf("%s, %s: the 5,000-character cause is cut: it fits on two pages", l, filepath.Base(path))
				}
			}
		}
	}
}

func kindWord(l fupan.Lang, kind string) string {
	return map[fupan.Lang]map[string]string{
		fupan.Simplified:  {fupan.LessonAvoid: "教训", fupan.LessonExperience: "经验"},
		fupan.Traditional: {fupan.LessonAvoid: "教訓", fupan.LessonExperience: "經驗"},
		fupan.English:     {fupan.LessonAvoid: "Lesson", fupan.LessonExperience: "Experience"},
	}[l][kind]
}

func teamsWord(l fupan.Lang, n int) string {
	switch l {
	case fupan.English:
		return fmt.Sprintf("%d teams", n)
	case fupan.Traditional:
		return fmt.Sprintf("%d 個團隊", n)
	}
	return fmt.Sprintf("%d 个团队", n)
}

func tooLong(l fupan.Lang) string {
	switch l {
	case fupan.English:
		return "(toolong:seetheworkbook)"
	case fupan.Traditional:
		return "（內容過長，完整內容見活頁簿）"
	}
	return "（内容过长，完整内容见工作簿）"
}
