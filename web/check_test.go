package web

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/xlsx"
)

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func bookBytes(t testing.TB, b xlsx.Book) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := xlsx.Build(p, b); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A broken workbook's findings, each at its sheet and cell with its message
// and hint in the workbook's language: what validate says of the same file.
func TestUploadShowsFindingsAtCells(t *testing.T) {
	s := newServer(t)
	for _, name := range []string{"invalid/单位不一致_2025Q3.xlsx", "invalid/缺少必填列_2025Q3.xlsx", "invalid/不是工作簿.xlsx"} {
		data := readSample(t, name)
		w := postWorkbook(t, s, east, filepath.Base(name), data, "check")
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", name, w.Code)
		}
		checkPolicy(t, "findings of "+name, w)
		body := w.Body.String()
		rv, err := batch.Load(context.Background(), batch.Settings{}, filepath.Base(name), data)
		if err != nil {
			t.Fatal(err)
		}
		if len(rv.Findings) == 0 {
			t.Fatalf("%s: the sample has no findings", name)
		}
		for _, f := range rv.Findings {
			if f.Sheet != "" && !strings.Contains(body, "<h3>"+html.EscapeString(f.Sheet)+"</h3>") {
				t.Errorf("%s: no heading of sheet %s", name, f.Sheet)
			}
			cell := "—"
			if f.Cell != "" {
				cell = f.Cell
			}
			want := `<span class="cell">` + cell + `</span> <span class="sev">` + catalog.T(catalog.Simplified, "web.severity."+string(f.Severity)) + `</span> <span class="msg">` + html.EscapeString(f.Message()) + `</span>`
			if !strings.Contains(body, want) {
				t.Errorf("%s: finding %s not shown at its cell:\n%s", name, f, want)
			}
			if f.Hint() != "" && !strings.Contains(body, html.EscapeString(f.Hint())) {
				t.Errorf("%s: no hint %q", name, f.Hint())
			}
		}
		if !strings.Contains(body, "有错误，无法生成报告") {
			t.Errorf("%s: no verdict", name)
		}
	}
}

// An English workbook's findings and figures are in English on a Chinese
// page; the page's own words stay Chinese.
func TestUploadInTheWorkbooksLanguage(t *testing.T) {
	s := newServer(t)
	body := postWorkbook(t, s, east, "East-China-Sales_2025Q3.xlsx", readSample(t, "East-China-Sales_2025Q3.xlsx"), "check").Body.String()
	for _, want := range []string{catalog.T(catalog.English, "file.ok"), catalog.T(catalog.English, "metrics.met"), "1 / 3", "检查结果"} {
		if !strings.Contains(body, html.EscapeString(want)) {
			t.Errorf("no %q on the page", want)
		}
	}
	if !strings.Contains(body, `<section class="verdict ok" lang="en">`) {
		t.Error("the findings are not marked as English")
	}
}

// A workbook over the batch's size limit is refused as the batch refuses
// it, and nothing of any upload stays on disk.
func TestUploadLimitsAndNothingKept(t *testing.T) {
	tmp := t.TempDir()
	s := newServer(t, func(c *Config) { c.Settings.Reader.MaxFileSize = 4000; c.TempDir = tmp })
	data := readSample(t, "华东销售部_2025Q3.xlsx")
	body := postWorkbook(t, s, east, "华东销售部_2025Q3.xlsx", data, "check").Body.String()
	if !strings.Contains(body, "file-too-large") || !strings.Contains(body, "过大") {
		t.Errorf("an upload over the limit: no file-too-large finding\n%s", body)
	}
	// Far over the limit (and over the form's allowance around it): the
	// same finding, not a broken upload.
	big := bytes.Repeat([]byte("PK"), 100_000)
	if body := postWorkbook(t, s, east, "大.xlsx", big, "check").Body.String(); !strings.Contains(body, "file-too-large") {
		t.Errorf("an upload far over the limit: no file-too-large finding\n%s", body)
	}
	s = newServer(t, func(c *Config) { c.TempDir = tmp })
	if body := postWorkbook(t, s, east, "华东销售部_2025Q3.xlsx", data, "handin").Body.String(); !strings.Contains(body, "检查结果") {
		t.Errorf("a check: %s", body)
	}
	left, _ := os.ReadDir(tmp)
	if len(left) != 0 {
		t.Errorf("uploads left behind: %v", left)
	}
}

