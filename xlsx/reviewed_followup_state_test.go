package xlsx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestReviewedFollowupDoneToCome: an action written 已完成 beside a done day
// after the review's is, in the conclusion sheet as in the report, overdue
// and said what it is, never "已逾期（已完成）", which reads as both.
func TestReviewedFollowupDoneToCome(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"数据看板", "上线周报看板", "赵六", "8.31", "看板上线", "已完成", "10.20", ""}}}
	now := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	data, rv := analyzedAsOf(t, samples.PerSheet(r), now)
	rv.FollowUpCarried([]fupan.CarriedAction{{ActionRow: fupan.ActionRow{Item: "数据看板", Measure: "上线周报看板", Owner: "赵六",
		Due: fupan.Date{Year: 2025, Month: 8, Day: 31}}, FromPeriod: "2025Q2"}})
	f := reviewedOf(t, data, rv, now)
	var cells []string
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			cells = append(cells, row...)
		}
	}
	all := strings.Join(cells, "\n")
	if strings.Contains(all, "已逾期（已完成）") || !strings.Contains(all, "逾期 38 天，来自 2025Q2（表内写“已完成”，完成日期未到）") {
		t.Errorf("the conclusion's status of 数据看板:\n%s", all)
	}
}
