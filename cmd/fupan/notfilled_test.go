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

// The blank template dropped into the monthly folder and a workbook handed
// back with no actuals and no progress are not handed in yet: no report,
// not recorded, listed in summary.json and the overview, and neither this
// run nor the next fails for them.
func TestNotFilledIsNotHandedIn(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	writeBook(t, filepath.Join(in, "华东销售部_2025Q3.xlsx"), samples.PerSheet(samples.SeedSimplified()))
	blank := samples.SeedSimplified()
	for _, row := range blank.Outcome.Rows {
		row[2], row[3] = "", ""
	}
	for _, row := range blank.Track.Rows {
		row[2], row[3] = "", ""
	}
	writeBook(t, filepath.Join(in, "华北销售部_2025Q3.xlsx"), samples.PerSheet(blank))
	if _, stderr, code := runCLI(t, "template", "-o", filepath.Join(in, "复盘模板.xlsx")); code != 0 {
		t.Fatalf("template: exit %d\n%s", code, stderr)
	}
	out := filepath.Join(root, "out", "2025Q3") // the history beside the periods, in out
	for run := 1; run <= 2; run++ {
		if _, stderr, code := runCLI(t, "run", in, "-o", out, "--as-of", "2025-10-08"); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		OK, Failed int
		NotFilled  int `json:"not_filled"`
		Entries    []struct {
			File, Status, Reason, History string
			Outputs                       struct{ PDF string }
		}
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if sum.OK != 1 || sum.Failed != 0 || sum.NotFilled != 2 {
		t.Errorf("ok %d, failed %d, not filled %d; want 1, 0, 2", sum.OK, sum.Failed, sum.NotFilled)
	}
	for _, e := range sum.Entries {
		if e.File == "华东销售部_2025Q3.xlsx" {
			continue
		}
		if e.Status != "not_filled" || e.History != "" || e.Outputs.PDF != "" || !strings.Contains(e.Reason, "复盘尚未填写") {
			t.Errorf("%s: %+v", e.File, e)
		}
	}
	hist := historyJSON(t, root)
	if len(hist) != 1 || hist[0].Team != "华东销售部" {
		t.Errorf("the history holds %+v; want only 华东销售部", hist)
	}
	testtool.Require(t, "pdftotext")
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "overview.pdf"))), "")
	for _, w := range []string{"尚未提交（工作簿未填写）", "华北销售部_2025Q3.xlsx", "复盘模板.xlsx", "尚未提交2"} {
		if !strings.Contains(overview, w) {
			t.Errorf("the overview lacks %q:\n%s", w, overview)
		}
	}
}

// A filled workbook whose period cannot be known (a season, and no period in
// its name) is reported, says at its cell that it is not recorded, and no
// run fails for it.
func TestNoPeriodIsReportedNotRecorded(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	writeBook(t, filepath.Join(in, "华东销售部.xlsx"), samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面",
		[][]string{{"团队", "华东销售部"}, {"复盘周期", "2025年秋季"}}))
	out := filepath.Join(root, "out", "autumn")
	for run := 1; run <= 2; run++ {
		if _, stderr, code := runCLI(t, "run", in, "-o", out, "--as-of", "2025-10-08"); code != 0 {
			t.Fatalf("run %d: exit %d\n%s", run, code, stderr)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Entries []struct {
			Status, History string
			Outputs         struct{ PDF string }
		}
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if e := sum.Entries[0]; e.Status != "ok" || e.History != "no_period" || e.Outputs.PDF == "" {
		t.Errorf("entry %+v", e)
	}
	stdout, _, _ := runCLI(t, "validate", "--json", filepath.Join(in, "华东销售部.xlsx"))
	if !strings.Contains(stdout, "不记入复盘历史") || !strings.Contains(stdout, `"cell": "B2"`) {
		t.Errorf("validate does not say at the period's cell that the review is not recorded:\n%s", stdout)
	}
}
