package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/web"
	"github.com/xuri/excelize/v2"
)

// The page's "next period's workbook" is fupan next's: 华南区's 2025Q2
// action is still open after its 2025Q3 review (which does not follow it
// up), so both carry it into table 5 of the 2025Q4 workbook from the
// history's register, and both table 5s read back the same.
func TestNextWebCarriesOpenActionsAsCLI(t *testing.T) {
	root := t.TempDir()
	follow := samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"}}
	south2 := samples.SeedSimplified()
	south2.Acts.Rows = [][]string{{"优化渠道激励", "调整返点", "周九", "2025-12-31", "", "方案发布"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华南区_2025Q2.xlsx"), samples.PerSheet(south2))
	south3 := samples.SeedSimplified()
	// Not followed up in 2025Q3: only the register still has it open.
	south3.Follow = follow
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华南区_2025Q3.xlsx"), samples.PerSheet(south3))
	runQuarter(t, root, "2025Q2")
	runQuarter(t, root, "2025Q3")
	next := filepath.Join(root, "next")
	if stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next); code != 0 {
		t.Fatalf("next: exit %d\n%s\n%s", code, stdout, stderr)
	}
	cli := table5(t, filepath.Join(next, "华南区_2025Q4.xlsx"), nil)

	db, err := sqlite.Open(context.Background(), filepath.Join(root, "out", "fupan-history.sqlite"), sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	s, err := web.New(web.Config{
		Outs:     []string{filepath.Join(root, "out", "2025Q2"), filepath.Join(root, "out", "2025Q3")},
		History:  db,
		Identity: fupan.NewIdentity(nil, nil),
		Settings: batch.Settings{Analyze: fupan.Options{}},
		Auth:     web.Auth{Proxy: true, Header: "X-Remote-User", Trusted: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
		Access:   []web.Grant{{Identity: "proxy:boss", Role: web.RoleLeadership}},
		TempDir:  t.TempDir(),
		Now:      func() time.Time { return time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/teams/"+url.PathEscape(fupan.NewIdentity(nil, nil).TeamKey("华南区"))+"/next", nil)
	r.Header.Set("X-Remote-User", "boss")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("the page's next workbook: %d %s", w.Code, w.Body.String())
	}
	if cd := w.Header().Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape("华南区_2025Q4.xlsx")) && !strings.Contains(cd, "华南区_2025Q4.xlsx") {
		t.Errorf("the page names the workbook %q, fupan next 华南区_2025Q4.xlsx", cd)
	}
	page := table5(t, "", w.Body.Bytes())
	if !strings.Contains(strings.Join(column0(cli), ","), "优化渠道激励") {
		t.Fatalf("fupan next does not carry 2025Q2's open action: %v", cli)
	}
	if !reflect.DeepEqual(page, cli) {
		t.Errorf("the page's table 5 differs from fupan next's:\npage %v\ncli  %v", page, cli)
	}
}

// table5 reads table 5's rows of a next workbook, from a file or bytes.
func table5(t *testing.T, file string, data []byte) [][]string {
	t.Helper()
	var x *excelize.File
	var err error
	if file != "" {
		x, err = excelize.OpenFile(file)
	} else {
		x, err = excelize.OpenReader(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, err := x.GetRows("表5 上期行动跟进")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func column0(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		if len(r) > 0 {
			out = append(out, r[0])
		}
	}
	return out
}
