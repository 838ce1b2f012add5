package xlsx_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// seedFigures are what the seed's review must give, whatever its layout,
// language or the program that saved it (issue: core).
type seedFigures struct {
	achievements    []float64
	deviations      []float64
	statedDev       []float64
	budgets, people []float64
	starts, ends    []string
	dues            []string
}

var seed = seedFigures{
	achievements: []float64{0.90, 0.84, 1.20},
	deviations:   []float64{-3.0 / 31, 0.20},
	statedDev:    []float64{-0.065, 0.20},
	budgets:      []float64{50000, 80000, 30000},
	people:       []float64{1, 5, 2},
	starts:       []string{"2025-07-01", "2025-08-01", "2025-07-15"},
	ends:         []string{"2025-07-31", "2025-08-31", "2025-09-30"},
	dues:         []string{"2025-09-10", "2025-08-20", "2025-09-30"},
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func readReview(t *testing.T, path string) *fupan.Review {
	t.Helper()
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return fupan.Analyze(wb, fupan.Options{})
}

func checkSeed(t *testing.T, rv *fupan.Review, lang fupan.Lang) {
	t.Helper()
	if rv.Meta.Period != "2025Q3" {
		t.Errorf("period = %q; want 2025Q3", rv.Meta.Period)
	}
	if rv.Meta.Lang != lang {
		t.Errorf("lang = %q; want %q", rv.Meta.Lang, lang)
	}
	if len(rv.Plan) != 3 || len(rv.Tracking) != 2 || len(rv.Outcomes) != 3 || len(rv.Actions) != 3 {
		t.Fatalf("rows: plan %d tracking %d outcomes %d actions %d; want 3 2 3 3", len(rv.Plan), len(rv.Tracking), len(rv.Outcomes), len(rv.Actions))
	}
	for i, p := range rv.Plan {
		if p.Budget == nil || !near(*p.Budget, seed.budgets[i]) {
			t.Errorf("plan[%d].budget = %v; want %v", i, p.Budget, seed.budgets[i])
		}
		if p.People == nil || !near(*p.People, seed.people[i]) {
			t.Errorf("plan[%d].people = %v; want %v", i, p.People, seed.people[i])
		}
		if p.Start.String() != seed.starts[i] || p.End.String() != seed.ends[i] {
			t.Errorf("plan[%d] period = %v..%v; want %s..%s", i, p.Start, p.End, seed.starts[i], seed.ends[i])
		}
		if p.Goal != rv.Plan[0].Goal || p.Goal == "" {
			t.Errorf("plan[%d].goal = %q; want the merged goal %q", i, p.Goal, rv.Plan[0].Goal)
		}
	}
	for i, tr := range rv.Tracking {
		if tr.Deviation == nil || !near(*tr.Deviation, seed.deviations[i]) {
			t.Errorf("tracking[%d].deviation = %v; want %v", i, deref(tr.Deviation), seed.deviations[i])
		}
		if tr.StatedDeviation == nil || !near(*tr.StatedDeviation, seed.statedDev[i]) {
			t.Errorf("tracking[%d].stated_deviation = %v; want %v", i, deref(tr.StatedDeviation), seed.statedDev[i])
		}
		if tr.Baseline.String() != "2025-07-01" {
			t.Errorf("tracking[%d].baseline = %v; want 2025-07-01 (the July of the header)", i, tr.Baseline)
		}
	}
	statuses := []fupan.OutcomeStatus{fupan.StatusClose, fupan.StatusMissed, fupan.StatusAchieved}
	for i, o := range rv.Outcomes {
		if o.Achievement == nil || !near(*o.Achievement, seed.achievements[i]) {
			t.Errorf("outcomes[%d].achievement = %v; want %v", i, deref(o.Achievement), seed.achievements[i])
		}
		if o.Status != statuses[i] {
			t.Errorf("outcomes[%d].status = %q; want %q", i, o.Status, statuses[i])
		}
	}
	for i, a := range rv.Actions {
		if a.Due.String() != seed.dues[i] {
			t.Errorf("actions[%d].due = %v; want %s", i, a.Due, seed.dues[i])
		}
	}
	if rv.Summary.Errors != 0 {
		t.Errorf("findings have %d errors: %v", rv.Summary.Errors, rv.Findings)
	}
	if rv.Summary.Budget != 160000 || rv.Summary.People != 8 {
		t.Errorf("totals: budget %v people %v; want 160000 and 8", rv.Summary.Budget, rv.Summary.People)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestSeedFigures(t *testing.T) {
	tests := []struct {
		file string
		lang fupan.Lang
	}{
		{"../samples/華東銷售部_2025Q3.xlsx", fupan.Traditional},
		{"../samples/华东销售部_2025Q3.xlsx", fupan.Simplified},
		{"../samples/East-China-Sales_2025Q3.xlsx", fupan.English},
		{"../samples/华东销售部-单表_2025Q3.xlsx", fupan.Simplified},
		{"../samples/华东销售部-日期格式_2025Q3.xlsx", fupan.Simplified},
		// The seed sample and the date-cell variant re-saved by LibreOffice Calc.
		{"testdata/libreoffice/華東銷售部_2025Q3.xlsx", fupan.Traditional},
		{"testdata/libreoffice/华东销售部-日期格式_2025Q3.xlsx", fupan.Simplified},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			checkSeed(t, readReview(t, tt.file), tt.lang)
		})
	}
}

// The committed samples must be what the generator writes today.
func TestSamplesUpToDate(t *testing.T) {
	// Every sample, whole: every sheet and every cell as the reader reads it,
	// against what its definition writes now.
	dir := t.TempDir()
	for name, book := range samples.Books() {
		path := filepath.Join(dir, name)
		if err := xlsx.Build(path, book); err != nil {
			t.Fatal(err)
		}
		want, err := xlsx.ReadFile(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := xlsx.ReadFile(context.Background(), filepath.Join("../samples", name))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sheetTexts(got), sheetTexts(want)) {
			t.Errorf("samples/%s differs from its definition in samples/gen: run go run ./samples/gen/mksamples", name)
		}
	}
}

// sheetTexts are a workbook's sheets as text: name, then each cell's kind and text.
func sheetTexts(wb *fupan.Workbook) []string {
	var out []string
	for _, sh := range wb.Sheets {
		out = append(out, "# "+sh.Name)
		for r, row := range sh.Rows {
			for c, cell := range row {
				if !cell.IsBlank() {
					out = append(out, fmt.Sprintf("%d,%d %d %q", r+1, c+1, cell.Kind, cell.Text))
				}
			}
		}
	}
	return out
}

func TestDate1904(t *testing.T) {
	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(path, samples.DateCells(true)); err != nil {
		t.Fatal(err)
	}
	checkSeed(t, readReview(t, path), fupan.Simplified)
}

func TestCellKinds(t *testing.T) {
	wb, err := xlsx.ReadFile(context.Background(), "../samples/华东销售部-日期格式_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sheet := func(name string) *fupan.Sheet {
		for _, s := range wb.Sheets {
			if s.Name == name {
				return s
			}
		}
		t.Fatalf("no sheet %s", name)
		return nil
	}
	tests := []struct {
		sheet    string
		row, col int
		kind     fupan.CellKind
		display  string
		formula  bool
	}{
		{"执行计划", 5, 5, fupan.CellDate, "2025-07-01", false},
		{"执行计划", 6, 7, fupan.CellNumber, "80000", false},
		{"执行计划", 5, 7, fupan.CellText, "5万元", false},
		{"进度跟踪", 2, 4, fupan.CellPercent, "-6.5%", false},
		{"成果复盘", 2, 4, fupan.CellPercent, "90%", true},
		{"成果复盘", 2, 2, fupan.CellNumber, "12000000", false},
	}
	for _, tt := range tests {
		c := sheet(tt.sheet).Cell(tt.row, tt.col)
		if c.Kind != tt.kind || c.Display() != tt.display || c.Formula != tt.formula {
			t.Errorf("%s!%s%d = kind %d %q formula %v; want kind %d %q formula %v", tt.sheet, fupan.ColumnName(tt.col), tt.row,
				c.Kind, c.Display(), c.Formula, tt.kind, tt.display, tt.formula)
		}
	}
	// The merged goal carries its value to the cells it covers.
	wb2, err := xlsx.ReadFile(context.Background(), "../samples/華東銷售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range wb2.Sheets {
		if s.Name != "計劃" {
			continue
		}
		for row := 3; row <= 5; row++ {
			c := s.Cell(row, 1)
			if c.Text != "Q3華東銷售額提升20%" || c.Merged != (row > 3) {
				t.Errorf("計劃!A%d = %q merged %v; want the goal, merged below row 3", row, c.Text, c.Merged)
			}
		}
	}
}

func TestInvalidSamples(t *testing.T) {
	for _, inv := range samples.Invalids() {
		t.Run(inv.Name, func(t *testing.T) {
			rv := readReview(t, filepath.Join("../samples/invalid", inv.Name))
			for _, f := range rv.Findings {
				if string(f.Code) == inv.Code && f.Sheet == inv.Sheet && f.Cell == inv.Cell && f.Severity == fupan.SevError {
					return
				}
			}
			t.Errorf("no %s error at %s!%s; findings: %v", inv.Code, inv.Sheet, inv.Cell, rv.Findings)
		})
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seedBytes, err := os.ReadFile("../samples/華東銷售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		code fupan.Code
	}{
		{"text renamed", write("text.xlsx", []byte("团队,周期\n")), fupan.CodeFileNotXLSX},
		{"empty", write("empty.xlsx", nil), fupan.CodeFileNotXLSX},
		{"legacy xls", write("old.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)), fupan.CodeFileLegacyXLS},
		{"truncated zip", write("cut.xlsx", seedBytes[:len(seedBytes)/2]), fupan.CodeFileUnreadable},
		{"missing", filepath.Join(dir, "nope.xlsx"), fupan.CodeFileUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xlsx.ReadFile(context.Background(), tt.path)
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Code != tt.code {
				t.Fatalf("error = %v; want a FileError with code %s", err, tt.code)
			}
		})
	}
}

// A formula that gives an error, as LibreOffice stores it after calculating
// (t="e"): the finding names the cell and the error value.
func TestFormulaErrorCell(t *testing.T) {
	rv := readReview(t, "testdata/libreoffice/公式错误_2025Q3.xlsx")
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeFormulaError && f.Sheet == "成果" && f.Cell == "C4" && strings.Contains(f.Message(), "#VALUE!") {
			return
		}
	}
	t.Errorf("no formula-error at 成果!C4: %v", rv.Findings)
}
