package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// Page 1 tells a director in two minutes how the team did and what needs a
// decision: the targets met of all, the worst misses by name, an average that
// lets no over-achievement hide a miss, and the missed metric no action
// answers, the milestone off track without a countermeasure, the overdue
// action and the cause that blames a person. The milestone finished early is
// not off track.
func TestPageOneTellsTheTruth(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows = [][]string{
		{"线上销售额", "100万", "250万", "", "", "经验:直播带货"},
		{"华东销售额", "1200万", "1080万", "", "林二执行不力", "教训:提前测试"},
		{"门店客流量", "5000人", "2000人", "", "商场装修封闭", "教训:提前备选场地"},
		{"新客户获取量", "500家", "420家", "", "素材吸引力不足", "教训:增加用户证言"},
	}
	r.Track.Rows = [][]string{
		{"线上推广方案上线", "7月31日前完成", "7月20日", "", "", "", "李四"},    // early: ahead
		{"首场地推活动", "7月15日开展", "7月25日", "", "场地临时取消", "", "王五"}, // late, no countermeasure
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := review(t, src)
	asOf := time.Date(2025, 9, 15, 12, 0, 0, 0, time.UTC)
	path := writePDF(t, rv, t.TempDir(), pdf.Options{Now: asOf})
	testtool.Require(t, "pdftotext")
	page1 := strings.Join(strings.Fields(testtool.Text(t, path, "-l", "1")), "")
	for _, want := range []string{
		"指标达成1/4",
		"最差：门店客流量40%、新客户获取量84%；", // 华东销售额 90% is close, no miss
		"2个里程碑中1个偏差过大",
		"需要决策的事项",
		"“门店客流量”未达成，后续行动中没有对应的措施",
		"“首场地推活动”偏差过大，没有应对措施",
		"行动“降低新客户获取成本”已过完成时间（2025-09-10），逾期5天，尚未完成",
		"林二执行不力",
		"平均达成率（单项封顶100%）",
		"78.5%",        // (100% + 90% + 40% + 84%) / 4: the 250% counts as 100%
		"数据质量问题：0个错误，", // full-width between Chinese pieces (it was "数据质量问题:0 个错误,")
	} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 does not say %q:\n%s", want, page1)
		}
	}
	if strings.Contains(page1, "116%") { // the plain mean, which the 250% lifts over 100%
		t.Error("page 1 shows an average over 100% while three metrics are missed")
	}
	if strings.Contains(page1, "“新客户获取量”未达成") {
		t.Error("新客户获取量 has a follow-up action (降低新客户获取成本), yet page 1 says none")
	}
	tables := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	if !strings.Contains(tables, "类别单元格") { // the findings' column holds the severity: so headed, not 状态
		t.Error("the findings table's first column is not headed by what it holds")
	}
	if !strings.Contains(tables, "计划进度（7月）") {
		t.Error("the tracking table's header lost the team's note (7月)")
	}
	if !strings.Contains(tables, "-35.5%提前") || strings.Contains(tables, "-35.5%偏差过大") {
		t.Errorf("the early milestone is not shown ahead:\n%s", tables)
	}
}

