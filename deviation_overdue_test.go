package fupan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// A milestone not done past its planned day is off track by being late,
// whatever its deviation so far (+3.2% a few days after): its
// deviation-no-cause says it is past its planned day and not done, never
// "超过 10%" under 10%, in every language; one off by over 10% keeps the
// 10% message.
func TestDeviationNoCauseOfOverdueMilestone(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows, []string{"重点客户分层方案", "7月31日前完成", "进行中", "", "", "", "赵六"})
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC))
	var overdue *fupan.TrackingRow
	for i := range rv.Tracking {
		if rv.Tracking[i].Task == "重点客户分层方案" {
			overdue = &rv.Tracking[i]
		}
	}
	if overdue == nil || !overdue.Overdue || overdue.Deviation == nil || *overdue.Deviation >= fupan.OnTrackLimit {
		t.Fatalf("the milestone is not overdue under 10%%: %+v", overdue)
	}
	f := findingAt(rv, fupan.CodeDeviationNoCause, "跟踪", "E5")
	if f == nil {
		t.Fatalf("no deviation-no-cause at 跟踪!E5: %v", rv.Findings)
	}
	for l, want := range map[fupan.Lang][]string{
		fupan.Simplified:  {"“重点客户分层方案”已过计划时间（2025-07-31），尚未完成", "主要问题", "应对措施"},
		fupan.Traditional: {"「重点客户分层方案」已過計劃時間（2025-07-31），尚未完成"},
		fupan.English:     {"planned for 2025-07-31", "not done"},
	} {
		msg := f.In(l).Message()
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q does not say %q", l, msg, w)
			}
		}
		for _, bad := range []string{"10%", "超过", "超過", "over "} {
			if strings.Contains(msg, bad) || strings.Contains(f.In(l).Hint(), bad) {
				t.Errorf("%s: %q / %q speak of the 10%% rule", l, msg, f.In(l).Hint())
			}
		}
	}
	if f := findingAt(rv, fupan.CodeDeviationNoCause, "跟踪", "E4"); f != nil {
		t.Errorf("首场地推活动 has its cause: %s", f.Message())
	}
}
