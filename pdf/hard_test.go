package pdf_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// hardReview is a review as a strategy director tried the report on: 25
// metrics (one at 250%), 40 tasks over 18 months, early and late
// milestones, a 5,000-character cause, long English names.
func hardReview(t *testing.T, english bool) string {
	t.Helper()
	r := samples.SeedSimplifiedCopy()
	if english {
		r = samples.SeedEnglish()
	}
	r.Plan.Rows = nil
	for i := 0; i < 40; i++ {
		start := fmt.Sprintf("2025.%d.1", i%12+1)
		end := fmt.Sprintf("2026.%d.28", i%6+1)
		task := fmt.Sprintf("关键任务%02d:优化华东区域渠道", i+1)
		if english {
			task = fmt.Sprintf("Task %02d: internationalisation of the customer-relationship-management workflow", i+1)
		}
		r.Plan.Rows = append(r.Plan.Rows, []string{"2025-2026年华东销售额提升20%", task, "李四", start + "-" + end, "预算5万元,设计1人", "上线"})
	}
	r.Track.Rows = nil
	for i := 0; i < 12; i++ {
		planned := fmt.Sprintf("2025年%d月20日前完成", i%12+1)
		actual := fmt.Sprintf("2025年%d月%d日", i%12+1, 10+i) // early and late
		r.Track.Rows = append(r.Track.Rows, []string{fmt.Sprintf("关键任务%02d:优化华东区域渠道", i+1), planned, actual, "", "场地临时取消", "", "王五"})
	}
	r.Outcome.Rows = nil
	for i := 0; i < 25; i++ {
		actual := fmt.Sprintf("%d万", 60+i*2)
		if i == 0 {
			actual = "250万"
		}
		cause := "投放价格上涨"
		if i == 3 {
			cause = strings.Repeat("线上推广素材吸引力不足,点击率仅2.5%,于2025年7月31日前未完成改版。", 100) // 5,000 characters
		}
		r.Outcome.Rows = append(r.Outcome.Rows, []string{fmt.Sprintf("指标%02d", i+1), "100万", actual, "", cause, "教训:提前测试"})
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025H2.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	return src
}

type word struct {
	x0, y0, x1, y1 float64
	page           int
	text           string
}

// words are a PDF's words with their boxes, as pdftotext -bbox gives them.
func words(t *testing.T, path string) []word {
	t.Helper()
	out := testtool.Run(t, "pdftotext", "-bbox", path, "-")
	var ws []word
	page := 0
	re := regexp.MustCompile(`<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		if m[0] == "<page " {
			page++
			continue
		}
		ws = append(ws, word{atof(m[1]), atof(m[2]), atof(m[3]), atof(m[4]), page, m[5]})
	}
	return ws
}

// On a hard workbook, nothing is drawn outside the page's body, no heading
// stands alone as a page's last line, and no date is split across lines.
func TestHardWorkbookLayout(t *testing.T) {
	testtool.Require(t, "pdftotext")
	// Section headings, and the first cells of each table's header row.
	headings := regexp.MustCompile(`^(关键数据|各指标达成率|任务进度甘特图|需要决策的事项|复盘结论|亮点|待改进点|根本原因|改进方向|复盘表格|表\d:.*表|数据质量问题|策略目标关键任务.*|关键任务计划进度.*|目标指标计划值.*|改进项具体措施.*|Strategy.*goal.*|Key.*task.*Planned.*)$`)
	const bodyEnd = (297.0 - 18) * 72 / 25.4
	for _, english := range []bool{false, true} {
		path := writePDF(t, review(t, hardReview(t, english)), t.TempDir(), pdf.Options{})
		ws := words(t, path)
		lines := map[int]map[float64][]word{} // page → line top → words
		for _, w := range ws {
			if w.x0 < 0 || w.x1 > 595.3 || w.y0 < 0 || w.y1 > 841.9 {
				t.Errorf("%q drawn outside page %d", w.text, w.page)
			}
			if w.y1 > bodyEnd+1 && w.y0 < (297.0-14)*72/25.4 {
				t.Errorf("%q on page %d runs into the footer", w.text, w.page)
			}
			if lines[w.page] == nil {
				lines[w.page] = map[float64][]word{}
			}
			lines[w.page][w.y0] = append(lines[w.page][w.y0], w)
		}
		for page, ls := range lines {
			var tops []float64
			for y := range ls {
				if y < bodyEnd {
					tops = append(tops, y)
				}
			}
			sort.Float64s(tops)
			if len(tops) == 0 {
				continue
			}
			last := ls[tops[len(tops)-1]]
			var text []string
			for _, w := range last {
				text = append(text, w.text)
			}
			if line := strings.Join(text, ""); headings.MatchString(line) {
				t.Errorf("page %d ends with the heading %q", page, line)
			}
		}
		// A date broken over two lines leaves a line ending in a date's start.
		text := testtool.Text(t, path)
		// The Gantt fits its 40 tasks to the page it has, rows lower,
		// rather than leaving 15 out beside half a page empty.
		if flat := strings.Join(strings.Fields(text), ""); !english && strings.Contains(flat, "项任务") {
			t.Errorf("the Gantt leaves tasks out where a page holds all 40")
		}
		split := regexp.MustCompile(`(\d{4}[-.年]\d{0,2}[-.月]?|\d{1,2}月)\n\d`)
		if m := split.FindString(text); m != "" {
			t.Errorf("a date is split across lines: %q", m)
		}
	}
}

// Metric names that differ only at their end stay apart in the achievement
// chart: each row keeps its name's start and end ("New enterprise…number
// 12"); cut at the end, thirty rows read "New enterprise customers acqui…".
func TestChartKeepsLongNamesApart(t *testing.T) {
	testtool.Require(t, "pdftotext")
	r := samples.SeedEnglish()
	r.Outcome.Rows = nil
	for i := 0; i < 12; i++ {
		r.Outcome.Rows = append(r.Outcome.Rows, []string{
			fmt.Sprintf("New enterprise customers acquired through channel partners in the eastern region, number %d", i+1),
			"100", fmt.Sprint(70 + 5*i), "", "Price of placements rose", "lesson: test earlier"})
	}
	src := filepath.Join(t.TempDir(), "East-China-Sales_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	text := testtool.Text(t, writePDF(t, review(t, src), t.TempDir(), pdf.Options{}))
	for i := 1; i <= 12; i++ {
		if !regexp.MustCompile(`New enterprise[^\n]*…[^\n]*number ` + fmt.Sprint(i) + `\b`).MatchString(text) {
			t.Errorf("the chart has no row for metric number %d by its start and end", i)
		}
	}
}

// A Gantt of more tasks than a page holds shows as many as a page holds
// (more than the 25 it stopped at) and says how many it left out.
func TestGanttShowsWhatThePageHolds(t *testing.T) {
	testtool.Require(t, "pdftotext")
	r := samples.SeedSimplifiedCopy()
	r.Plan.Rows = nil
	for i := 0; i < 80; i++ {
		r.Plan.Rows = append(r.Plan.Rows, []string{"华东销售额提升20%", fmt.Sprintf("任务%02d", i+1), "李四", fmt.Sprintf("2025.7.%d-2025.9.30", i%28+1), "", "上线"})
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
	flat := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	m := regexp.MustCompile(`另有(\d+)项任务`).FindStringSubmatch(flat)
	if m == nil {
		t.Fatal("the Gantt does not say how many of the 80 tasks it left out")
	}
	if n := int(atof(m[1])); n >= 80-25 || n <= 0 {
		t.Errorf("the Gantt left out %d of 80 tasks: a page holds more than 25", n)
	}
	for _, f := range layoutFaults(t, path, nil) {
		t.Error(f)
	}
}