// Nothing is drawn outside the page: a 5,000-character cause goes on over
// the next page (it ran through the footer), a 30,000-character one is cut
// saying where the rest is (it was cut silently). Every word's box, as
// pdftotext -bbox gives it, lies within the page above the footer.
func TestLongCauseStaysOnThePage(t *testing.T) {
	for _, n := range []int{5000, 30000} {
		r := samples.SeedSimplifiedCopy()
		r.Outcome.Rows[1][4] = strings.Repeat("线上推广素材吸引力不足,点击率仅2.5%。", n/20)
		src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
		if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
		testtool.Require(t, "pdftotext")
		bbox := testtool.Run(t, "pdftotext", "-bbox", path, "-")
		words := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`).FindAllStringSubmatch(bbox, -1)
		if len(words) < 100 {
			t.Fatalf("%d words in the PDF", len(words))
		}
		const (
			bodyEnd   = (297.0 - 18) * 72 / 25.4 // where the body stops, in points
			footerTop = (297.0 - 14) * 72 / 25.4 // the footer's rule
		)
		footer := regexp.MustCompile(`^(策略复盘报告|·|华东销售部|2025Q3|第\d+页|/|共\d+页|第|\d+|页|共)$`)
		for _, w := range words {
			x0, y0, x1, y1 := atof(w[1]), atof(w[2]), atof(w[3]), atof(w[4])
			inFooter := y0 >= footerTop && y1 <= footerTop+14 && footer.MatchString(w[5])
			if x0 < 0 || x1 > 595.3 || y0 < 0 || y1 > bodyEnd+1 && !inFooter {
				t.Errorf("%d characters: %q drawn at (%.0f,%.0f)-(%.0f,%.0f), outside the page's body", n, w[5], x0, y0, x1, y1)
				break
			}
		}
		text := testtool.Text(t, path)
		// The note is whole, inside its cell: "作簿）" was lost past the border.
		if n == 30000 && !strings.Contains(strings.Join(strings.Fields(text), ""), "……（内容过长，完整内容见工作簿）") {
			t.Errorf("the 30,000-character cause is cut without the whole note saying so")
		}
		for _, f := range layoutFaults(t, path, nil) {
			t.Errorf("%d characters: %s", n, f)
		}
	}
}

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// The overview names the period(s) in its title and lists the teams by what
// needs attention, failed workbooks first; two teams of one name are told
// apart by file.
func TestOverviewTitleAndOrder(t *testing.T) {
	fig := func(met, of int) *fupan.Summary {
		return &fupan.Summary{Metrics: of, MetricsAchieved: met, MeanAchievementCapped: ptr(0.9)}
	}
	rows := []pdf.OverviewRow{
		{File: "a.xlsx", Team: "华东销售部", Period: "2025Q3", Figures: fig(3, 3)},
		{File: "b.xlsx", Team: "华南销售部", Period: "2025Q3", Figures: fig(1, 4)},
		{File: "c.xlsx", Team: "华东销售部", Period: "2025Q2", Figures: fig(2, 3)},
	}
	var buf bytes.Buffer
	if err := pdf.WriteOverview(&buf, rows, pdf.Options{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overview.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	// The last column tells leadership how far to trust the figures, in its
	// words, not the validator's "可用于生成报告".
	if !strings.Contains(text, "数据质量") || !strings.Contains(text, "无问题") || strings.Contains(text, "可用于生成报告") {
		t.Errorf("the overview's status column is not in leadership's words:\n%s", text)
	}
	if !strings.Contains(text, "策略复盘总览·2025Q2、2025Q3") {
		t.Errorf("the title does not name the periods:\n%s", text)
	}
	if !strings.Contains(text, "华东销售部（a.xlsx）") || !strings.Contains(text, "华东销售部（c.xlsx）") {
		t.Errorf("two teams of one name are not told apart:\n%s", text)
	}
}

func ptr(v float64) *float64 { return &v }

// A lower-is-better metric says so beside its name, in the chart and in the
// table, so that its achievement is read the right way round.
func TestDirectionShown(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Header = append(r.Outcome.Header, "指标方向")
	for i := range r.Outcome.Rows {
		r.Outcome.Rows[i] = append(r.Outcome.Rows[i], "")
	}
	r.Outcome.Rows[0] = []string{"获客成本", "200元", "250元", "", "投放价格上涨", "教训:提前锁价", "越低越好"}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	if n := strings.Count(text, "获客成本（越低越好）"); n < 2 {
		t.Errorf("the direction is shown %d times beside the metric; want the chart and the table:\n%s", n, text)
	}
}

// A Gantt over 18 months names the years on its axis and its labels never
// collide (months, then quarters, then years as the span grows).
func TestGanttLongSpan(t *testing.T) {
	for _, span := range [][2]string{{"2025.1.1-2026.6.30", "2025.4.1-2026.3.31"}, {"2023.1.1-2026.6.30", "2024.4.1-2025.3.31"}} {
		r := samples.SeedSimplifiedCopy()
		r.Plan.Rows = [][]string{
			{"2025-2026年华东销售额提升20%", "渠道建设", "李四", span[0], "预算5万元", "上线"},
			{"", "区域地推", "王五", span[1], "预算8万元", "10场"},
		}
		src := filepath.Join(t.TempDir(), "华东销售部_2025H1.xlsx")
		if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
			t.Fatal(err)
		}
		path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
		testtool.Require(t, "pdftotext")
		bbox := testtool.Run(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-")
		// The axis: the labels on the line of the first year's label.
		re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>`)
		var axisY string
		type box struct{ x0, x1 float64 }
		var boxes []box
		for _, m := range re.FindAllStringSubmatch(bbox, -1) {
			if axisY == "" && regexp.MustCompile(`^20\d\d(年\d+月)?$`).MatchString(m[4]) {
				axisY = m[2]
			}
			if axisY != "" && m[2] == axisY {
				boxes = append(boxes, box{atof(m[1]), atof(m[3])})
			}
		}
		if len(boxes) < 3 {
			t.Fatalf("%v: no year on the axis:\n%s", span, bbox)
		}
		for i := 1; i < len(boxes); i++ {
			if boxes[i].x0 < boxes[i-1].x1 {
				t.Errorf("%v: axis labels collide at %.0f", span, boxes[i].x0)
			}
		}
	}
}

