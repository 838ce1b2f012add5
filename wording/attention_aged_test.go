package wording

import (
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
)

// This period's overdue action has its age as the register's actions do,
// counted to the review's day, and the one order puts the most overdue
// first whatever the kind: 数据看板 (38 days) before 样板间建设 (20) and
// 线索分配规则 (14); its text says how long (逾期 38 天) in every language,
// and a page read later counts on to its day.
func TestThisPeriodOverdueActionAged(t *testing.T) {
	d := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2026, Month: m, Day: day} }
	rv := &fupan.Review{
		Actions: []fupan.ActionRow{
			{Item: "线索分配规则", Due: d(9, 24), Status: "进行中"},
			{Item: "数据看板", Due: d(8, 31), Status: "进行中"},
			{Item: "复盘会机制", Due: d(8, 1), Status: "已完成", Done: true},
		},
		Followup: []fupan.FollowUp{{Action: "样板间建设", FromPeriod: "2026Q2", Due: d(9, 18), Status: fupan.FollowOverdue}},
	}
	items := AttentionOf(rv, d(10, 8))
	var got []string
	for _, a := range items {
		got = append(got, a.Subject)
	}
	if strings.Join(got, " ") != "数据看板 样板间建设 线索分配规则" {
		t.Fatalf("order %v, want 数据看板 (38 days) 样板间建设 (20) 线索分配规则 (14)", got)
	}
	if items[0].OverdueDays != 38 || items[2].OverdueDays != 14 {
		t.Errorf("ages %d, %d; want 38, 14", items[0].OverdueDays, items[2].OverdueDays)
	}
	for l, want := range map[fupan.Lang]string{fupan.Simplified: "逾期 38 天", fupan.Traditional: "逾期 38 天", fupan.English: "38 days overdue"} {
		if s := items[0].Text(l); !strings.Contains(s, want) || !strings.Contains(s, "2026-08-31") {
			t.Errorf("%s: %q, want its due date and %q", l, s, want)
		}
	}
	if later := AgedAsOf(items, d(10, 18)); later[0].OverdueDays != 48 {
		t.Errorf("read ten days later: %d days, want 48", later[0].OverdueDays)
	}
}
