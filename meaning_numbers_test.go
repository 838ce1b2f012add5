package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestZeroTargetWithDirection: a target of 0 is decided where the direction
// is known: lower is better is met at an actual ≤ 0 (100%) and missed above
// it (0%), higher is better met at ≥ 0; both are in the count and the mean.
// Only a zero target of unknown direction keeps target-zero.
func TestZeroTargetWithDirection(t *testing.T) {
	r := samples.SeedSimplified()
	r.Outcome.Header = append(r.Outcome.Header, "指标方向")
	for i := range r.Outcome.Rows {
		r.Outcome.Rows[i] = append(r.Outcome.Rows[i], "")
	}
	r.Outcome.Rows = append(r.Outcome.Rows,
		[]string{"安全事故", "0", "2", "", "", "", "越低越好"},
		[]string{"重大投诉", "≤0", "1", "", "", "", ""},
		[]string{"停机次数", "0次", "0次", "", "", "", "越低越好"},
		[]string{"新增门店", "0", "3", "", "", "", "越高越好"},
		[]string{"某指标", "0", "3", "", "", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	want := []struct {
		status      fupan.OutcomeStatus
		achievement float64
	}{{fupan.StatusMissed, 0}, {fupan.StatusMissed, 0}, {fupan.StatusAchieved, 1}, {fupan.StatusAchieved, 1}}
	for i, w := range want {
		o := rv.Outcomes[3+i]
		if o.Status != w.status || o.Achievement == nil || *o.Achievement != w.achievement {
			t.Errorf("%s: status %q, achievement %v, want %s %v", o.Metric, o.Status, o.Achievement, w.status, w.achievement)
		}
	}
	if o := rv.Outcomes[7]; o.Status != "" || o.Achievement != nil || findingAt(rv, fupan.CodeTargetZero, "成果", "B10") == nil {
		t.Errorf("a zero target of unknown direction: status %q, achievement %v, findings %v", o.Status, o.Achievement, rv.Findings)
	}
	for _, cell := range []string{"B6", "B7", "B8", "B9"} {
		if findingAt(rv, fupan.CodeTargetZero, "成果", cell) != nil {
			t.Errorf("target-zero at 成果!%s, where the direction decides", cell)
		}
	}
	if s := rv.Summary; s.Metrics != 8 || s.MetricsAchieved != 3 || s.MetricsMissed != 3 || s.MetricsRated != 7 {
		t.Errorf("summary: %d metrics, %d achieved, %d missed, %d rated; want 8, 3, 3, 7", s.Metrics, s.MetricsAchieved, s.MetricsMissed, s.MetricsRated)
	}
}

// TestNumbersWithoutAFinding: 1200万 against 1080 (万 forgotten) warns that
// the magnitudes differ by 1000× or more; <2% against 2% is a strict bound,
// not achieved; 4OO is value-unreadable; 1亿2千万 is 120,000,000.
func TestNumbersWithoutAFinding(t *testing.T) {
	r := samples.SeedSimplified()
	r.Outcome.Rows[0][2] = "1080"
	r.Outcome.Rows[0][3] = ""
	r.Outcome.Rows = append(r.Outcome.Rows,
		[]string{"投诉率", "<2%", "2%", "", "", ""},
		[]string{"退货率", "<2%", "1.5%", "", "", ""},
		[]string{"门店数", "4OO", "420", "", "", ""},
		[]string{"年销售额", "1亿2千万", "1.2亿", "", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if findingAt(rv, fupan.CodeMagnitudeDiffers, "成果", "C3") == nil {
		t.Errorf("no magnitude-differs at 成果!C3: %v", rv.Findings)
	}
	if n := countCode(rv, fupan.CodeMagnitudeDiffers); n != 1 {
		t.Errorf("%d magnitude-differs, want 1: %v", n, rv.Findings)
	}
	if o := rv.Outcomes[3]; o.Status == fupan.StatusAchieved || o.Achievement == nil || *o.Achievement >= 1 {
		t.Errorf("<2%% at 2%%: %s %v, want not achieved", o.Status, o.Achievement)
	}
	if o := rv.Outcomes[4]; o.Status != fupan.StatusAchieved {
		t.Errorf("<2%% at 1.5%%: %s", o.Status)
	}
	if findingAt(rv, fupan.CodeValueUnread, "成果", "B8") == nil || rv.Outcomes[5].Target != nil {
		t.Errorf("4OO: target %v, findings %v", rv.Outcomes[5].Target, rv.Findings)
	}
	if o := rv.Outcomes[6]; o.Target == nil || *o.Target != 1.2e8 || o.Status != fupan.StatusAchieved {
		t.Errorf("1亿2千万: target %v, status %s", o.Target, o.Status)
	}
}

func countCode(rv *fupan.Review, code fupan.Code) int {
	n := 0
	for _, f := range rv.Findings {
		if f.Code == code {
			n++
		}
	}
	return n
}

// TestConclusionFiguresAsWritten: page 1's 达成X：100 → 89.996（89.9%）
// prints the actual the team wrote, never 90 beside 89.9%.
func TestConclusionFiguresAsWritten(t *testing.T) {
	r := samples.SeedSimplified()
	r.Outcome.Rows = append(r.Outcome.Rows, []string{"达成X", "100", "89.996", "", "", ""}, []string{"预算执行", "1234.5", "1234.5", "", "", ""})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	c := fupan.Conclude(rv)
	found := map[string]bool{}
	for _, p := range append(c.Improve, c.Highlights...) {
		found[p.Title] = true
	}
	for _, want := range []string{"达成X：100 → 89.996（89.9%）", "预算执行：1,234.5 → 1,234.5（100%）"} {
		if !found[want] {
			t.Errorf("no %q among %v", want, found)
		}
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{{89.996, "89.996"}, {1234.5, "1,234.5"}, {1080, "1,080"}, {2.123456, "2.1235"}, {-3.5, "-3.5"}} {
		if got := fupan.FormatAmount(tc.v, fupan.Simplified); got != tc.want {
			t.Errorf("FormatAmount(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
