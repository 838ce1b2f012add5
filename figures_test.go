package fupan_test

import (
	"math"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// One rule for a milestone everywhere: ahead of plan is never off track. An
// early milestone was shown red as 偏差过大, listed as a root cause and flagged
// deviation-unexplained, while page 1 counted it on schedule.
func TestMilestoneStates(t *testing.T) {
	for _, tc := range []struct {
		name            string
		planned, actual string
		state           string
		deviation       float64
		unexplainedFlag bool
		inRootCauses    bool
	}{
		{"early date", "7月15日开展", "7月10日", fupan.StateAhead, -5.0 / 15, false, false},
		{"on the day", "7月15日开展", "7月15日", fupan.StateOnTrack, 0, false, false},
		{"a day late", "7月15日开展", "7月16日", fupan.StateOnTrack, 1.0 / 15, false, false},
		{"late", "7月15日开展", "7月18日", fupan.StateOffTrack, 3.0 / 15, true, true},
		{"more done than planned", "50%", "60%", fupan.StateAhead, 0.2, false, false},
		{"a little behind", "50%", "46%", fupan.StateOnTrack, -0.08, false, false},
		{"far behind", "50%", "40%", fupan.StateOffTrack, -0.2, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := samples.SeedSimplifiedCopy()
			row := r.Track.Rows[1]
			row[1], row[2], row[3], row[4], row[5] = tc.planned, tc.actual, "", "", "" // no stated rate, problem or countermeasure
			rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
			tr := rv.Tracking[1]
			if tr.Deviation == nil || math.Abs(*tr.Deviation-tc.deviation) > 1e-9 {
				t.Fatalf("deviation %v; want %v", tr.Deviation, tc.deviation)
			}
			if tr.State != tc.state || *tr.OnTrack != (tc.state != fupan.StateOffTrack) {
				t.Errorf("state %q on_track %v; want %q", tr.State, *tr.OnTrack, tc.state)
			}
			if got := findingAt(rv, fupan.CodeDeviationNoCause, "跟踪", "E4") != nil; got != tc.unexplainedFlag {
				t.Errorf("deviation-unexplained %v; want %v", got, tc.unexplainedFlag)
			}
			inRoot := false
			for _, p := range fupan.Conclude(rv).RootCauses {
				inRoot = inRoot || strings.HasPrefix(p.Title, tr.Task)
			}
			if inRoot != tc.inRootCauses {
				t.Errorf("among the root causes: %v; want %v", inRoot, tc.inRootCauses)
			}
			// Row 1 is the seed's early milestone: on schedule too.
			want := 1
			if tc.state != fupan.StateOffTrack {
				want = 2
			}
			if rv.Summary.OnSchedule != want {
				t.Errorf("on schedule %d; want %d", rv.Summary.OnSchedule, want)
			}
		})
	}
}

// One 250% metric must not hide the misses: the average a report shows
// counts each metric at most 100%; the plain mean stays in the JSON.
func TestMeanAchievementCapped(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows = [][]string{
		{"线上销售额", "100万", "250万", "", "", "经验:直播带货"},
		{"华东销售额", "1200万", "600万", "", "新客户获取成本超预算", "教训:提前测试"},
		{"新客户获取量", "500家", "250家", "", "素材吸引力不足", "教训:增加用户证言"},
		{"客单价", "1000元", "500元", "", "促销力度过大", "教训:控制折扣"},
	}
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	s := rv.Summary
	if s.MeanAchievement == nil || math.Abs(*s.MeanAchievement-1.0) > 1e-9 {
		t.Errorf("mean %v; want the plain 100%%", s.MeanAchievement)
	}
	if s.MeanAchievementCapped == nil || math.Abs(*s.MeanAchievementCapped-0.625) > 1e-9 {
		t.Errorf("capped mean %v; want 62.5%%", s.MeanAchievementCapped)
	}
	if s.MetricsAchieved != 1 || s.MetricsMissed != 3 {
		t.Errorf("achieved %d missed %d", s.MetricsAchieved, s.MetricsMissed)
	}
}
