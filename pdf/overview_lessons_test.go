package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
)

// TestOverviewLessonKeepsEachTeamsFigure: a lesson four teams wrote word for
// word is written once, each team with its own achievement (the tester saw
// "N2、P1b、S1、S2 · 2025Q3 · 900000%", N2's figure for all four, where
// P1b, S1 and S2 were at 90%); teams that share a figure keep the short
// form; a lesson of the same words with another cause is not merged into
// it.
func TestOverviewLessonKeepsEachTeamsFigure(t *testing.T) {
	testtool.Require(t, "pdftotext")
	lesson := func(team string, a float64, cause string) fupan.Lesson {
		return fupan.Lesson{Team: team, Period: "2025Q3", Metric: "销售额", MetricKey: "销售额", Kind: fupan.LessonAvoid,
			Text: "教训:地推活动客群画像需更精准", Cause: cause, Achievement: ptr(a), Status: fupan.MetricStatus(a), TeamKey: team}
	}
	exp := func(team string) fupan.Lesson {
		return fupan.Lesson{Team: team, Period: "2025Q3", Metric: "复购率", MetricKey: "复购率", Kind: fupan.LessonExperience,
			Text: "经验:分层运营可复制", Cause: "老带新激励", Achievement: ptr(1.2), Status: fupan.StatusAchieved, TeamKey: team}
	}
	fig := &fupan.Summary{Metrics: 2, MetricsAchieved: 1, MeanAchievementCapped: ptr(0.95)}
	rows := []pdf.OverviewRow{
		{File: "n2.xlsx", Team: "N2", Period: "2025Q3", Figures: fig, Lessons: []fupan.Lesson{lesson("N2", 9000, "成本超预算"), exp("N2")}},
		{File: "p1b.xlsx", Team: "P1b", Period: "2025Q3", Figures: fig, Lessons: []fupan.Lesson{lesson("P1b", 0.9, "成本超预算"), exp("P1b")}},
		{File: "s1.xlsx", Team: "S1", Period: "2025Q3", Figures: fig, Lessons: []fupan.Lesson{lesson("S1", 0.9, "成本 超预算。")}}, // the same cause
		{File: "s2.xlsx", Team: "S2", Period: "2025Q3", Figures: fig, Lessons: []fupan.Lesson{lesson("S2", 0.85, "场地临时取消")}},
	}
	var buf bytes.Buffer
	if err := pdf.WriteOverview(&buf, rows, pdf.Options{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overview.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	for _, want := range []string{
		"N2900000%、P1b90%、S190%·2025Q3", // one text and cause, each team's figure
		"S2·2025Q3·85%",                 // another cause: a lesson of its own
		"N2、P1b·2025Q3·120%",            // one figure: said once
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the lessons page does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "S1、S2") || strings.Contains(text, "S1·2025Q3·900000%") || strings.Contains(text, "P1b、S1") {
		t.Errorf("one team's figure stands for the others:\n%s", text)
	}
}
