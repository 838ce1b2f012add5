package fupan_test

import (
	"fmt"
	"math"
	"regexp"
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
		state           fupan.TrackState
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

// Every way of writing a metric's direction, in the three languages: "不低于"
// and "no less than" were read as lower is better (they hold 低 and less).
func TestDirectionPhrases(t *testing.T) {
	higher := []string{"越高越好", "越高越好 ↑", "越多越好", "不低于90%", "不低於90%", "不少于", "至少", "提升", "正向指标", "望大",
		"Higher is better", "higher", "More is better", "at least", "At least 90%", "no less than 90%", "not less than", "no fewer than", "maximise", "max", "↑"}
	lower := []string{"越低越好", "越低越好 ↓", "越少越好", "不高于5%", "不超过80%", "不超過80%", "至多", "最多", "降低", "反向指标", "望小",
		"Lower is better", "lower", "Less is better", "at most", "no more than 5%", "not more than", "minimise", "min", "↓"}
	for want, phrases := range map[fupan.Direction][]string{fupan.Higher: higher, fupan.Lower: lower} {
		for _, p := range phrases {
			r := samples.SeedSimplifiedCopy()
			r.Outcome.Header = append(r.Outcome.Header, "指标方向")
			for i := range r.Outcome.Rows {
				r.Outcome.Rows[i] = append(r.Outcome.Rows[i], "")
			}
			r.Outcome.Rows[0][len(r.Outcome.Header)-1] = p
			rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
			if got := rv.Outcomes[0].Direction; got != want {
				t.Errorf("%q: direction %q; want %q", p, got, want)
			}
		}
	}
}

// A goal's number is its measure, also where it has four digits: "3000家"
// and "1200万" were taken for years.
func TestGoalMeasurable(t *testing.T) {
	for goal, measurable := range map[string]bool{
		"2025年新客户数达到3000家":         true,
		"Q3华东销售额1200万":             true,
		"Q3华东销售额提升20%":             true,
		"销售额2000万":                 true,
		"客单价提升1.5倍":                true,
		"2025年提升品牌影响力":             false,
		"Q3做好客户运营":                 false,
		"7.31前上线新系统":               false,
		"Grow sales by 20% in Q3":  true,
		"Be the best team in 2025": false,
	} {
		r := samples.SeedSimplifiedCopy()
		r.Plan.Rows[0][0] = goal
		rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
		if got := findingAt(rv, fupan.CodeGoalNotMeasurable, "计划", "A3") == nil; got != measurable {
			t.Errorf("%q: measurable %v; want %v", goal, got, measurable)
		}
	}
}

// A cause that blames a person is never fupan's root cause: it is quoted as
// the team wrote it, with the finding beside it.
func TestBlamingCauseQuotedWithFinding(t *testing.T) {
	r := samples.SeedTraditional() // made anew by each call
	r.Outcome.Rows[1][4] = "林二執行不力"
	rv := analyzeBook(t, "華東銷售部_2025Q3.xlsx", samples.PerSheet(r))
	var found bool
	for _, p := range fupan.Conclude(rv).RootCauses {
		if !strings.Contains(p.Detail, "林二執行不力") {
			continue
		}
		found = true
		if p.Detail != "團隊原文：「林二執行不力」" || !strings.HasPrefix(p.Warning, "注意：") || !strings.Contains(p.Warning, "不力") {
			t.Errorf("detail %q warning %q", p.Detail, p.Warning)
		}
	}
	if !found {
		t.Errorf("the cause is not among the root causes: %+v", fupan.Conclude(rv).RootCauses)
	}
}

// The missed-no-actions message counts as page 1 does: of 3 metrics, 1 met,
// so 2 not met, of which 1 below 90%.
func TestMissedNoActionsReconciles(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Acts.Rows = nil
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeMissedNoActions {
			if !strings.HasPrefix(f.Message(), "3 个指标中 2 个未达成（其中 1 个达成率低于90%）") {
				t.Errorf("message %q", f.Message())
			}
			return
		}
	}
	t.Error("no missed-no-actions finding")
}

