package fupan_test

import (
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/wording"
)

// TestCurrenciesAndUnits: currencies read and kept, euros never compared with
// dollars, and the unit-mismatch hint names the units the team wrote.
func TestCurrenciesAndUnits(t *testing.T) {
	r := samples.SeedEnglish()
	r.Outcome.Rows[0][1], r.Outcome.Rows[0][2] = "EUR 2M", "€1.8M"
	r.Outcome.Rows[1][1], r.Outcome.Rows[1][2] = "€2M", "$1.8M"
	r.Plan.Rows[0][4] = "Budget EUR 50,000, 1 designer"
	r.Plan.Rows[1][4] = "Budget €80,000, field team 5 people"
	r.Plan.Rows[2][4] = "Budget EUR 30,000, 2 account managers"
	rv := analyzeBook(t, "East-China-Sales_2025Q3.xlsx", samples.PerSheet(r))
	o := rv.Outcomes[0]
	if o.Achievement == nil || *o.Achievement < 0.9-1e-9 || *o.Achievement > 0.9+1e-9 || o.Currency != "EUR" {
		t.Errorf("EUR 2M / €1.8M: %v, currency %q", o.Achievement, o.Currency)
	}
	f := findingAt(rv, fupan.CodeUnitMismatch, "Outcomes", "C4")
	if f == nil || !strings.Contains(f.Message(), "EUR") || !strings.Contains(f.Message(), "USD") || !strings.Contains(f.Hint(), "EUR") {
		t.Errorf("€2M against $1.8M: %+v", f)
	}
	if rv.Summary.BudgetCurrency != "EUR" || rv.Summary.Budget != 160000 {
		t.Errorf("budget %v %q, want 160000 EUR", rv.Summary.Budget, rv.Summary.BudgetCurrency)
	}
	found := false
	for _, fig := range wording.KeyFigures(rv, fupan.English) {
		if fig.Key == "budget" {
			found = fig.Value == "EUR 160,000"
			if !found {
				t.Errorf("the budget shows %q, want EUR 160,000", fig.Value)
			}
		}
	}
	if !found {
		t.Error("no budget figure")
	}

	s := samples.SeedSimplified()
	s.Outcome.Rows[1][2] = "420个"
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(s))
	f = findingAt(rv, fupan.CodeUnitMismatch, "成果", "C4")
	if f == nil || !strings.Contains(f.Hint(), "家") || !strings.Contains(f.Hint(), "个") || strings.Contains(f.Hint(), "金额、数量或百分比") {
		t.Errorf("500家 against 420个: %+v", f)
	}

	s = samples.SeedSimplified()
	s.Acts.Rows[0][3] = "05/08/2025"
	s.Acts.Rows[1][3] = "31/08/2025"
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(s))
	f = findingAt(rv, fupan.CodeValueUnread, "行动", "D3")
	if f == nil || !strings.Contains(f.Message(), "既可读作") {
		t.Errorf("05/08/2025: %+v", f)
	}
	if rv.Actions[1].Due.String() != "2025-08-31" || findingAt(rv, fupan.CodeValueUnread, "行动", "D4") != nil {
		t.Errorf("31/08/2025 read as %v", rv.Actions[1].Due)
	}
}

// A Traditional workbook's unit-mismatch quotes the measure words as the team
// wrote them (個, 場), never folded to Simplified (个, 场), in the message and
// the hint; the units still compare folded (個 and 个 are one word).
func TestUnitMismatchQuotesTeamsWord(t *testing.T) {
	r := samples.SeedTraditional()
	r.Outcome.Rows[1][1], r.Outcome.Rows[1][2] = "500個", "420場"
	rv := analyzeFile(t, "華東銷售部_2025Q3.xlsx", samples.PerSheet(r))
	var f *fupan.Finding
	for i := range rv.Findings {
		if rv.Findings[i].Code == fupan.CodeUnitMismatch {
			f = &rv.Findings[i]
		}
	}
	if f == nil {
		t.Fatalf("500個 against 420場: no unit-mismatch: %v", rv.Findings)
	}
	for _, text := range []string{f.Message(), f.Hint()} {
		if !strings.Contains(text, "個") || !strings.Contains(text, "場") || strings.ContainsAny(text, "个场") {
			t.Errorf("500個 against 420場 quoted as: %q", text)
		}
	}

	r = samples.SeedTraditional()
	r.Outcome.Rows[1][1], r.Outcome.Rows[1][2] = "500個", "420个"
	rv = analyzeFile(t, "華東銷售部_2025Q3.xlsx", samples.PerSheet(r))
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeUnitMismatch {
			t.Errorf("500個 against 420个, one word in two scripts: %s", f.Message())
		}
	}
}

// A zero written bare against a percentage (投诉率 ≤2%, actual 0) is 0%:
// achieved, not a unit mismatch that stops the report.
func TestZeroAgainstAPercentage(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows = append(r.Outcome.Rows, []string{"客户投诉率", "≤2%", "0", "", "", "经验:售后回访前置"})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if f := findingAt(rv, fupan.CodeUnitMismatch, "复盘", "C5"); f != nil || rv.HasErrors() {
		t.Fatalf("0 against ≤2%%: %v", rv.Findings)
	}
	o := rv.Outcomes[3]
	if o.Status != fupan.StatusAchieved {
		t.Errorf("客户投诉率 ≤2%%, actual 0: status %q, achievement %v; want achieved", o.Status, o.Achievement)
	}
}
