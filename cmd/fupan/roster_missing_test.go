package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// West-Sales hands in 2025Q2 with two actions, then misses 2025Q3 and
// 2025Q4: it is named missing in both runs, next on 2025Q3's run writes it
// a 2025Q4 workbook from its last good review with both open actions, and
// 2025Q4's overview lists its overdue actions among the decisions and
// counts them in the company's follow-through.
func TestMissingTeamStaysInTheLoop(t *testing.T) {
	root := t.TempDir()
	west := samples.SeedSimplified()
	west.Acts.Rows = [][]string{{"重建西区渠道", "签约两家经销商", "周九", "6/30", "", "合同签订"}, {"培训新销售", "每周一次", "吴十", "6/30", "", "培训8场"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "West-Sales_2025Q2.xlsx"), samples.PerSheet(west))
	for _, q := range []string{"2025Q2", "2025Q3", "2025Q4"} {
		writeBook(t, filepath.Join(root, "in", q, "East-Sales_"+q+".xlsx"), samples.PerSheet(samples.SeedSimplified()))
	}
	runQuarter(t, root, "2025Q2")
	runQuarter(t, root, "2025Q3")
	q4 := filepath.Join(root, "out", "2025Q4")
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2025Q4"), "-o", q4, "--as-of", "2026-01-08"); code != 0 {
		t.Fatalf("run 2025Q4: exit %d\n%s", code, stderr)
	}
	for _, q := range []string{"2025Q3", "2025Q4"} {
		data, err := os.ReadFile(filepath.Join(root, "out", q, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct {
			Roster []struct {
				Expected int
				Missing  []struct{ Team, LastPeriod string } `json:"missing"`
			}
		}
		if err := json.Unmarshal(data, &sum); err != nil {
			t.Fatal(err)
		}
		if len(sum.Roster) != 1 || sum.Roster[0].Expected != 2 || len(sum.Roster[0].Missing) != 1 || sum.Roster[0].Missing[0].Team != "West-Sales" {
			t.Errorf("%s roster: %+v", q, sum.Roster)
		}
	}
	next := filepath.Join(root, "next")
	stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next)
	if code != 0 || !strings.Contains(stdout, "West-Sales_2025Q4.xlsx") {
		t.Fatalf("next: exit %d, wrote\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, `"team":"West-Sales"`) || !strings.Contains(stderr, "not handed in") {
		t.Errorf("next does not say West-Sales's workbook is from its last good review:\n%s", stderr)
	}
	x, err := excelize.OpenFile(filepath.Join(next, "West-Sales_2025Q4.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, _ := x.GetRows("表5 上期行动跟进")
	if len(rows) != 4 || rows[2][0] != "重建西区渠道" || rows[3][0] != "培训新销售" {
		t.Errorf("West-Sales's table 5: %v", rows)
	}
	testtool.Require(t, "pdftotext")
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(q4, "overview.pdf"))), "")
	// The company's follow-through counts West-Sales's two open actions
	// with East-Sales's three not followed up.
	for _, w := range []string{"West-Sales", "重建西区渠道", "培训新销售", "0/5·0%"} {
		if !strings.Contains(overview, w) {
			t.Errorf("2025Q4's overview lacks %q:\n%s", w, overview)
		}
	}
}