// A character beyond the Basic Multilingual Plane (𠮷, emoji), which the PDF
// cannot draw, is named in a finding at its cell; the report shows a mark.
func TestCharactersBeyondBMP(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Plan.Rows[1][1] = "开展𠮷野家区域地推活动🎉"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	f := findingAt(rv, fupan.CodeCharUnsupported, "计划", "B4")
	if f == nil || !strings.Contains(f.Message(), "𠮷 (U+20BB7)、🎉 (U+1F389)") {
		t.Fatalf("finding %+v", f)
	}
}

// Root causes come worst first: the least achieved metric, then the latest
// milestone.
func TestRootCausesWorstFirst(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows = [][]string{
		{"华东销售额", "1200万", "1080万", "", "新客户获取成本超预算", "教训:提前测试"},
		{"门店客流量", "5000人", "2000人", "", "商场装修封闭", "教训:提前备选"},
		{"新客户获取量", "500家", "420家", "", "素材吸引力不足", "教训:增加用户证言"},
	}
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	var got []string
	for _, p := range fupan.Conclude(rv).RootCauses {
		got = append(got, p.Title)
	}
	want := []string{"门店客流量", "新客户获取量", "华东销售额", "首场地推活动（+20%）"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("root causes %q; want %q", got, want)
	}
}

// The conclusion's texts, built from the catalogue's pieces and a team's
// words, have no ASCII punctuation of fupan's in Chinese: the team's own
// written full-width, whatever is left is fupan's.
func TestConclusionPunctuation(t *testing.T) {
	bad := regexp.MustCompile(`\p{Han}[,:;()!?]|[,:;()!?]\p{Han}|[,:;()]\s*\d{4}-\d\d-\d\d|\d{4}-\d\d-\d\d[,:;()]`)
	full := strings.NewReplacer(",", "，", ":", "：", ";", "；", "(", "（", ")", "）", "!", "！", "?", "？")
	for _, r := range []samples.Review{samples.SeedSimplified(), samples.SeedTraditional()} {
		for _, tb := range []*samples.Table{&r.Plan, &r.Track, &r.Outcome, &r.Acts} {
			for _, row := range tb.Rows {
				for i := range row {
					row[i] = full.Replace(row[i])
				}
			}
		}
		rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
		c := fupan.Conclude(rv)
		for _, ps := range [][]fupan.Point{c.Highlights, c.Improve, c.RootCauses, c.Directions} {
			for _, p := range ps {
				for _, text := range []string{p.Title, p.Detail, p.Warning} {
					if hit := bad.FindString(text); hit != "" {
						t.Errorf("%s: ASCII punctuation in %q (at %q)", r.Lang, text, hit)
					}
				}
			}
		}
	}
}

// The conclusion is condensed: a cause fourteen milestones share is written
// once with how many and which (it stood fourteen times in a row), and a
// milestone off track with no cause written says so under its heading
// (it stood as a heading with nothing under it).
func TestRootCausesFolded(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = nil
	for i := 0; i < 14; i++ {
		r.Track.Rows = append(r.Track.Rows, []string{fmt.Sprintf("关键任务%02d", i+1), "2025年7月20日前完成", "2025年9月10日", "", "市场需求变化", "", "王五"})
	}
	r.Track.Rows = append(r.Track.Rows, []string{"扩充证言素材库", "2025年7月20日前完成", "2025年9月10日", "", "", "", "李四"})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	var folded []fupan.Point
	for _, p := range fupan.Conclude(rv).RootCauses {
		if strings.Contains(p.Title, "扩充证言素材库") && p.Detail != "团队未写明原因" {
			t.Errorf("a root cause with nothing under it: %+v", p)
		}
		if strings.Contains(p.Title+p.Detail, "市场需求变化") {
			folded = append(folded, p)
		}
	}
	// The first ten named, the rest counted: a table of thousands made a
	// cell over Excel's 32,767 characters.
	if len(folded) != 1 || folded[0].Title != "市场需求变化 ×14" || strings.Count(folded[0].Detail, "关键任务") != 10 || !strings.Contains(folded[0].Detail, "另有 4 条未列出") {
		t.Errorf("the shared cause is not folded once with its 14 tasks: %+v", folded)
	}
}
