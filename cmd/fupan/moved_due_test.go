package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// An action's age reads the same wherever it is read when a later table 4
// moves its due date: 2025Q3's table 4 promises 降低获客成本 by 9/10; 2025Q4's
// table 5 follows it up (进行中) and its table 4 sets it again, due 12/15.
// The report, fupan actions and remind all count from 9/10, the date first
// promised, and say it was moved to 12/15; so do next's table 5 and, when
// the team does not hand in 2026Q1, the overview.
func TestMovedDueCountsFromFirstPromise(t *testing.T) {
	root := t.TempDir()
	acts := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表4:后续行动计划表", Header: []string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准"}, Rows: rows}
	}
	q3 := samples.SeedSimplified()
	q3.Acts = acts([]string{"降低获客成本", "聚焦25-35岁客群", "王五", "9/10", "", "获客成本≤预算80%"})
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东大区_2025Q3.xlsx"), samples.PerSheet(q3))
	q4 := samples.SeedSimplified()
	q4.Acts = acts([]string{"降低获客成本", "聚焦25-35岁客群", "王五", "12/15", "", "获客成本≤预算80%"})
	q4.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"降低获客成本", "聚焦25-35岁客群", "王五", "9/10", "", "进行中", "", ""}}}
	book := filepath.Join(root, "in", "2025Q4", "华东大区_2025Q4.xlsx")
	writeBook(t, book, samples.PerSheet(q4))
	for _, run := range [][2]string{{"2025Q3", "2025-10-08"}, {"2025Q4", "2026-01-08"}} { // in order: 2025Q4 follows 2025Q3 up
		q, asOf := run[0], run[1]
		if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", q), "-o", filepath.Join(root, "out", q), "--as-of", asOf); code != 0 {
			t.Fatalf("run %s: exit %d\n%s", q, code, stderr)
		}
	}
	hist := filepath.Join(root, "out", "fupan-history.sqlite")
	const origin, moved = "2025-09-10", "2025-12-15"

	// The report's follow-up: due as first promised, overdue by 120 days
	// on the report's day 2026-01-08 (as page 1 counts), the move said.
	out, stderr, code := runCLI(t, "inspect", "--json", "--history", hist, book)
	if code != 0 {
		t.Fatalf("inspect: exit %d\n%s", code, stderr)
	}
	var rv struct {
		Followup []struct {
			Action, Status, Due string
			MovedTo             string `json:"due_moved_to"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rv); err != nil {
		t.Fatal(err)
	}
	if len(rv.Followup) != 1 || rv.Followup[0].Due != origin || rv.Followup[0].MovedTo != moved || rv.Followup[0].Status != "overdue" {
		t.Errorf("the report's follow-up: %+v, want due %s moved to %s, overdue", rv.Followup, origin, moved)
	}
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q4", "华东大区_2025Q4.pdf"))), "")
	for _, want := range []string{"逾期120天，来自2025Q3", "原定" + origin + "，改至" + moved} {
		if !strings.Contains(text, want) {
			t.Errorf("the 2025Q4 report lacks %q", want)
		}
	}

	// next carries it into 2026Q1's table 5 from its own period, as the
	// register does, at the date now agreed.
	next := filepath.Join(root, "next")
	if _, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q4"), "-o", next); code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	x, err := excelize.OpenFile(filepath.Join(next, "华东大区_2026Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("表5 上期行动跟进")
	comments, _ := x.GetComments("表5 上期行动跟进")
	_ = x.Close()
	noted := ""
	for _, c := range comments {
		if c.Cell == "A3" {
			noted = c.Text
		}
	}
	if len(rows) < 3 || rows[2][0] != "降低获客成本" || !strings.Contains(noted, "来自 2025Q3") {
		t.Errorf("next's table 5: %v, the note of A3 %q, want 降低获客成本 from 2025Q3", rows, noted)
	}

	// 2026Q1: 华东大区 does not hand in; the overview names its overdue
	// action as the register has it, the move said.
	writeBook(t, filepath.Join(root, "in", "2026Q1", "华南区_2026Q1.xlsx"), samples.PerSheet(samples.SeedSimplified()))
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2026Q1"), "-o", filepath.Join(root, "out", "2026Q1"), "--as-of", "2026-04-08"); code != 0 {
		t.Fatalf("run 2026Q1: exit %d\n%s", code, stderr)
	}
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2026Q1", "overview.pdf"))), "")
	if !strings.Contains(overview, "华东大区") || !strings.Contains(overview, "原定"+origin+"，改至"+moved) {
		t.Errorf("the 2026Q1 overview lacks 华东大区's moved action:\n%s", overview)
	}

	// fupan actions, as of today: one action, due as first promised.
	today := fupan.DateOf(time.Now())
	age := fupan.DaysLate(fupan.DateOf(time.Date(2025, 9, 10, 0, 0, 0, 0, time.UTC)), today)
	out, stderr, code = runCLI(t, "actions", "--json", "--history", hist, "--team", "华东大区")
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct {
		Action, Status, Due string
		MovedTo             string `json:"due_moved_to"`
		From                string `json:"from_period"`
		Age                 int    `json:"age_days"`
	}
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatal(err)
	}
	if len(reg) != 1 || reg[0].Due != origin || reg[0].MovedTo != moved || reg[0].From != "2025Q3" || reg[0].Age != age || reg[0].Status != "overdue" {
		t.Errorf("actions: %+v, want one from 2025Q3 due %s moved to %s, %d days overdue", reg, origin, moved, age)
	}

	// remind, today: the same age, its origin, the move.
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	out, stderr, code = runCLI(t, "remind", "--dry-run", "--history", hist, "--config", robotConfig(t, srv, ""))
	if code != 0 {
		t.Fatalf("remind: exit %d\n%s", code, stderr)
	}
	// remind counts in the config's timezone (Asia/Shanghai): after 16:00
	// UTC its today is the machine's tomorrow.
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	remindAge := fupan.DaysLate(fupan.DateOf(time.Date(2025, 9, 10, 0, 0, 0, 0, time.UTC)), fupan.DateOf(time.Now().In(shanghai)))
	for _, want := range []string{"已过完成时间 " + origin + fmt.Sprintf("，逾期 %d 天", remindAge), "来自 2025Q3", "原定 " + origin + "，改至 " + moved} {
		if !strings.Contains(out, want) {
			t.Errorf("remind lacks %q:\n%s", want, out)
		}
	}
}