// Hand-in writes a checked workbook without errors into the shared folder
// under its own name, never over another file, with a receipt; another
// team's workbook, one with errors and a hidden name are not taken.
func TestHandIn(t *testing.T) {
	dir := t.TempDir()
	s := newServer(t, func(c *Config) { c.AcceptUploads = dir })
	data := bookBytes(t, teamBook("华东销售部", [3]string{"1300万", "530家", "16%"}))
	sum := sha256.Sum256(data)
	for i, want := range []string{"华东销售部_2025Q4.xlsx", "华东销售部_2025Q4-2.xlsx"} {
		w := postWorkbook(t, s, east, "华东销售部_2025Q4.xlsx", data, "handin")
		checkPolicy(t, "receipt", w)
		body := w.Body.String()
		if !strings.Contains(body, "已提交") || !strings.Contains(body, hex.EncodeToString(sum[:])) || !strings.Contains(body, html.EscapeString(want)) {
			t.Fatalf("hand-in %d: no receipt naming %s\n%s", i+1, want, body)
		}
		got, err := os.ReadFile(filepath.Join(dir, want))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("hand-in %d: %s not written as sent (%v)", i+1, want, err)
		}
	}
	// A name with folders is its last part, inside the shared folder.
	if body := postWorkbook(t, s, east, `../..\华东销售部_2025Q4.xlsx`, data, "handin").Body.String(); !strings.Contains(body, "华东销售部_2025Q4-3.xlsx") {
		t.Fatalf("a name with folders: %s", body)
	}
	south := bookBytes(t, teamBook("华南销售部", [3]string{"900万", "380家", "12%"}))
	for _, tc := range []struct {
		name   string
		data   []byte
		refuse string
	}{
		{"华南销售部_2025Q4.xlsx", south, "handin.not-your-team"},
		{"单位不一致_2025Q3.xlsx", readSample(t, "invalid/单位不一致_2025Q3.xlsx"), "handin.has-errors"},
		{".华东销售部_2025Q4.xlsx", data, "handin.bad-name"},
	} {
		body := postWorkbook(t, s, east, tc.name, tc.data, "handin").Body.String()
		if !strings.Contains(body, html.EscapeString(catalog.T(catalog.Simplified, "web."+tc.refuse))) {
			t.Errorf("%s: not refused with %s\n%s", tc.name, tc.refuse, body)
		}
	}
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, d.Name())
		}
		return nil
	})
	if len(files) != 3 {
		t.Errorf("the shared folder holds %v, want the three hand-ins", files)
	}
	// Leadership hands in any team's.
	if body := postWorkbook(t, s, boss, "华南销售部_2025Q4.xlsx", south, "handin").Body.String(); !strings.Contains(body, "已提交") {
		t.Errorf("leadership's hand-in refused")
	}
}

// A download's name survives every browser: an ASCII fallback and the UTF-8
// name (RFC 6266, 5987).
func TestDownloadNames(t *testing.T) {
	s := newServer(t)
	w := get(t, s, boss, "/template/zh-Hans")
	if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="____.xlsx"; filename*=UTF-8''%E5%A4%8D%E7%9B%98%E6%A8%A1%E6%9D%BF.xlsx`; got != want {
		t.Errorf("Content-Disposition\n%s, want\n%s", got, want)
	}
	if got := rfc5987(`a b"c%d;é.pdf`); got != "a%20b%22c%25d%3B%C3%A9.pdf" {
		t.Errorf("rfc5987: %s", got)
	}
	for _, l := range catalog.Langs() {
		w := get(t, s, east, "/template/"+string(l))
		p := filepath.Join(t.TempDir(), "t.xlsx")
		if err := os.WriteFile(p, w.Body.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		rv, err := batch.Load(context.Background(), batch.Settings{}, p, w.Body.Bytes())
		if err != nil || rv.Meta.Lang != l {
			t.Errorf("template %s: read back as %v (%v)", l, rv.Meta.Lang, err)
		}
	}
}

