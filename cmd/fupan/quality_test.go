package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// validate on a workbook of each language with surface causes, praise for
// the achieved metric and acceptance criteria nobody can check: the three
// quality findings at their cells, with their hints in the workbook's
// language, and the workbook still ready for the report (exit 0).
func TestValidateQualityFindings(t *testing.T) {
	books := []struct {
		lang                    string
		seed                    func() samples.Review
		file                    string
		plan, outcome, actions  string
		causes                  [2]string
		praise, planAcc, actAcc string
	}{
		{"zh-Hans", samples.SeedSimplified, "华东销售部_2025Q3.xlsx", "计划", "成果", "行动",
			[2]string{"销售额低", "新客户数量不足"}, "效果很好，继续保持", "效果明显", "领导满意"},
		{"zh-Hant", samples.SeedTraditional, "華東銷售部_2025Q3.xlsx", "計劃", "成果", "行動",
			[2]string{"銷售額偏低", "客觀原因"}, "再接再厲", "順利完成", "領導滿意"},
		{"en", samples.SeedEnglish, "East-China-Sales_2025Q3.xlsx", "Plan", "Outcomes", "Actions",
			[2]string{"Sales were low", "Not enough new customers"}, "Great teamwork", "Done", "Good results"},
	}
	for _, b := range books {
		t.Run(b.lang, func(t *testing.T) {
			r := b.seed()
			r.Outcome.Rows[0][4], r.Outcome.Rows[1][4] = b.causes[0], b.causes[1]
			r.Outcome.Rows[2][5] = b.praise
			r.Plan.Rows[1][5] = b.planAcc
			r.Acts.Rows[0][5] = b.actAcc
			path := filepath.Join(t.TempDir(), b.file)
			if err := xlsx.Build(path, samples.PerSheet(r)); err != nil {
				t.Fatal(err)
			}
			lang := catalog.Lang(b.lang)
			want := []struct {
				code        fupan.Code
				sheet, cell string
			}{
				{fupan.CodeCauseSurface, b.outcome, "E3"},
				{fupan.CodeCauseSurface, b.outcome, "E4"},
				{fupan.CodeAchievedNoExperience, b.outcome, "F5"},
				{fupan.CodeAcceptanceNotMeasurable, b.plan, "F4"},
				{fupan.CodeAcceptanceNotMeasurable, b.actions, "F3"},
			}

			out, stderr, code := runCLI(t, "validate", "--json", path)
			if code != 0 {
				t.Fatalf("validate --json: exit %d; want 0 (warnings only): %s", code, stderr)
			}
			var res []struct {
				Lang     string
				Errors   int
				Findings []fupan.Finding
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
				t.Fatalf("%v\n%s", err, out)
			}
			for _, w := range want {
				found := false
				for _, f := range res[0].Findings {
					if f.Code == w.code && f.Sheet == w.sheet && f.Cell == w.cell {
						found = true
						if hint := catalog.T(lang, "finding."+string(w.code)+".hint"); f.Hint() != hint || f.Message() == "" {
							t.Errorf("%s at %s!%s: message %q, hint %q; want the %s hint %q", w.code, w.sheet, w.cell, f.Message(), f.Hint(), b.lang, hint)
						}
					}
				}
				if !found {
					t.Errorf("no %s at %s!%s: %+v", w.code, w.sheet, w.cell, res[0].Findings)
				}
			}

			// The human output: ready for the report, each finding under its
			// sheet at its cell, its hint on the next line.
			out, _, code = runCLI(t, "validate", path)
			if code != 0 || !strings.Contains(out, catalog.T(lang, "file.ok")) {
				t.Errorf("validate: exit %d, output without %q:\n%s", code, catalog.T(lang, "file.ok"), out)
			}
			lines := strings.Split(out, "\n")
			for _, w := range want {
				hint := catalog.T(lang, "finding."+string(w.code)+".hint")
				ok := false
				for i, line := range lines {
					if strings.HasPrefix(strings.TrimSpace(line), w.cell+" ") && strings.HasSuffix(line, "["+string(w.code)+"]") &&
						i+1 < len(lines) && strings.TrimSpace(lines[i+1]) == hint {
						ok = true
					}
				}
				if !ok {
					t.Errorf("validate does not show %s at %s with the hint %q:\n%s", w.code, w.cell, hint, out)
				}
			}
		})
	}
}
