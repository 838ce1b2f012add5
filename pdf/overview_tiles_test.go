package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
)

// The company's tiles show their whole label in every language: the
// English mean's "(each capped at 100%)" was cut to "(each ca…", which
// hid that the mean is capped.
func TestOverviewTileLabelsWhole(t *testing.T) {
	testtool.Require(t, "pdftotext")
	fig := &fupan.Summary{Metrics: 3, MetricsAchieved: 1, MeanAchievementCapped: ptr(0.913), FollowupTotal: 4, FollowupDone: 1}
	rows := []pdf.OverviewRow{{File: "East_2025Q3.xlsx", Team: "East", Period: "2025Q3", Figures: fig}}
	for _, l := range []fupan.Lang{fupan.English, fupan.Simplified, fupan.Traditional} {
		var buf bytes.Buffer
		if err := pdf.WriteOverview(&buf, rows, pdf.Options{Now: fixedNow, Lang: l}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "overview.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		text := testtool.Text(t, path)
		if strings.Contains(text, "…") {
			t.Errorf("%s: a text of page 1 is cut:\n%s", l, text)
		}
		if l == fupan.English && !strings.Contains(strings.Join(strings.Fields(text), " "), "Mean achievement (each capped at 100%)") {
			t.Errorf("the English tile does not say the mean is capped:\n%s", text)
		}
	}
}
