package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/catalog"
)

// The findings of a Traditional workbook on a Simplified page: every word of
// the findings part (its headings, the severities) is in the workbook's
// script, never Simplified labels beside Traditional text; the page around
// them (title, menu, the link to check another) is the person's.
func TestFindingsInOneScript(t *testing.T) {
	s := newServer(t)
	w := postWorkbook(t, s, east, "華東銷售部_2025Q3.xlsx", readSample(t, "華東銷售部_2025Q3.xlsx"), "check")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	start, end := strings.Index(body, `<section class="verdict`), strings.Index(body, `<p><a href="/">`)
	if start < 0 || end < start {
		t.Fatalf("no findings part:\n%s", body)
	}
	part := body[start:end]
	for _, key := range []string{"web.findings.figures", "web.findings.list"} {
		hans, hant := catalog.T(catalog.Simplified, key), catalog.T(catalog.Traditional, key)
		if hans == hant {
			t.Fatalf("%s: the same in both scripts", key)
		}
		if strings.Contains(part, hans) || !strings.Contains(part, hant) {
			t.Errorf("%s: the findings say %q, want %q", key, hans, hant)
		}
	}
	for _, key := range []string{"web.findings.title", "web.findings.again"} {
		if !strings.Contains(body, catalog.T(catalog.Simplified, key)) {
			t.Errorf("the page around the findings has no %q", catalog.T(catalog.Simplified, key))
		}
	}
	// An English workbook's severities are English words.
	body = postWorkbook(t, s, east, "East-China-Sales_2025Q3.xlsx", readSample(t, "East-China-Sales_2025Q3.xlsx"), "check").Body.String()
	want := `<span class="sev">` + catalog.T(catalog.English, "web.severity.warning") + `</span>`
	if !strings.Contains(body, want) {
		t.Errorf("an English workbook's warning is not marked %s:\n%s", want, body)
	}
}
