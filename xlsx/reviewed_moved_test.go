package xlsx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestReviewedFollowupShowsMovedDue: the reviewed workbook's conclusion
// sheet gives a carried action's due date as the report does, with its
// move (原定 2025-06-15，改至 2025-08-31), done late or not.
func TestReviewedFollowupShowsMovedDue(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"拓展电商渠道", "入驻两家平台", "孙七", "8.31", "两家店铺上线", "已完成", "9.5", "两家店铺上线"}}}
	now := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	data, rv := analyzedAsOf(t, samples.PerSheet(r), now)
	rv.FollowUpCarried([]fupan.CarriedAction{{ActionRow: fupan.ActionRow{Item: "拓展电商渠道", Measure: "入驻两家平台", Owner: "孙七",
		Due: fupan.Date{Year: 2025, Month: 6, Day: 15}}, FromPeriod: "2025Q1", MovedTo: fupan.Date{Year: 2025, Month: 8, Day: 31}}})
	f := reviewedOf(t, data, rv, now)
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			for _, c := range row {
				found = found || strings.Contains(c, "原定 2025-06-15，改至 2025-08-31")
			}
		}
	}
	if !found {
		t.Error("the reviewed workbook does not show the moved due date of 拓展电商渠道")
	}
}
