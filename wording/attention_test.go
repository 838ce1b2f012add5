package wording

import (
	"strings"
	"testing"
	"unicode"

	"github.com/fupan-review/fupan"
)

// Every English item reads as a sentence of its own: capitalised, the
// team's words (an action, a metric) in quotes, whichever kind it is.
func TestEnglishAttentionItemsAlike(t *testing.T) {
	items := []Attention{
		{Kind: fupan.AttnFollowOverdue, Subject: "Hire two reps", Due: "2025-03-31", From: "2025Q1", OverdueDays: 130},
		{Kind: fupan.AttnFollowUnknown, Subject: "Open a branch", Due: "2025-03-31", From: "2025Q1"},
		{Kind: fupan.AttnFollowOverdue, Subject: "Train staff", Due: "2025-06-30"},
		{Kind: fupan.AttnActionOverdue, Subject: "Launch referral rewards", Due: "2025-09-30"},
		{Kind: fupan.AttnMissedNoAction, Subject: "Revenue"},
		{Kind: fupan.AttnMilestoneOverdue, Subject: "CRM live", Due: "2025-08-31"},
	}
	for _, a := range items {
		s := a.Text(fupan.English)
		if r := []rune(s)[0]; !unicode.IsUpper(r) && r != '"' {
			t.Errorf("%q does not begin with a capital", s)
		}
		if !strings.Contains(s, `"`+a.Subject+`"`) {
			t.Errorf("%q does not quote %q", s, a.Subject)
		}
	}
}

// Most urgent first, one rule wherever items are listed: the longest
// overdue first, the items without an age after them as they came; teams
// by their most overdue item, then by how many items they have.
func TestAttentionMostUrgentFirst(t *testing.T) {
	items := []Attention{
		{Kind: fupan.AttnMissedNoAction, Subject: "销售额"},
		{Kind: fupan.AttnFollowOverdue, Subject: "甲", Due: "2025-03-15", From: "2025Q1", OverdueDays: 115},
		{Kind: fupan.AttnFollowOverdue, Subject: "乙", Due: "2025-03-01", From: "2025Q1", OverdueDays: 130},
		{Kind: fupan.AttnOffTrackNoMeasure, Subject: "上线"},
	}
	SortUrgent(items)
	var got []string
	for _, a := range items {
		got = append(got, a.Subject)
	}
	if strings.Join(got, " ") != "乙 甲 销售额 上线" {
		t.Errorf("order %v, want 乙 (130 days) 甲 (115 days) then the rest as they came", got)
	}
	east := []Attention{{Kind: fupan.AttnFollowOverdue, OverdueDays: 54}, {Kind: fupan.AttnMissedNoAction}, {Kind: fupan.AttnMissedNoAction}}
	west := []Attention{{Kind: fupan.AttnFollowOverdue, OverdueDays: 161}}
	if !MoreUrgent(west, east) || MoreUrgent(east, west) {
		t.Errorf("a team 161 days overdue is not more urgent than one 54 days overdue with more items")
	}
	if !MoreUrgent(east[1:], east[2:]) || MoreUrgent(nil, east[2:]) {
		t.Errorf("without an age, more items are more urgent")
	}
}

// A follow-up not done and not yet due reads as not done, never as in
// progress: a team that wrote 未开始 (not started) must not be reported 进行中.
func TestFollowStatusOpenIsNotInProgress(t *testing.T) {
	for _, words := range []string{"未开始", "not started", "未開始"} {
		f := fupan.FollowUp{Status: fupan.FollowOpen, StatusRead: fupan.ReadStatus(words)}
		for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
			if got, _ := FollowState(f, l, fupan.Date{Year: 2025, Month: 10, Day: 8}); strings.Contains(got, "进行中") || strings.Contains(got, "進行中") || strings.Contains(strings.ToLower(got), "in progress") || strings.Contains(got, "open") {
				t.Errorf("%s in %s: %q", words, l, got)
			}
		}
	}
}
