package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// Every row next writes into table 5 is an action of the register: 华东大区's
// first recorded review (2025Q3) follows up two actions of a period the
// history does not hold; next carries them, and read back with the history
// the 2025Q4 workbook's rows match them (no followup-unknown-action) and a
// 还没完成 there counts. A 2025Q3 row that names no action of the register
// (华南区's, after its 2025Q2) is not carried.
func TestNextCarriesOnlyRegisterActions(t *testing.T) {
	root := t.TempDir()
	follow := samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"上期行动2", "措施二", "李四", "2025-09-30", "", "进行中", "", ""}, {"上期行动3", "措施三", "王五", "2025-12-20", "", "未开始", "", ""}}}
	east := samples.SeedSimplified()
	east.Follow = follow
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东大区_2025Q3.xlsx"), samples.PerSheet(east))
	south2 := samples.SeedSimplified()
	south2.Acts.Rows = [][]string{{"优化渠道激励", "调整返点", "周九", "2025-12-31", "", "方案发布"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华南区_2025Q2.xlsx"), samples.PerSheet(south2))
	south3 := samples.SeedSimplified()
	south3.Follow = samples.Table{Title: follow.Title, Header: follow.Header,
		Rows: [][]string{{"优化渠道激励", "调整返点", "周九", "2025-12-31", "", "进行中", "", ""}, {"无中生有的行动", "", "周九", "2025-12-31", "", "进行中", "", ""}}}
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华南区_2025Q3.xlsx"), samples.PerSheet(south3))
	runQuarter(t, root, "2025Q2")
	runQuarter(t, root, "2025Q3")
	next := filepath.Join(root, "next")
	if stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next); code != 0 {
		t.Fatalf("next: exit %d\n%s\n%s", code, stdout, stderr)
	}
	south, err := excelize.OpenFile(filepath.Join(next, "华南区_2025Q4.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := south.GetRows("表5 上期行动跟进")
	_ = south.Close()
	for _, r := range rows {
		if len(r) > 0 && r[0] == "无中生有的行动" {
			t.Errorf("华南区's table 5 carries a row no action of the register is: %v", rows)
		}
	}
	book := filepath.Join(next, "华东大区_2025Q4.xlsx")
	x, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = x.GetRows("表5 上期行动跟进")
	var carried []string
	for i, r := range rows[2:] {
		carried = append(carried, r[0])
		cell, _ := excelize.CoordinatesToCellName(6, i+3)
		if err := x.SetCellStr("表5 上期行动跟进", cell, "还没完成"); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Save(); err != nil {
		t.Fatal(err)
	}
	_ = x.Close()
	if !strings.Contains(strings.Join(carried, ","), "上期行动2,上期行动3") {
		t.Fatalf("华东大区's table 5: %v", carried)
	}
	out, stderr, _ := runCLI(t, "inspect", "--json", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), book)
	var rv struct {
		Followup []struct {
			Action     string
			FromPeriod string `json:"from_period"`
			Unmatched  bool
			Status     string
		}
		Findings []struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(out), &rv); err != nil {
		t.Fatalf("inspect: %v\n%s", err, stderr)
	}
	for _, f := range rv.Findings {
		if f.Code == "followup-unknown-action" {
			t.Errorf("a row next wrote is not an action of the register: %s", f.Message)
		}
	}
	counted := 0
	for _, f := range rv.Followup {
		if strings.HasPrefix(f.Action, "上期行动") && !f.Unmatched && f.Status != "unknown" {
			counted++
		}
	}
	if counted != 2 {
		t.Errorf("the carried actions are not followed up: %+v", rv.Followup)
	}
}