// A file is found through the history and its run's summary.json and opened
// inside the output folder: an entry naming a path outside it is not found.
func TestOutputsOpenedInsideTheirFolder(t *testing.T) {
	f := getFixture(t)
	out := t.TempDir()
	b, err := os.ReadFile(filepath.Join(f.outs[2], "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum batch.Summary
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(filepath.Dir(out), "secret.pdf")
	if err := os.WriteFile(secret, []byte("%PDF secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range sum.Entries {
		sum.Entries[i].Outputs.PDF = "../secret.pdf"
		sum.Entries[i].Outputs.Reviewed = secret
	}
	b, _ = json.Marshal(sum)
	if err := os.WriteFile(filepath.Join(out, "summary.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, func(c *Config) { c.Outs = []string{out} })
	for _, file := range []string{"report.pdf", "reviewed"} {
		if w := get(t, s, boss, path("teams", "华东销售部", "2025Q3", file)); w.Code != http.StatusNotFound || strings.HasPrefix(w.Body.String(), "%PDF") {
			t.Errorf("%s outside the output folder: status %d", file, w.Code)
		}
	}
}

// Loopback only without a login; a proxy login needs its header and its
// trusted networks; roles are the three.
func TestCheckListenAndGrants(t *testing.T) {
	for _, tc := range []struct {
		addr string
		auth Auth
		ok   bool
	}{
		{"127.0.0.1:8080", Auth{}, true},
		{"[::1]:8080", Auth{}, true},
		{"localhost:8080", Auth{}, true},
		{"0.0.0.0:8080", Auth{}, false},
		{":8080", Auth{}, false},
		{"10.1.2.3:8080", Auth{}, false},
		{"0.0.0.0:8080", Auth{Proxy: true, Header: "X-Remote-User"}, false},
		{"0.0.0.0:8080", Auth{Proxy: true, Header: "X-Remote-User", Trusted: mustPrefixes(t, "10.0.0.5")}, true},
	} {
		if err := CheckListen(tc.addr, tc.auth); (err == nil) != tc.ok {
			t.Errorf("%s %+v: %v", tc.addr, tc.auth, err)
		}
	}
	if _, err := ParsePrefixes([]string{"10.0.0.0/8", "not-an-address"}); err == nil {
		t.Error("a bad trusted_proxies entry was taken")
	}
	for _, g := range []Grant{{Identity: "wang", Role: RoleLeadership}, {Identity: "proxy:li", Role: RoleTeam}, {Identity: "proxy:x", Role: "admin"}} {
		if err := CheckGrants([]Grant{g}); err == nil {
			t.Errorf("grant %+v taken", g)
		}
	}
}

func mustPrefixes(t *testing.T, s ...string) []netip.Prefix {
	t.Helper()
	p, err := ParsePrefixes(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every text a page asks for is in the catalogues.
func TestPageTextsInTheCatalogues(t *testing.T) {
	re := regexp.MustCompile(`\.[TF] "([a-z0-9.\-]+)"`)
	n := 0
	err := fs.WalkDir(templateFiles, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFiles.ReadFile(p)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if !catalog.Has("web." + m[1]) {
				t.Errorf("%s asks for web.%s, which no catalogue has", p, m[1])
			}
		}
		return err
	})
	if err != nil || n < 50 {
		t.Fatalf("%d texts found (%v)", n, err)
	}
	for _, sev := range []fupan.Severity{fupan.SevError, fupan.SevWarning, fupan.SevInfo} {
		if !catalog.Has("web.severity." + string(sev)) {
			t.Errorf("no text for severity %s", sev)
		}
	}
}

// A POST that holds no workbook (not a form, no file, two files) is told so.
func TestUploadWithoutAWorkbook(t *testing.T) {
	s := newServer(t)
	r := httptest.NewRequest(http.MethodPost, "/check", strings.NewReader("workbook=x"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Remote-User", east)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "没有收到工作簿") {
		t.Errorf("a form without a file: status %d\n%s", w.Code, w.Body.String())
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for range 2 {
		p, _ := mw.CreateFormFile("workbook", "a.xlsx")
		_, _ = p.Write([]byte("PK"))
	}
	_ = mw.Close()
	r = httptest.NewRequest(http.MethodPost, "/check", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("X-Remote-User", east)
	w = httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusBadRequest {
		t.Errorf("two workbooks in one upload: status %d", w.Code)
	}
}

// A file with nothing to tell its language by (not a workbook) is told of in
// the person's language.
func TestUnreadableUploadInThePersonsLanguage(t *testing.T) {
	s := newServer(t)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	p, _ := mw.CreateFormFile("workbook", "notes.xlsx")
	_, _ = p.Write(readSample(t, "invalid/不是工作簿.xlsx"))
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/check", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("X-Remote-User", east)
	r.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	page := w.Body.String()
	if !strings.Contains(page, "file-not-workbook") || !strings.Contains(page, html.EscapeString(catalog.T(catalog.English, "finding.file-not-workbook.hint"))) || !strings.Contains(page, "What the check found") {
		t.Errorf("not in English:\n%s", page)
	}
}

// The operator's page says what each run mailed and posted, from the run's
// own records: here the posts a run's summary made to three robots.
func TestRunsShowDeliveries(t *testing.T) {
	f := getFixture(t)
	out := t.TempDir()
	b, err := os.ReadFile(filepath.Join(f.outs[2], "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "summary.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(out, ".fupan"), 0o755); err != nil { // as the run leaves it
		t.Fatal(err)
	}
	clock := robottest.NewClock(asOf)
	srv := robottest.Start(clock)
	t.Cleanup(srv.Close)
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		r, err := robot.New(o)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r})
	}
	if _, err := batch.Notify(context.Background(), out, batch.NotifyOptions{Robots: targets}); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, func(c *Config) { c.Outs = []string{out} })
	body := get(t, s, ops, "/runs").Body.String()
	if n := strings.Count(body, "群机器人 · 已送达 · "); n != len(targets) {
		t.Errorf("the runs page shows %d posts, want %d:\n%s", n, len(targets), body)
	}
}

// A team's next workbook reads back as the team's next period; leadership's
// carries other teams' lessons on the same metrics, a team lead's none of
// another team's.
func TestNextWorkbook(t *testing.T) {
	s := newServer(t)
	for _, tc := range []struct {
		who    string
		others bool
	}{{boss, true}, {east, false}} {
		w := get(t, s, tc.who, path("teams", "华东销售部", "next"))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", tc.who, w.Code)
		}
		if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, rfc5987("华东销售部_2025Q4.xlsx")) {
			t.Errorf("%s: named %s", tc.who, cd)
		}
		rv, err := batch.Load(context.Background(), batch.Settings{}, "next.xlsx", w.Body.Bytes())
		if err != nil || rv.Meta.Team != "华东销售部" || rv.Meta.Period != "2025Q4" {
			t.Fatalf("%s: the next workbook reads as %q %q (%v)", tc.who, rv.Meta.Team, rv.Meta.Period, err)
		}
		text := sharedStrings(t, w.Body.Bytes())
		if got := strings.Contains(text, "华南销售部") || strings.Contains(text, "华北销售部"); got != tc.others {
			t.Errorf("%s: other teams' lessons in the next workbook: %v, want %v", tc.who, got, tc.others)
		}
	}
}

// sharedStrings is the text of a workbook's shared strings.
func sharedStrings(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/sharedStrings") || strings.HasPrefix(f.Name, "xl/worksheets/") {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			_ = rc.Close()
			all.Write(b)
		}
	}
	return all.String()
}

// "Preview" draws the report of a workbook without errors as run draws it,
// and keeps nothing; a workbook with errors gets its findings and why.
func TestPreview(t *testing.T) {
	tmp := t.TempDir()
	s := newServer(t, func(c *Config) { c.TempDir = tmp })
	w := postWorkbook(t, s, east, "华东销售部_2025Q3.xlsx", readSample(t, "华东销售部_2025Q3.xlsx"), "preview")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(w.Body.Bytes(), []byte("%PDF")) {
		t.Fatalf("preview: status %d, %s, %.20q", w.Code, w.Header().Get("Content-Type"), w.Body.String())
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, rfc5987("华东销售部_2025Q3.pdf")) {
		t.Errorf("named %s", cd)
	}
	if exe, err := exec.LookPath("pdftotext"); err == nil {
		p := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(p, w.Body.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		text, err := exec.Command(exe, "-layout", p, "-").Output()
		if err != nil || !strings.Contains(string(text), "华东销售部") || !strings.Contains(string(text), "2025Q3") {
			t.Errorf("the preview's text (%v):\n%s", err, text)
		}
	}
	body := postWorkbook(t, s, east, "单位不一致_2025Q3.xlsx", readSample(t, "invalid/单位不一致_2025Q3.xlsx"), "preview").Body.String()
	if !strings.Contains(body, "无法生成报告预览") || !strings.Contains(body, "unit-mismatch") {
		t.Errorf("a preview of a workbook with errors:\n%s", body)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
