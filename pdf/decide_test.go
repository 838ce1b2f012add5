package pdf_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// TestPageOneDecisionsAsOfTheReview: as of 10-08, page 1 leaves out the
// cancelled action (状态 取消) of what needs a decision and of 未完成行动,
// names the milestone past its planned day and not done (还没完成 against
// 7月31日前完成, no countermeasure), counts it off track, and says the
// milestones off track of the same milestones as 里程碑按期.
func TestPageOneDecisionsAsOfTheReview(t *testing.T) {
	testtool.Require(t, "pdftotext")
	r := samples.SeedSimplifiedCopy()
	r.Acts.Header = append(r.Acts.Header, "状态")
	r.Acts.Rows[0] = append(r.Acts.Rows[0], "取消")
	r.Acts.Rows[1] = append(r.Acts.Rows[1], "")
	r.Acts.Rows[2] = append(r.Acts.Rows[2], "")
	r.Track.Rows = append(r.Track.Rows,
		[]string{"重点客户分层方案", "7月31日前完成", "还没完成", "", "", "", "赵六"},
		[]string{"季度客户回访", "10月31日前完成", "进行中", "", "", "", "赵六"},
	)
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := review(t, src) // as of 2025-10-08
	path := writePDF(t, rv, t.TempDir(), pdf.Options{})
	page1 := strings.Join(strings.Fields(testtool.Text(t, path, "-l", "1")), "")
	for _, want := range []string{
		"最差：新客户获取量84%；3个里程碑中2个偏差过大。", // 季度客户回访, not yet due, is not judged
		"里程碑“重点客户分层方案”已过计划时间（2025-07-31），尚未完成，没有应对措施",
		"行动“提升线上推广转化率”已过完成时间（2025-08-20），逾期49天，尚未完成",
	} {
		if !strings.Contains(page1, want) {
			t.Errorf("page 1 does not say %q:\n%s", want, page1)
		}
	}
	// The Gantt chart draws the milestone not done as late to the day, and
	// says so in its legend.
	if !strings.Contains(page1, "尚未完成（晚至报告日）") {
		t.Errorf("the Gantt chart's legend has no key for the milestone not done:\n%s", page1)
	}
	if os.Getenv("FUPAN_KEEP_PDF") != "" {
		_ = os.WriteFile(os.Getenv("FUPAN_KEEP_PDF"), mustRead(t, path), 0o644)
	}
	if strings.Contains(page1, "降低新客户获取成本") {
		t.Errorf("page 1 names the cancelled action:\n%s", page1)
	}
	// The tiles: 指标达成 1/3, 91.3%, 里程碑按期 1/3 (the headline's 3), 50%;
	// 16万, 8, 后续行动 3, 未完成行动 2 (the cancelled one is not open).
	if !strings.Contains(page1, "1/391.3%1/350%") || !strings.Contains(page1, "16万832") {
		t.Errorf("the key figures are not 里程碑按期 1/3 and 后续行动 3, 未完成行动 2:\n%s", page1)
	}
	all := strings.Join(strings.Fields(testtool.Text(t, path)), "")
	if !strings.Contains(all, "重点客户分层方案（+222.5%，尚未完成）") && !strings.Contains(all, "重点客户分层方案（+222.6%，尚未完成）") {
		t.Errorf("the conclusion does not give the overdue milestone:\n%s", all)
	}
	if !strings.Contains(all, "降低新客户获取成本（已取消）") {
		t.Errorf("the directions do not say the action was cancelled:\n%s", all)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGanttNoOverdueKeyWithoutOne: the seed, every milestone done, has no
// key for a milestone not done.
func TestGanttNoOverdueKeyWithoutOne(t *testing.T) {
	testtool.Require(t, "pdftotext")
	path := writePDF(t, review(t, "../samples/华东销售部_2025Q3.xlsx"), t.TempDir(), pdf.Options{})
	if page1 := strings.Join(strings.Fields(testtool.Text(t, path, "-l", "1")), ""); strings.Contains(page1, "晚至报告日") {
		t.Errorf("a key for a milestone not done where none is:\n%s", page1)
	}
}
