package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// relistedLoop runs three quarters of 华东销售部 (as of 2025-10-08): 2025Q1
// sets 降低获客成本 and 上线客户分层SOP; 2025Q2 follows them up (done, in
// progress) and sets 优化定价策略; 2025Q3's table 5 follows up the open
// ones, re-lists 降低获客成本 (closed in 2025Q2) with a 2025Q3 status, and
// lists 建立客户投诉机制, an action no table 4 ever set. It returns the
// history.
func relistedLoop(t *testing.T, root, relisted string) string {
	t.Helper()
	acts := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表4:后续行动计划表", Header: []string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准"}, Rows: rows}
	}
	follow := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表5:上期行动跟进",
			Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"}, Rows: rows}
	}
	q1 := samples.SeedSimplified()
	q1.Acts = acts(
		[]string{"降低获客成本", "优化投放人群", "王五", "4.30前", "", "获客成本≤80%"},
		[]string{"上线客户分层SOP", "制定SOP并培训", "赵六", "5.31前", "", "全员掌握"})
	writeBook(t, filepath.Join(root, "in", "2025Q1", "华东销售部_2025Q1.xlsx"), samples.PerSheet(q1))
	q2 := samples.SeedSimplified()
	q2.Acts = acts([]string{"优化定价策略", "调研竞品价格", "王五", "8.15前", "", "定价方案通过"})
	q2.Follow = follow(
		[]string{"降低获客成本", "优化投放人群", "王五", "4.30", "获客成本≤80%", "已完成", "4.25", "获客成本降到75%"},
		[]string{"上线客户分层SOP", "制定SOP并培训", "赵六", "5.31", "全员掌握", "进行中", "", ""})
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华东销售部_2025Q2.xlsx"), samples.PerSheet(q2))
	q3 := samples.SeedSimplified()
	q3.Acts = acts([]string{"电商投放", "申请投放预算", "孙七", "11.30前", "", "ROI≥2"})
	q3.Follow = follow(
		[]string{"上线客户分层SOP", "制定SOP并培训", "赵六", "5.31", "全员掌握", "已完成", "9.10", "已培训"},
		[]string{"优化定价策略", "调研竞品价格", "王五", "8.15", "定价方案通过", "进行中", "", ""},
		[]string{"降低获客成本", "优化投放人群", "王五", "4.30", "获客成本≤80%", relisted, "", ""},
		[]string{"建立客户投诉机制", "投诉24小时响应", "钱十", "9.1", "响应率100%", "已完成", "8.30", ""})
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东销售部_2025Q3.xlsx"), samples.PerSheet(q3))
	for _, q := range []string{"2025Q1", "2025Q2", "2025Q3"} {
		runQuarter(t, root, q)
	}
	return filepath.Join(root, "out", "fupan-history.sqlite")
}

