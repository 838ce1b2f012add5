package main

import (
	"path/filepath"
	"strings"
	"testing"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// next over a run where 华南区's workbook failed: the team still gets its
// workbook, from its last good review, with its open action, and the log
// says so; 华东大区, who writes 2025年第三季度, gets 2025年第四季度.
func TestNextFromLastGoodReview(t *testing.T) {
	root := t.TempDir()
	q2 := samples.SeedSimplified()
	q2.Acts.Rows = [][]string{{"优化渠道激励", "调整返点", "周九", "6/30", "", "方案发布"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华南区_2025Q2.xlsx"), samples.PerSheet(q2))
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华南区_2025Q3.xlsx"), xlsx.Book{Sheets: []xlsx.BookSheet{{Name: "随便", Rows: [][]any{{"这不是复盘"}}}}})
	// A task not done: carried, dated before 2025年第四季度, with its
	// progress.
	q3 := samples.SeedSimplified()
	q3.Track.Rows[1] = []string{"开展区域地推活动", "8月31日前完成", "进行中，已办6场", "", "场地不足", "增加场地", "王五"}
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东大区.xlsx"),
		samples.Covered(samples.PerSheet(q3), "封面", [][]string{{"团队", "华东大区"}, {"复盘周期", "2025年第三季度"}}))
	runQuarter(t, root, "2025Q2")
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2025Q3"), "-o", filepath.Join(root, "out", "2025Q3"), "--as-of", "2025-10-08"); code != 1 {
		t.Fatalf("run 2025Q3: exit %d, want 1 (a workbook failed)\n%s", code, stderr)
	}
	next := filepath.Join(root, "next")
	stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next)
	if code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "华南区_2025Q4.xlsx") || !strings.Contains(stdout, "华东大区_2025年第四季度.xlsx") {
		t.Errorf("next wrote:\n%s", stdout)
	}
	if !strings.Contains(stderr, `"team":"华南区"`) || !strings.Contains(stderr, "last good review") || !strings.Contains(stderr, `"from_period":"2025Q2"`) {
		t.Errorf("next does not say 华南区's workbook is from its last good review:\n%s", stderr)
	}
	x, err := excelize.OpenFile(filepath.Join(next, "华南区_2025Q4.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, _ := x.GetRows("表5 上期行动跟进")
	if len(rows) < 3 || rows[2][0] != "优化渠道激励" {
		t.Errorf("华南区's table 5: %v", rows)
	}
	if plan, _ := x.GetRows("表1 执行计划"); len(plan) < 3 || plan[2][1] == "" {
		t.Errorf("华南区's table 1 carries nothing of its last good review: %v", plan)
	}
	y, err := excelize.OpenFile(filepath.Join(next, "华东大区_2025年第四季度.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = y.Close() }()
	facts := "复盘信息"
	if v, _ := y.GetCellValue(facts, "B2"); v != "2025年第四季度" {
		t.Errorf("复盘周期 %q, want 2025年第四季度", v)
	}
	plan, _ := y.GetRows("表1 执行计划")
	track, _ := y.GetRows("表2 进度跟踪")
	c1, _ := y.GetComments("表1 执行计划")
	c2, _ := y.GetComments("表2 进度跟踪")
	if len(plan) != 3 || plan[2][1] != "开展区域地推活动" || len(c1) != 1 || c1[0].Cell != "D3" || !strings.Contains(c1[0].Text, "请重新排期") {
		t.Errorf("the carried task, dated before the period, is not marked for re-planning: %v %+v", plan, c1)
	}
	if len(track) != 3 || track[2][0] != "开展区域地推活动" || len(c2) != 1 || c2[0].Cell != "C3" || !strings.Contains(c2[0].Text, "进行中，已办6场") {
		t.Errorf("table 2 lacks the carried task's last progress: %v %+v", track, c2)
	}
	// Read back, the carried row is an info finding until its dates change.
	out, _, _ := runCLI(t, "inspect", "--json", filepath.Join(next, "华东大区_2025年第四季度.xlsx"))
	if !strings.Contains(out, `"code": "plan-before-period"`) {
		t.Errorf("the next workbook read back has no plan-before-period finding")
	}
}
