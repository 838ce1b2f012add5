package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// The follow-up's status cell says an action overdue once ("逾期 54 天，来自
// 2025Q2", not "已逾期 / 逾期 54 天…"), and an action the team wrote 已完成
// beside a done day to come says what that is, never "已逾期（已完成）",
// which reads as both.
func TestFollowupStatusSaidOnce(t *testing.T) {
	testtool.Require(t, "pdftotext")
	r := samples.SeedSimplifiedCopy()
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"优化定价策略", "调研竞品价格", "王五", "8.15", "定价方案通过", "进行中", "", ""},
			{"数据看板", "上线周报看板", "赵六", "8.31", "看板上线", "已完成", "10.20", ""},
		}}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := review(t, src)
	day := func(m, d int) fupan.Date { return fupan.Date{Year: 2025, Month: timeMonth(m), Day: d} }
	rv.FollowUpCarried([]fupan.CarriedAction{
		{ActionRow: fupan.ActionRow{Item: "优化定价策略", Measure: "调研竞品价格", Owner: "王五", Due: day(8, 15)}, FromPeriod: "2025Q2"},
		{ActionRow: fupan.ActionRow{Item: "数据看板", Measure: "上线周报看板", Owner: "赵六", Due: day(8, 31)}, FromPeriod: "2025Q2"},
	})
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	all := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	section := all[strings.Index(all, "上期行动落实情况"):]
	if !strings.Contains(section, "逾期54天，来自2025Q2") || strings.Contains(section, "已逾期逾期") {
		t.Errorf("the overdue action's status is not said once:\n%s", section)
	}
	if strings.Contains(section, "已逾期（已完成）") || !strings.Contains(section, "逾期38天，来自2025Q2（表内写“已完成”，完成日期未到）") {
		t.Errorf("the action written 已完成 with a done day to come:\n%s", section)
	}
}
