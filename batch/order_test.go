package batch

import (
	"sort"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
)

// The overview lists first what leadership must look at: failed workbooks,
// then the most metrics not met, then the most milestones off schedule.
func TestOverviewOrder(t *testing.T) {
	fig := func(met, of, onTime, tracked int) *fupan.Summary {
		return &fupan.Summary{Metrics: of, MetricsAchieved: met, Tracked: tracked, OnSchedule: onTime}
	}
	rows := []pdf.OverviewRow{
		{Team: "A", Figures: fig(3, 3, 2, 2)},
		{Team: "B", Figures: fig(1, 3, 2, 2)},
		{Team: "C", Failed: true, File: "c.xlsx"},
		{Team: "D", Figures: fig(1, 3, 0, 2)},
		{Team: "E", Figures: fig(3, 3, 1, 2)},
	}
	sort.SliceStable(rows, func(i, j int) bool { return needsAttention(rows[i], rows[j]) })
	var got string
	for _, r := range rows {
		got += r.Team
	}
	if got != "CDBEA" {
		t.Errorf("order %s; want CDBEA", got)
	}
}

// The reasons a file is not read are in the run's language (they reach the
// overview and the mail), and English in the log.
func TestReasonsInTheRunsLanguage(t *testing.T) {
	c := candidate{reason: "skip.xls"}
	for l, want := range map[fupan.Lang]string{
		fupan.Simplified:  "旧版 .xls 工作簿：请在 Excel 中打开并另存为 .xlsx",
		fupan.Traditional: "舊版 .xls 活頁簿：請在 Excel 中開啟並另存為 .xlsx",
		fupan.English:     "a legacy .xls workbook: open it in Excel and save it as .xlsx",
	} {
		if got := c.why(l); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}
