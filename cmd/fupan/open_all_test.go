package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// Page 1's and the overview's open actions are all the team has open, as
// fupan actions --open lists them: 2025Q3's table 4 sets 招聘 and 定价 (open)
// and 培训; 2025Q4's table 5 finds 招聘 done, 定价 still in progress, and does
// not mention 培训; 2025Q4's table 4 sets one new action (open) and cancels
// another. Open: 定价, 培训, the new one: 3, where this period's table 4
// alone has 1.
func TestOpenActionsOfAllPeriods(t *testing.T) {
	root := t.TempDir()
	acts := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表4:后续行动计划表", Header: []string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准", "状态"}, Rows: rows}
	}
	q3 := samples.SeedSimplified()
	q3.Acts = acts(
		[]string{"招聘两名销售", "发布岗位", "王五", "11/30", "", "两人到岗", ""},
		[]string{"调整定价策略", "竞品比价", "李四", "12/31", "", "方案获批", ""},
		[]string{"客户经理培训", "线上课程", "赵六", "12/31", "", "全员完成", ""})
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东大区_2025Q3.xlsx"), samples.PerSheet(q3))
	q4 := samples.SeedSimplified()
	q4.Acts = acts(
		[]string{"上线会员体系", "积分规则", "钱七", "2026/3/31", "", "上线", ""},
		[]string{"旧渠道清退", "逐步停投", "李四", "2026/3/31", "", "停投", "取消"})
	q4.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"招聘两名销售", "发布岗位", "王五", "11/30", "", "已完成", "11/20", "两人到岗"},
			{"调整定价策略", "竞品比价", "李四", "12/31", "", "进行中", "", ""},
		}}
	writeBook(t, filepath.Join(root, "in", "2025Q4", "华东大区_2025Q4.xlsx"), samples.PerSheet(q4))
	for _, run := range [][2]string{{"2025Q3", "2025-10-08"}, {"2025Q4", "2026-01-08"}} {
		if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", run[0]), "-o", filepath.Join(root, "out", run[0]), "--as-of", run[1]); code != 0 {
			t.Fatalf("run %s: exit %d\n%s", run[0], code, stderr)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, "out", "2025Q4", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Entries []struct {
			Figures struct {
				Open    int `json:"actions_open"`
				OpenAll int `json:"actions_open_all"`
			} `json:"figures"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Entries) != 1 || sum.Entries[0].Figures.Open != 1 || sum.Entries[0].Figures.OpenAll != 3 {
		t.Fatalf("summary.json: %+v; want this period's open 1, all open 3", sum.Entries)
	}
	out, stderr, code := runCLI(t, "actions", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), "--open", "--json")
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct{ Action string }
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatalf("actions --json: %v\n%s", err, out)
	}
	if len(reg) != 3 {
		t.Errorf("fupan actions --open lists %d (%+v); page 1 says 3", len(reg), reg)
	}
	testtool.Require(t, "pdftotext")
	page := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q4", "华东大区_2025Q4.pdf"))), "")
	// The key figures' labels, then their values: 预算合计 16万, 投入人力 8,
	// 后续行动 2, 未完成行动（含往期） 3.
	if !strings.Contains(page, "后续行动未完成行动（含往期）16万823") {
		t.Errorf("page 1 does not say 未完成行动（含往期） 3:\n%s", page)
	}
}
