package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/xuri/excelize/v2"
)

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"fupan", "--log-format", "json"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

func TestInspectJSON(t *testing.T) {
	out, stderr, code := runCLI(t, "inspect", "--json", "../../samples/華東銷售部_2025Q3.xlsx")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, k := range []string{"file", "meta", "plan", "tracking", "outcomes", "actions", "summary", "findings"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	var rv struct {
		Meta struct{ Team, Period, Lang string }
		Plan []struct {
			Ref            struct{ Sheet, Cell string }
			Start, End     string
			Budget, People float64
		}
		Tracking []struct {
			Deviation       float64
			StatedDeviation float64 `json:"stated_deviation"`
		}
		Outcomes []struct {
			Achievement, Deviation, Target float64
			Status                         string
		}
		Actions []struct{ Due string }
	}
	if err := json.Unmarshal([]byte(out), &rv); err != nil {
		t.Fatal(err)
	}
	if rv.Meta.Team != "華東銷售部(繁體版)" || rv.Meta.Period != "2025Q3" || rv.Meta.Lang != "zh-Hant" {
		t.Errorf("meta = %+v", rv.Meta)
	}
	if rv.Plan[0].Ref.Sheet != "計劃" || rv.Plan[0].Ref.Cell != "A3" || rv.Plan[1].Start != "2025-08-01" || rv.Plan[2].End != "2025-09-30" || rv.Plan[1].Budget != 80000 || rv.Plan[1].People != 5 {
		t.Errorf("plan = %+v", rv.Plan)
	}
	if math.Abs(rv.Tracking[0].Deviation-(-0.0968)) > 0.0001 || rv.Tracking[0].StatedDeviation != -0.065 || rv.Tracking[1].Deviation != 0.2 {
		t.Errorf("tracking = %+v", rv.Tracking)
	}
	if rv.Outcomes[0].Achievement != 0.9 || rv.Outcomes[0].Target != 12000000 || rv.Outcomes[1].Status != "missed" || rv.Outcomes[2].Achievement != 1.2 || math.Abs(rv.Outcomes[0].Deviation+0.1) > 1e-9 {
		t.Errorf("outcomes = %+v", rv.Outcomes)
	}
	if rv.Actions[0].Due != "2025-09-10" {
		t.Errorf("actions = %+v", rv.Actions)
	}
}

func TestValidateExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"validate", "../../samples/華東銷售部_2025Q3.xlsx"}, 0, "0 個錯誤，1 個警告"},
		{[]string{"validate", "--strict", "../../samples/華東銷售部_2025Q3.xlsx"}, 1, "1 個錯誤，0 個警告"},
		{[]string{"validate", "../../samples/invalid/缺少必填列_2025Q3.xlsx"}, 1, "表头缺少必填列“责任人”"},
		{[]string{"validate", "../../samples/invalid"}, 1, "不是 Excel 工作簿"},
		{[]string{"validate"}, 2, ""},
		{[]string{"no-such-command"}, 2, ""},
		{[]string{"validate", "--no-such-flag", "x.xlsx"}, 2, ""},
		{[]string{"validate", "does-not-exist.xlsx"}, 2, ""},
		{[]string{"inspect", "--lang", "fr", "../../samples/華東銷售部_2025Q3.xlsx"}, 2, ""},
		{[]string{"inspect", "../../samples/invalid/不是工作簿.xlsx"}, 1, ""},
		{[]string{"inspect", "../../samples/invalid/起止时间倒置_2025Q3.xlsx"}, 0, "range-backwards"},
	}
	for _, tt := range tests {
		out, stderr, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("fupan %v: exit %d, output %q (stderr %q); want exit %d with %q", tt.args, code, out, stderr, tt.code, tt.want)
		}
	}
}

