package batch

import (
	"sort"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/wording"
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

// A robot's summary lists teams most urgent first, as the overview and the
// dashboard do: the team with the longest overdue item before the team with
// more items.
func TestRobotSummaryMostUrgentFirst(t *testing.T) {
	r, err := robot.New(robot.Options{Kind: robot.WeCom, Webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"})
	if err != nil {
		t.Fatal(err)
	}
	item := func(days int) wording.Attention {
		return wording.Attention{Kind: fupan.AttnFollowOverdue, Subject: "行动", Due: "2025-06-30", From: "2025Q2", OverdueDays: days}
	}
	entries := []Entry{
		{Team: "甲", Status: StatusOK, Period: "2025Q3", AttentionItems: []wording.Attention{item(10), item(20)}},
		{Team: "乙", Status: StatusOK, Period: "2025Q3", AttentionItems: []wording.Attention{item(161)}},
		{Team: "丙", Status: StatusOK, Period: "2025Q3"},
	}
	msg := composeSummary("", &Summary{}, entries, RobotTarget{Name: "wecom", Robot: r, Lang: fupan.Simplified}, fupan.Identity{})
	a, b, c := strings.Index(msg.Markdown, "**乙**"), strings.Index(msg.Markdown, "**甲**"), strings.Index(msg.Markdown, "**丙**")
	if a < 0 || b < 0 || c < 0 || !(a < b && b < c) {
		t.Errorf("order 乙 %d, 甲 %d, 丙 %d; want 乙 (161 days) before 甲 (2 items) before 丙:\n%s", a, b, c, msg.Markdown)
	}
}
