package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// The page's check of a workbook is validate's: with the history, the same
// workbook gives the same findings, at the same cells, and the same
// follow-through, through `fupan validate --history` and through /check
// on `fupan serve --history` (the unknown actions of table 5 included).
func TestServeCheckIsValidate(t *testing.T) {
	root := t.TempDir()
	q2 := samples.SeedSimplified()
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华南部_2025Q2.xlsx"), samples.PerSheet(q2))
	q3 := samples.SeedSimplified()
	q3.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"降低新客户获取成本", "聚焦25-35岁职场新人", "王五", "9/10", "", "已完成", "9/5", "降到预算75%"},
			{"提升线上推广转化率", "增加3个用户证言素材", "李四", "8/20", "", "已完成", "8/18", "转化率5%"},
			{"开设抖音旗舰店", "开店并上架", "孙八", "8/31", "", "已完成", "8/30", "已开店"}, // never decided
			{"招聘渠道经理", "到岗1人", "周九", "9/30", "", "进行中", "", ""},          // never decided
		}}
	book := filepath.Join(root, "in", "2025Q3", "华南部_2025Q3.xlsx")
	writeBook(t, book, samples.PerSheet(q3))
	runQuarter(t, root, "2025Q2")
	hist := filepath.Join(root, "out", "fupan-history.sqlite")

	out, stderr, code := runCLI(t, "validate", "--json", "--history", hist, "--as-of", "2025-10-08", book)
	if code != 0 {
		t.Fatalf("validate: exit %d\n%s", code, stderr)
	}
	var res []struct{ Findings []fupan.Finding }
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
		t.Fatalf("%v\n%s", err, out)
	}
	var want []string
	unknown := 0
	for _, f := range res[0].Findings {
		want = append(want, f.Cell+" "+f.Message())
		if f.Code == fupan.CodeFollowupUnknownAction {
			unknown++
		}
	}
	if unknown != 2 {
		t.Fatalf("validate --history: %d followup-unknown-action, want 2: %v", unknown, want)
	}
	insp, stderr, code := runCLI(t, "inspect", "--json", "--history", hist, "--as-of", "2025-10-08", book)
	if code != 0 {
		t.Fatalf("inspect: exit %d\n%s", code, stderr)
	}
	var v struct{ Summary fupan.Summary }
	if err := json.Unmarshal([]byte(insp), &v); err != nil {
		t.Fatal(err)
	}
	if v.Summary.FollowupTotal == 0 {
		t.Fatalf("inspect: no follow-up\n%s", insp)
	}
	rate := fmt.Sprintf("%d / %d", v.Summary.FollowupDone, v.Summary.FollowupTotal)

	page := checkOnServe(t, root, hist, book)
	var got []string
	for _, m := range regexp.MustCompile(`<span class="cell">([^<]*)</span> <span class="sev">[^<]*</span> <span class="msg">([^<]*)</span>`).FindAllStringSubmatch(page, -1) {
		cell := m[1]
		if cell == "—" {
			cell = ""
		}
		got = append(got, cell+" "+html.UnescapeString(m[2]))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the page's findings:\n%s\nvalidate's:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	figs := map[string]string{}
	for _, m := range regexp.MustCompile(`<dt>([^<]*)</dt><dd>([^<]*)</dd>`).FindAllStringSubmatch(page, -1) {
		figs[m[1]] = m[2]
	}
	if got := figs[catalog.T(catalog.Simplified, "followup.short")]; got != rate {
		t.Errorf("the page's follow-through %q, the run's %q", got, rate)
	}
}

// checkOnServe starts fupan serve with the history and posts the workbook
// to /check as `curl -F workbook=@FILE -F action=check` does.
func checkOnServe(t *testing.T, root, hist, book string) string {
	t.Helper()
	srv := serve(t, "--history", hist, "--as-of", "2025-10-08", filepath.Join(root, "out", "2025Q2"))
	data, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	code, body := srv.do(func(base string) (*http.Response, error) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		p, _ := mw.CreateFormFile("workbook", filepath.Base(book))
		_, _ = p.Write(data)
		_ = mw.WriteField("action", "check")
		_ = mw.Close()
		return http.Post(base+"/check", mw.FormDataContentType(), &body)
	})
	if code != http.StatusOK {
		t.Fatalf("/check: %d\n%s", code, body)
	}
	return body
}
