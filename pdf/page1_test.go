package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

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
		"最差:门店客流量40%、新客户获取量84%、华东销售额90%",
		"2个里程碑中1个偏差过大",
		"需要决策的事项",
		"“门店客流量”未达成,后续行动中没有对应的措施",
		"“首场地推活动”偏差过大,没有应对措施",
		"行动“降低新客户获取成本”已过完成时间(2025-09-10),尚未完成",
		"林二执行不力",
		"平均达成率(单项封顶100%)",
		"78.5%", // (100% + 90% + 40% + 84%) / 4: the 250% counts as 100%
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
	if !strings.Contains(tables, "-35.5%提前") || strings.Contains(tables, "-35.5%偏差过大") {
		t.Errorf("the early milestone is not shown ahead:\n%s", tables)
	}
}
