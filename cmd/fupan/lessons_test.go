package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// The lessons library: a Simplified search finds Traditional text and the
// reverse; the JSON's keys; the xlsx and PDF exports read back and drawn.
func TestLessonsLibrary(t *testing.T) {
	root := t.TempDir()
	simp := samples.SeedSimplified()
	simp.Outcome.Rows[1][5] = "教训:销售线索跟进不及时,需每日清理线索池"
	trad := samples.SeedTraditional()
	trad.Outcome.Rows[1][5] = "教訓:線索分配過慢,應按區域自動分配"
	writeBook(t, filepath.Join(root, "in", "华东销售部_2025Q3.xlsx"), samples.PerSheet(simp))
	writeBook(t, filepath.Join(root, "in", "華南銷售部_2025Q3.xlsx"), samples.PerSheet(trad))
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in"), "-o", filepath.Join(root, "out")); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	hist := filepath.Join(root, "fupan-history.sqlite")
	for _, q := range []string{"线索", "線索"} {
		out, stderr, code := runCLI(t, "lessons", "--history", hist, "--search", q, "--json")
		if code != 0 {
			t.Fatalf("lessons --search %s: exit %d\n%s", q, code, stderr)
		}
		var list []map[string]any
		if err := json.Unmarshal([]byte(out), &list); err != nil {
			t.Fatal(err)
		}
		teams := map[string]bool{}
		for _, l := range list {
			teams[l["team"].(string)] = true
			for _, k := range []string{"team", "period", "metric", "kind", "text", "cause", "achievement", "status"} {
				if _, ok := l[k]; !ok {
					t.Errorf("a lesson lacks %q", k)
				}
			}
		}
		if len(list) != 2 || !teams["华东销售部"] || !teams["華南銷售部"] {
			t.Errorf("--search %s found %v", q, list)
		}
	}
	out, _, _ := runCLI(t, "lessons", "--history", hist, "--kind", "experience", "--json")
	if strings.Contains(out, `"kind": "lesson"`) || !strings.Contains(out, `"kind": "experience"`) {
		t.Errorf("--kind experience:\n%s", out)
	}
	if _, _, code := runCLI(t, "lessons", "--search", "x"); code != 2 {
		t.Errorf("lessons without a history: exit %d, want 2", code)
	}

	xlsxPath := filepath.Join(root, "经验教训库.xlsx")
	if _, stderr, code := runCLI(t, "lessons", "--history", hist, "-o", xlsxPath); code != 0 {
		t.Fatalf("-o xlsx: exit %d\n%s", code, stderr)
	}
	checkLessonsWorkbook(t, xlsxPath)
	// The workbook as LibreOffice prints it: drawn, not blank.
	if !testing.Short() {
		renderPage(t, testtool.Soffice(t, xlsxPath, "pdf", t.TempDir()), 1)
	}
	pdfPath := filepath.Join(root, "经验教训库.pdf")
	if _, stderr, code := runCLI(t, "lessons", "--history", hist, "-o", pdfPath); code != 0 {
		t.Fatalf("-o pdf: exit %d\n%s", code, stderr)
	}
	testtool.Require(t, "pdftotext")
	pt := strings.Join(strings.Fields(testtool.Text(t, pdfPath)), "")
	for _, want := range []string{"经验教训库", "销售线索跟进不及时", "線索分配過慢", "華南銷售部·2025Q3"} {
		if !strings.Contains(pt, want) {
			t.Errorf("the PDF library lacks %q", want)
		}
	}
	renderPage(t, pdfPath, 1)
}

// writeBook writes a workbook with excelize, making its folder.
func writeBook(t *testing.T, path string, b xlsx.Book) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Build(path, b); err != nil {
		t.Fatal(err)
	}
}

// The overview's page of this period's lessons: themes several teams share
// first, a lesson written word for word by several teams once.
func TestOverviewLessons(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--no-history"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "overview.pdf"))), "")
	shared, alone := strings.Index(text, "华东销售额·教训·4个团队"), strings.Index(text, "EastChinasales·教训")
	if !strings.Contains(text, "本期经验教训（多个团队共有的在前）") || shared < 0 || alone < 0 || shared > alone {
		t.Errorf("the overview's lessons: shared theme at %d, a team's own at %d", shared, alone)
	}
	if n := strings.Count(text, "教训:地推活动客群画像需更精准,需提前做小范围测试"); n != 1 {
		t.Errorf("a lesson three teams wrote alike is listed %d times", n)
	}
}

// checkLessonsWorkbook reads the lessons library back: one flat sheet to
// filter (it had two header rows, team and period in one text, achievement
// as text): one header row, frozen, with an autofilter; a row per lesson
// with its team and period apart; the achievement a number in a percent
// format; lessons to avoid before experiences.
func checkLessonsWorkbook(t *testing.T, path string) {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	const sheet = "经验教训库"
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"团队", "复盘周期", "指标", "类型", "达成率", "状态", "经验/教训", "原因", "源文件"}
	if len(rows) < 3 || strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Fatalf("the header row is %q, want %q", rows[0], want)
	}
	teams, lastKind := map[string]bool{}, ""
	for i, r := range rows[1:] {
		if strings.Join(r, "|") == strings.Join(want, "|") || len(r) < 7 {
			t.Errorf("row %d is not a lesson: %q", i+2, r)
			continue
		}
		teams[r[0]] = true
		if r[1] != "2025Q3" {
			t.Errorf("row %d: period %q", i+2, r[1])
		}
		if lastKind == "经验" && r[3] == "教训" {
			t.Error("the xlsx library does not put lessons to avoid first")
		}
		lastKind = r[3]
		cell := fmt.Sprintf("E%d", i+2)
		raw, _ := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if raw == "" {
			continue
		}
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			t.Errorf("%s: achievement %q is not a number", cell, raw)
		}
		style, _ := x.GetCellStyle(sheet, cell)
		if st, _ := x.GetStyle(style); st == nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "%") {
			t.Errorf("%s: the achievement has no percent format", cell)
		}
	}
	if !teams["华东销售部"] || !teams["華南銷售部"] {
		t.Errorf("the teams are not in a column of their own: %v", teams)
	}
	filtered := false
	for _, dn := range x.GetDefinedName() {
		filtered = filtered || dn.Name == "_xlnm._FilterDatabase" && strings.Contains(dn.RefersTo, "$A$1")
	}
	if !filtered {
		t.Error("the sheet has no autofilter over its header")
	}
	if p, err := x.GetPanes(sheet); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v %v", p, err)
	}
}
