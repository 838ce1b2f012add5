package fupan

import (
	"math"
	"testing"
	"time"
)

func d(y int, m time.Month, day int) Date { return Date{Year: y, Month: m, Day: day} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestMatchHeader(t *testing.T) {
	tests := []struct {
		table TableID
		in    string
		col   Col
		note  string
	}{
		{TrackingTable, "計劃進度(7月)", ColPlanned, "7月"},
		{TrackingTable, "计划进度（7月）", ColPlanned, "7月"},
		{TrackingTable, "Planned (July)", ColPlanned, "July"},
		{PlanTable, "資源需求(預算/人力)", ColResources, "預算/人力"},
		{PlanTable, "资源需求（预算/人力）", ColResources, "预算/人力"},
		{PlanTable, "負責人", ColOwner, ""},
		{PlanTable, "责任人", ColOwner, ""},
		{ActionTable, "負責人", ColOwner, ""},
		{PlanTable, "Start–end", ColPeriod, ""},
		{PlanTable, " 起止 时间 ", ColPeriod, ""},
		{PlanTable, "STRATEGY GOAL", ColGoal, ""},
		{OutcomeTable, "經驗/教訓", ColLesson, ""},
		{OutcomeTable, "经验／教训", ColLesson, ""},
		{OutcomeTable, "達成率", ColAchievement, ""},
		{OutcomeTable, "Actual", ColActual, ""},
		{TrackingTable, "Actual", ColActual, ""},
		{ActionTable, "完成時間", ColDue, ""},
	}
	for _, tt := range tests {
		col, note, ok := MatchHeader(tt.table, tt.in)
		if !ok || col != tt.col || note != tt.note {
			t.Errorf("MatchHeader(%d, %q) = %q, %q, %v; want %q, %q", tt.table, tt.in, col, note, ok, tt.col, tt.note)
		}
	}
	if _, _, ok := MatchHeader(PlanTable, "备注"); ok {
		t.Error("MatchHeader matched 备注, an extra column")
	}
}

func TestDateDeviation(t *testing.T) {
	// The seed: planned 7/15, actual 7/18, July baseline: 3 ÷ 15 = +20%;
	// planned 7/31, actual 7/28: −3 ÷ 31 = −9.7%.
	got, ok := DateDeviation(d(2025, 7, 1), d(2025, 7, 15), d(2025, 7, 18))
	if !ok || !near(got, 0.2) {
		t.Errorf("deviation = %v; want 0.2", got)
	}
	got, ok = DateDeviation(d(2025, 7, 1), d(2025, 7, 31), d(2025, 7, 28))
	if !ok || !near(got, -3.0/31) {
		t.Errorf("deviation = %v; want %v", got, -3.0/31)
	}
	if _, ok := DateDeviation(d(2025, 8, 1), d(2025, 7, 31), d(2025, 7, 28)); ok {
		t.Error("a planned date before the baseline gave a deviation")
	}
}

func TestAchievementAndStatus(t *testing.T) {
	tests := []struct {
		target, actual float64
		dir            Direction
		want           float64
		status         OutcomeStatus
	}{
		{12e6, 10.8e6, Higher, 0.9, StatusClose},
		{500, 420, Higher, 0.84, StatusMissed},
		{0.15, 0.18, Higher, 1.2, StatusAchieved},
		{0.8, 0.64, Lower, 1.25, StatusAchieved},
		{100, 100, Higher, 1, StatusAchieved},
		{100, 89.99, Higher, 0.8999, StatusMissed},
	}
	for _, tt := range tests {
		got, ok := Achievement(tt.target, tt.actual, tt.dir)
		if !ok || !near(got, tt.want) || MetricStatus(got) != tt.status {
			t.Errorf("Achievement(%v, %v, %s) = %v (%s); want %v (%s)", tt.target, tt.actual, tt.dir, got, MetricStatus(got), tt.want, tt.status)
		}
	}
	if _, ok := Achievement(0, 5, Higher); ok {
		t.Error("a zero target gave an achievement")
	}
}
