package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
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

// postField posts a multipart form whose one file is under the field named,
// as `curl -F FIELD=@NAME` does (name "" sends a field that is no file).
func postField(t *testing.T, s *Server, field, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if name == "" {
		_ = mw.WriteField(field, string(data))
	} else {
		p, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = p.Write(data)
	}
	_ = mw.WriteField("action", "check")
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/check", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("X-Remote-User", east)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// A workbook sent under the field name file (curl -F file=@X.xlsx) is
// checked as under workbook; under another name, or a field that holds no
// file, the person is told no workbook was received and the field to use,
// never that their workbook is not one.
func TestUploadUnderAnotherFieldName(t *testing.T) {
	s := newServer(t)
	data := readSample(t, "华东销售部_2025Q3.xlsx")
	if w := postField(t, s, "file", "华东销售部_2025Q3.xlsx", data); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "华东销售部_2025Q3.xlsx · 华东销售部") {
		t.Errorf("-F file=@: status %d\n%s", w.Code, w.Body.String())
	}
	noBook := catalog.T(catalog.Simplified, "web.error.no-workbook")
	for _, tc := range []struct{ field, name string }{{"upload", "华东销售部_2025Q3.xlsx"}, {"workbook", ""}, {"workbook", "."}} {
		w := postField(t, s, tc.field, tc.name, data)
		body := w.Body.String()
		if tc.name == "." {
			// A file chosen with no name is still a file: checked.
			if w.Code != http.StatusOK {
				t.Errorf("a workbook without a name: status %d", w.Code)
			}
			continue
		}
		if w.Code != http.StatusBadRequest || !strings.Contains(body, noBook) || !strings.Contains(body, "workbook") || strings.Contains(body, "不是一个工作簿") {
			t.Errorf("-F %s=%s: status %d\n%s", tc.field, tc.name, w.Code, body)
		}
	}
}