// A team's own column (备注) is named under its table: the report does not
// print it, and says it is in the workbook.
func TestExtraColumnsNamed(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Header = append(r.Outcome.Header, "备注")
	for i := range r.Outcome.Rows {
		r.Outcome.Rows[i] = append(r.Outcome.Rows[i], "见周报")
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
	testtool.Require(t, "pdftotext")
	if text := strings.Join(strings.Fields(testtool.Text(t, path)), ""); !strings.Contains(text, "本表另有列：备注（内容见工作簿）") {
		t.Errorf("the extra column is not named:\n%s", text)
	}
}

// A web address in a cell is a link, and where it must break it breaks after
// a / or a -.
func TestURLsClickableAndBrokenAtSlashes(t *testing.T) {
	const url = "https://wiki.example.com/strategy/2025-q3/east-china-sales-review"
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows[0][5] = "经验:见 " + url
	r.Outcome.Rows[1][5] = "经验见 https://x.example.com/a"
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("/URI (https://x.example.com/a)")) {
		t.Error("a web address drawn whole on its line is no link")
	}
	testtool.Require(t, "pdftotext")
	for _, line := range strings.Split(testtool.Text(t, path), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(url, line); i > 0 && len(line) > 3 {
			// A piece of the address after the first: the one before ended at / or -.
			if c := url[i-1]; c != '/' && c != '-' {
				t.Errorf("the address is broken before %q, not after a / or a -", line)
			}
		}
	}
}

// Budget and people in columns of their own are written as a reader reads
// them, never as their cells run together ("120000 3").
func TestResourcesFromSeparateColumns(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Plan.Header = []string{"策略目标", "关键任务", "负责人", "起止时间", "预算", "人力", "验收标准"}
	for i, row := range r.Plan.Rows {
		r.Plan.Rows[i] = []string{row[0], row[1], row[2], row[3], "120000", "3", row[5]}
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := review(t, src)
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	if !strings.Contains(text, "预算12万·3人") || strings.Contains(text, "1200003") {
		t.Errorf("resources not written as a reader reads them (budget %v, people %v)", rv.Plan[0].Budget, rv.Plan[0].People)
	}
}
