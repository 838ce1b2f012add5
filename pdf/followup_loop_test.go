package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// loopReview is a 2025Q3 review (as of 2025-10-08) following up two carried
// actions: 优化定价策略 of 2025Q2, due 8.15, still in progress; 拓展电商渠道
// of 2025Q1, due 6.15 and moved to 8.31 by 2025Q2's table 4, done 9.5.
func loopReview(t *testing.T) *fupan.Review {
	t.Helper()
	r := samples.SeedSimplifiedCopy()
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"拓展电商渠道", "入驻两家平台", "孙七", "8.31", "两家店铺上线", "已完成", "9.5", "两家店铺上线"},
			{"优化定价策略", "调研竞品价格", "王五", "8.15", "定价方案通过", "进行中", "", ""},
		}}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := review(t, src)
	day := func(m, d int) fupan.Date { return fupan.Date{Year: 2025, Month: timeMonth(m), Day: d} }
	rv.FollowUpCarried([]fupan.CarriedAction{
		{ActionRow: fupan.ActionRow{Item: "拓展电商渠道", Measure: "入驻两家平台", Owner: "孙七", Due: day(6, 15)}, FromPeriod: "2025Q1", MovedTo: day(8, 31)},
		{ActionRow: fupan.ActionRow{Item: "优化定价策略", Measure: "调研竞品价格", Owner: "王五", Due: day(8, 15)}, FromPeriod: "2025Q2"},
	})
	return rv
}

// TestFollowupAgeAsOfTheReport: the report's 上期行动落实情况 counts an
// action's age to the report's day, as page 1 does (fupan.DaysLate): 优化定价
// 策略, due 2025-08-15, is 54 days overdue on 2025-10-08 on both, never 46
// (to the period's end).
func TestFollowupAgeAsOfTheReport(t *testing.T) {
	testtool.Require(t, "pdftotext")
	rv := loopReview(t)
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	page1 := strings.Join(strings.Fields(testtool.Text(t, path, "-l", "1")), "")
	if !strings.Contains(page1, "优化定价策略”逾期54天") {
		t.Errorf("page 1 does not give 优化定价策略 54 days overdue:\n%s", page1)
	}
	all := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	section := all[strings.Index(all, "上期行动落实情况"):]
	if !strings.Contains(section, "逾期54天，来自2025Q2") || strings.Contains(section, "逾期46天") {
		t.Errorf("the follow-up section does not count to the report's day (54 days):\n%s", section)
	}
}

// TestFollowupShowsMovedDue: an action whose due date a later table 4 moved
// shows the move in the report's follow-up, done or not: 原定 2025-06-15，
// 改至 2025-08-31, as fupan actions and the earlier report say.
func TestFollowupShowsMovedDue(t *testing.T) {
	testtool.Require(t, "pdftotext")
	rv := loopReview(t)
	if f := rv.Followup[0]; f.MovedTo.String() != "2025-08-31" || f.Status != fupan.FollowDoneLate {
		t.Errorf("拓展电商渠道: %s, moved to %v; want done late, moved to 2025-08-31", f.Status, f.MovedTo)
	}
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	all := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	section := all[strings.Index(all, "上期行动落实情况"):]
	if !strings.Contains(section, "原定2025-06-15，改至2025-08-31") {
		t.Errorf("the follow-up section does not show the moved due date:\n%s", section)
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
