package fupan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestDoneOnAfterAsOfIsNotDone: table 5's 实际完成时间 after the review's
// as-of day (2025-10-08) is a day to come, not the day it was done: the
// action is open or overdue as its due date says, never done, and a
// status-date-conflict warning names the date cell. Written as text
// (2025年10月25日, 10/20) or as an Excel date, with 已完成, Done or no
// status at all; a done day past stays the day it was done.
func TestDoneOnAfterAsOfIsNotDone(t *testing.T) {
	asOf := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "9.10", "ROI≥1.5", "已完成", "2025年10月25日", "已上线"},
		[]string{"补充设计人力", "招聘1名设计", "王五", "12.31", "到岗", "已完成", "EXCEL", ""},
		[]string{"搭建客户分层", "完成分层模型", "赵六", "9.10", "模型上线", "", "10.20", ""},
		[]string{"梳理报价流程", "发布新报价流程", "钱七", "9.10", "流程发布", "已完成", "9.20", ""},
	)
	b := samples.PerSheet(r)
	for _, s := range b.Sheets {
		for _, row := range s.Rows {
			for c, v := range row {
				if v == "EXCEL" {
					row[c] = time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)
				}
			}
		}
	}
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", b, asOf)
	want := []struct {
		status fupan.FollowStatus
		doneOn string
		warnAt string
	}{
		{fupan.FollowOverdue, "", "G3"},
		{fupan.FollowOpen, "", "G4"},
		{fupan.FollowOverdue, "", "G5"},
		{fupan.FollowDoneLate, "2025-09-20", ""},
	}
	if len(rv.Followup) != len(want) {
		t.Fatalf("%d follow-ups, want %d", len(rv.Followup), len(want))
	}
	for i, w := range want {
		f := rv.Followup[i]
		on := ""
		if !f.DoneOn.IsZero() {
			on = f.DoneOn.String()
		}
		if f.Status != w.status || on != w.doneOn {
			t.Errorf("%s: %s on %q, want %s on %q", f.Action, f.Status, on, w.status, w.doneOn)
		}
		if w.warnAt == "" {
			continue
		}
		c := findingAt(rv, fupan.CodeStatusDateConflict, "跟进", w.warnAt)
		if c == nil {
			t.Errorf("%s: no status-date-conflict at 跟进!%s: %v", f.Action, w.warnAt, findingList(rv))
		} else if m := c.Message(); !strings.Contains(m, "2025-10-08") {
			t.Errorf("跟进!%s: %q does not name the review's day", w.warnAt, m)
		}
	}
	if findingAt(rv, fupan.CodeStatusDateConflict, "跟进", "G6") != nil {
		t.Errorf("a done day past warned of: %v", findingList(rv))
	}
	if s := rv.Summary; s.FollowupDone != 1 || s.FollowupTotal != 4 {
		t.Errorf("follow-up %d/%d, want 1/4", s.FollowupDone, s.FollowupTotal)
	}

	// English: Done, done on 10/20.
	e := samples.SeedEnglish()
	e.Follow = samples.Table{Title: "Table 5: Follow-up of last period's actions",
		Header: []string{"Improvement", "Measures", "Owner", "Due", "Acceptance criteria", "Status", "Done on", "Effect"},
		Rows:   [][]string{{"Hire two reps", "Open two positions", "Bob", "9/10", "Two reps start", "Done", "10/20", ""}}}
	rv = analyzeOn(t, "North-Sales_2025Q3.xlsx", samples.PerSheet(e), asOf)
	if len(rv.Followup) != 1 {
		t.Fatalf("%d follow-ups, want 1", len(rv.Followup))
	}
	if f := rv.Followup[0]; f.Status != fupan.FollowOverdue || !f.DoneOn.IsZero() {
		t.Errorf("Done on 10/20: %s on %v, want overdue", f.Status, f.DoneOn)
	}
	if findingAt(rv, fupan.CodeStatusDateConflict, "Follow-up", "G3") == nil {
		t.Errorf("no status-date-conflict at Follow-up!G3: %v", findingList(rv))
	}
}

// TestDoneOnSaysNotDone: 实际完成时间 written 未完成 beside 状态 已完成
// contradicts the status: not done (overdue by its due date), a
// status-date-conflict warning at the date cell naming both, and no
// value-unreadable; beside 进行中 the words agree: not done, no warning.
func TestDoneOnSaysNotDone(t *testing.T) {
	asOf := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "9.10", "ROI≥1.5", "已完成", "未完成", ""},
		[]string{"补充设计人力", "招聘1名设计", "王五", "9.10", "到岗", "进行中", "未完成", ""},
	)
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), asOf)
	if len(rv.Followup) != 2 {
		t.Fatalf("%d follow-ups, want 2", len(rv.Followup))
	}
	for _, f := range rv.Followup {
		if f.Status != fupan.FollowOverdue {
			t.Errorf("%s: %s, want overdue (not done, due 9.10)", f.Action, f.Status)
		}
	}
	c := findingAt(rv, fupan.CodeStatusDateConflict, "跟进", "G3")
	if c == nil {
		t.Fatalf("no status-date-conflict at 跟进!G3: %v", findingList(rv))
	}
	if m := c.Message(); !strings.Contains(m, "未完成") || !strings.Contains(m, "已完成") {
		t.Errorf("跟进!G3: %q does not name both", m)
	}
	if findingAt(rv, fupan.CodeStatusDateConflict, "跟进", "G4") != nil || findingAt(rv, fupan.CodeStatusDateConflict, "跟进", "F4") != nil {
		t.Errorf("进行中 beside 未完成 warned of: %v", findingList(rv))
	}
	for _, cell := range []string{"G3", "G4"} {
		if findingAt(rv, fupan.CodeValueUnread, "跟进", cell) != nil {
			t.Errorf("value-unreadable at 跟进!%s: the words are read: %v", cell, findingList(rv))
		}
	}
	if s := rv.Summary; s.FollowupDone != 0 || s.FollowupTotal != 2 {
		t.Errorf("follow-up %d/%d, want 0/2", s.FollowupDone, s.FollowupTotal)
	}
}
