package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// englishReview is the English seed with long names for owners, a metric
// that says its own direction, an amount in the millions and an overdue
// action: what an English reader saw go wrong.
func englishReview(t *testing.T) string {
	t.Helper()
	r := samples.SeedEnglish()
	for i := range r.Plan.Rows {
		r.Plan.Rows[i][2] = []string{"Maximilian Oberhausen-Weißenfels", "Annika Lindqvist", "Zhao Liu"}[i]
	}
	r.Acts.Rows[2][2] = "Maximilian Oberhausen-Weißenfels"
	r.Track.Rows[1][6] = "Annika Lindqvist"
	r.Outcome.Rows = append(r.Outcome.Rows, []string{"Churn rate (lower is better)", "≤5%", "6%", "", "Competitor discounts", "Lesson: watch competitors' prices"},
		[]string{"Revenue", "9500000", "8900000", "", "Two large deals slipped", "Lesson: pipeline reviews weekly"})
	src := filepath.Join(t.TempDir(), "East-China-Sales_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	return src
}

// An English report keeps every label, legend and key figure inside its box
// and the page's margins; names break at their space or their own hyphen,
// never mid-syllable; a metric that says its direction does not say it twice;
// numbers have separators; what needs a decision reads as a sentence.
func TestEnglishReportReadsWell(t *testing.T) {
	testtool.Require(t, "pdftotext")
	for _, src := range []string{englishReview(t), hardReview(t, true)} {
		path := writePDF(t, review(t, src), t.TempDir(), pdf.Options{})
		for _, f := range layoutFaults(t, path, nil) {
			t.Errorf("%s: %s", filepath.Base(src), f)
		}
	}
	// The Gantt shows all 40 tasks and counts only the milestones it left
	// out (it said "0 more tasks and 4 milestones").
	hard := strings.Join(strings.Fields(testtool.Text(t, writePDF(t, review(t, hardReview(t, true)), t.TempDir(), pdf.Options{}))), " ")
	if strings.Contains(hard, "0 more tasks") || !strings.Contains(hard, "more milestones not shown") {
		t.Error("the Gantt's note counts nothing left out, or not the milestones")
	}
	path := writePDF(t, review(t, englishReview(t)), t.TempDir(), pdf.Options{})
	text := testtool.Text(t, path)
	flat := strings.Join(strings.Fields(text), " ")
	if strings.ContainsRune(text, '\u2010') {
		i := strings.IndexRune(text, '\u2010')
		t.Errorf("a word is hyphenated: %q", text[max(i-20, 0):min(i+20, len(text))])
	}
	for _, name := range []string{"Maximilian", "Oberhausen-", "Weißenfels", "Annika", "Lindqvist"} {
		if !strings.Contains(text, name) {
			t.Errorf("the name part %q is not whole", name)
		}
	}
	if !strings.Contains(flat, "Mean achievement (each capped at 100%)") {
		t.Error("the key figure's label is cut")
	}
	if strings.Contains(flat, "(lower is better) (lower is better)") {
		t.Error("the metric's direction is said twice")
	}
	if !strings.Contains(flat, "9,500,000 → 8,900,000") {
		t.Error("the conclusion writes 9500000 → 8900000 without separators")
	}
	if !strings.Contains(flat, "Action \"Lower customer acquisition cost\" is past its due date") {
		t.Error("the overdue action is not a sentence with the action quoted")
	}
}
