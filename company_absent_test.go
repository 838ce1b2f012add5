package fupan_test

import (
	"errors"
	"testing"

	"github.com/fupan-review/fupan"
)

// A period's company follow-through counts the open actions of the teams
// that had not handed it in, judged afterwards as the period's own run
// judged it: 乙 hands in 2025Q1 with two actions due in March and skips
// 2025Q2, so 2025Q2's figure is 甲's 1 of 2 and 乙's 0 of 2 (both overdue),
// and 2025Q2 expected two teams.
func TestCompanyTrendCountsAbsentTeams(t *testing.T) {
	id := fupan.Identity{}
	q1, q2 := quarter(t, "2025Q1"), quarter(t, "2025Q2")
	march := fupan.Date{Year: 2025, Month: 3, Day: 20}
	yi := []fupan.Past{{Team: "乙", Period: q1, Actions: []fupan.ActionRow{{Item: "招聘", Due: march}, {Item: "培训", Due: march}}}}
	past := []fupan.Past{
		{Team: "甲", Period: q1},
		yi[0],
		{Team: "甲", Period: q2, Summary: fupan.Summary{FollowupDone: 1, FollowupTotal: 2}},
	}
	recorded := []fupan.Recorded{{TeamKey: id.TeamKey("甲"), Team: "甲", Period: q1}, {TeamKey: id.TeamKey("乙"), Team: "乙", Period: q1}, {TeamKey: id.TeamKey("甲"), Team: "甲", Period: q2}}
	pastOf := func(key string) ([]fupan.Past, error) {
		if key != id.TeamKey("乙") {
			return nil, errors.New("only 乙 is missing")
		}
		return yi, nil
	}
	trend, err := fupan.CompanyTrendOf(past, q2.Kind(), q2, 8, func(p fupan.Period) (fupan.Roster, fupan.FollowThrough, error) {
		a, err := fupan.AbsentOf(p, nil, recorded, id, pastOf)
		return a.Roster, a.FollowThrough(), err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(trend) != 2 {
		t.Fatalf("trend: %+v", trend)
	}
	c := trend[1]
	if c.Summary.FollowupDone != 1 || c.Summary.FollowupTotal != 4 || c.Summary.FollowupOverdue != 2 || c.Teams != 1 || c.Expected != 2 {
		t.Errorf("2025Q2: %+v, want follow-through 1 / 4 (乙's two overdue counted), 1 of 2 teams", c)
	}
	if trend[0].Expected != 0 {
		t.Errorf("2025Q1 had nobody expected before it: %+v", trend[0])
	}
}