// TestRelistedClosedAndUnknownRows: table 5 re-listing an action an earlier
// review closed matches it (no followup-unknown-action; it stays closed,
// listed once in fupan actions with its period, and counts in neither the
// rate nor against it); a row no table 4 ever set is reported, left out of
// the register and of the rate. The report's follow-up table counts the
// rows the rate counts and says which do not count.
func TestRelistedClosedAndUnknownRows(t *testing.T) {
	root := t.TempDir()
	hist := relistedLoop(t, root, "已完成")
	book := filepath.Join(root, "in", "2025Q3", "华东销售部_2025Q3.xlsx")
	out, stderr, code := runCLI(t, "inspect", "--json", "--history", hist, "--as-of", "2025-10-08", book)
	if code != 0 {
		t.Fatalf("inspect: exit %d\n%s", code, stderr)
	}
	var rv struct {
		Followup []struct {
			Action       string
			FromPeriod   string `json:"from_period"`
			Status       string
			Unmatched    bool
			ClosedBefore string `json:"closed_before"`
		}
		Summary struct {
			FollowupDone  int `json:"followup_done"`
			FollowupTotal int `json:"followup_total"`
		}
		Findings []struct{ Code, Cell, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rv); err != nil {
		t.Fatal(err)
	}
	unknown := 0
	for _, f := range rv.Findings {
		if f.Code == "followup-unknown-action" {
			unknown++
			if !strings.Contains(f.Message, "建立客户投诉机制") {
				t.Errorf("followup-unknown-action of an action the register holds: %s", f.Message)
			}
		}
	}
	if unknown != 1 {
		t.Errorf("%d followup-unknown-action, want 1 (建立客户投诉机制): %+v", unknown, rv.Findings)
	}
	for _, f := range rv.Followup {
		if f.Action == "降低获客成本" && (f.FromPeriod != "2025Q1" || f.Status != "done" || f.ClosedBefore != "2025Q2" || f.Unmatched) {
			t.Errorf("the re-listed closed action: %+v, want done from 2025Q1, closed in 2025Q2", f)
		}
	}
	// Counted: 上线客户分层SOP (done late), 优化定价策略 (overdue).
	if s := rv.Summary; s.FollowupDone != 1 || s.FollowupTotal != 2 {
		t.Errorf("follow-through %d/%d, want 1/2", s.FollowupDone, s.FollowupTotal)
	}

	out, stderr, code = runCLI(t, "actions", "--json", "--history", hist, "--as-of", "2025-10-08")
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct {
		Action     string
		FromPeriod string `json:"from_period"`
		Status     string
	}
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range reg {
		seen[e.Action]++
		if e.FromPeriod == "" {
			t.Errorf("an action of no period in the register: %+v", e)
		}
		if e.Action == "降低获客成本" && e.Status != "done" {
			t.Errorf("降低获客成本 reopened: %+v", e)
		}
	}
	if len(reg) != 4 || seen["降低获客成本"] != 1 || seen["建立客户投诉机制"] != 0 {
		t.Errorf("the register: %+v, want 4 actions, 降低获客成本 once, no 建立客户投诉机制", reg)
	}

	// The report: the rate's 1/2, and the rows that do not count say so.
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "华东销售部_2025Q3.pdf"))), "")
	at := strings.Index(text, "上期行动落实情况")
	if at < 0 {
		t.Fatalf("no follow-up section:\n%s", text)
	}
	section := text[at:]
	if end := strings.Index(section, "复盘表格"); end > 0 {
		section = section[:end]
	}
	for _, want := range []string{"（1/2，", "已于2025Q2落实，不计入落实率", "此前各期表4没有的行动，不计入落实率"} {
		if !strings.Contains(section, want) {
			t.Errorf("the follow-up section lacks %q:\n%s", want, section)
		}
	}
}

// TestRelistedClosedSaidNotDone: a re-listed closed action the team now
// writes not done stays closed in the register (a later table 4 sets it
// again to reopen it), and a followup-closed-reopened warning says so.
func TestRelistedClosedSaidNotDone(t *testing.T) {
	root := t.TempDir()
	hist := relistedLoop(t, root, "进行中")
	book := filepath.Join(root, "in", "2025Q3", "华东销售部_2025Q3.xlsx")
	out, stderr, code := runCLI(t, "validate", "--history", hist, "--as-of", "2025-10-08", book)
	if !strings.Contains(out, "followup-closed-reopened") || !strings.Contains(out, "降低获客成本") {
		t.Errorf("validate does not warn of the closed action written not done: exit %d\n%s%s", code, out, stderr)
	}
	out, stderr, code = runCLI(t, "actions", "--json", "--history", hist, "--as-of", "2025-10-08")
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct{ Action, Status string }
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatal(err)
	}
	for _, e := range reg {
		if e.Action == "降低获客成本" && e.Status != "done" {
			t.Errorf("降低获客成本 reopened by a re-listing: %+v", e)
		}
	}
}