func TestValidateJSON(t *testing.T) {
	out, _, code := runCLI(t, "validate", "--json", "../../samples/invalid/起止时间倒置_2025Q3.xlsx", "../../samples/华东销售部_2025Q3.xlsx")
	if code != 1 {
		t.Errorf("exit %d; want 1", code)
	}
	var res []struct {
		File     string
		Errors   int
		Findings []fupan.Finding
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(res) != 2 || res[0].Errors != 1 || res[1].Errors != 0 {
		t.Fatalf("results = %+v", res)
	}
	f := res[0].Findings
	found := false
	for _, x := range f {
		found = found || (x.Code == fupan.CodeRangeBackwards && x.Sheet == "计划" && x.Cell == "D4" && x.Hint() != "")
	}
	if !found {
		t.Errorf("no range-backwards at 计划!D4: %+v", f)
	}
}

// A template written in each language reads back with nothing but "empty"
// findings and review-not-filled: it is not a review until it is filled in.
func TestTemplateReadsBack(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		path := filepath.Join(t.TempDir(), "template.xlsx")
		if _, stderr, code := runCLI(t, "template", "-o", path, "--lang", lang); code != 0 {
			t.Fatalf("template %s: exit %d: %s", lang, code, stderr)
		}
		out, _, code := runCLI(t, "validate", "--json", path)
		if code != exitFailed {
			t.Errorf("%s template: validate exit %d, want %d (not filled in)", lang, code, exitFailed)
		}
		var res []struct {
			Lang     string
			Findings []fupan.Finding
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if res[0].Lang != lang {
			t.Errorf("template in %s reads as %s", lang, res[0].Lang)
		}
		if len(res[0].Findings) != 6 {
			t.Errorf("%s template: %d findings; want the five tables empty and not filled: %+v", lang, len(res[0].Findings), res[0].Findings)
		}
		for _, f := range res[0].Findings {
			if f.Code != fupan.CodeTableEmpty && f.Code != fupan.CodeNotFilled {
				t.Errorf("%s template: finding %s %s; want only table-empty and review-not-filled", lang, f.Code, f.Message())
			}
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Errorf("run samples: exit %d: %s", code, stderr)
	}
	if _, _, code := runCLI(t, "run", "../../samples/invalid", "-o", t.TempDir()); code != 1 {
		t.Errorf("run samples/invalid: exit %d; want 1", code)
	}
	for _, args := range [][]string{{"run", "../../samples"}, {"run", "no-such-dir", "-o", out}, {"run", "../../samples", "-o", out, "--workers", "0"}} {
		if _, _, code := runCLI(t, args...); code != 2 {
			t.Errorf("fupan %v: exit %d; want 2", args, code)
		}
	}
	out2, _, code := runCLI(t, "run", "../../samples", "-o", out, "--json")
	if code != 0 || !strings.Contains(out2, `"skipped": 5`) {
		t.Errorf("second run --json: exit %d\n%s", code, out2)
	}
}

// The password of protected workbooks comes from the environment variable the
// config file names; it is never needed on the command line.
func TestWorkbookPasswordFromConfig(t *testing.T) {
	dir := t.TempDir()
	src, err := excelize.OpenFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "华东销售部_2025Q3.xlsx")
	if err := src.SaveAs(book, excelize.Options{Password: "复盘2025"}); err != nil {
		t.Fatal(err)
	}
	_ = src.Close()
	// The operator's settings live apart from the teams' folder.
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("workbooks:\n  password_env: FUPAN_TEST_BOOK_PASSWORD\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "validate", "--config", cfg, book)
	if code != 1 || !strings.Contains(out, "file-encrypted") {
		t.Errorf("without the variable: exit %d\n%s", code, out)
	}
	t.Setenv("FUPAN_TEST_BOOK_PASSWORD", "复盘2025")
	out, _, code = runCLI(t, "validate", "--config", cfg, book)
	if code != 0 || !strings.Contains(out, "0 个错误") {
		t.Errorf("with the variable: exit %d\n%s", code, out)
	}
}

// A file over the size limit is refused before it is read.
func TestFileSizeLimit(t *testing.T) {
	out, _, code := runCLI(t, "validate", "--max-file-size", "1000", "../../samples/华东销售部_2025Q3.xlsx")
	if code != 1 || !strings.Contains(out, "file-too-large") || !strings.Contains(out, "超过大小上限") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// inspect's totals line writes the budget as its rows do (预算 5万 · 1人 … 预算合计: 16万),
// not as a bare 160000 beside them.
func TestInspectBudgetAsItsRows(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"../../samples/华东销售部_2025Q3.xlsx", "预算合计: 16万"},
		{"../../samples/East-China-Sales_2025Q3.xlsx", "160,000"},
	} {
		out, stderr, code := runCLI(t, "inspect", tc.file)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.file, code, stderr)
		}
		if !strings.Contains(out, tc.want) || strings.Contains(out, "160000") {
			t.Errorf("%s: want %q in the totals, no bare 160000:\n%s", tc.file, tc.want, out)
		}
	}
}
