package fupan_test

import (
	"reflect"
	"testing"

	"github.com/fupan-review/fupan"
)

// Compare computes and leaves its argument as it was; SetComparison is
// where the review follows up the previous period's actions.
func TestCompareLeavesTheReview(t *testing.T) {
	due := fupan.Date{Year: 2025, Month: 9, Day: 30}
	past := []fupan.Past{{Team: "华东销售部", Period: quarter(t, "2025Q3"),
		Actions: []fupan.ActionRow{{Item: "提升线上推广转化率", Owner: "李四", Due: due}}}}
	rv := &fupan.Review{Meta: fupan.Meta{Team: "华东销售部", Period: "2025Q4", PeriodEnd: fupan.Date{Year: 2025, Month: 12, Day: 31}},
		Followup: []fupan.FollowUp{}, Findings: []fupan.Finding{}}
	before := *rv
	c := fupan.Compare(rv, past, fupan.Identity{})
	if !reflect.DeepEqual(*rv, before) {
		t.Errorf("Compare changed its argument: %+v, was %+v", *rv, before)
	}
	if c.Previous == nil || c.Previous.Period != "2025Q3" || len(c.Carried) != 1 || c.Carried[0].Item != "提升线上推广转化率" {
		t.Fatalf("compared: %+v", c)
	}
	rv.SetComparison(c)
	if rv.Compared != c || len(rv.Followup) != 1 || rv.Followup[0].Action != "提升线上推广转化率" || rv.Followup[0].Status != fupan.FollowUnknown || rv.Summary.FollowupTotal != 1 {
		t.Errorf("after SetComparison: followup %+v, summary %+v", rv.Followup, rv.Summary)
	}
}
