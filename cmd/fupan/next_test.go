package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/xuri/excelize/v2"
)

// fupan next on the samples' run, in all three languages: each next
// workbook is named <team>_<next period>.xlsx, reads back through validate
// with one error only, review-not-filled (it is handed out blank), and inspect of it (given the history) lists the seed's
// three actions as mentioned in table 5; its lessons sheet holds other
// teams' lessons on the same metrics.
func TestNextWorkbook(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	next := filepath.Join(root, "next")
	stdout, stderr, code := runCLI(t, "next", out, "-o", next)
	if code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	for _, tc := range []struct{ file, sheet, lessons string }{
		{"华东销售部_2025Q4.xlsx", "表5 上期行动跟进", "其他团队的经验教训"},
		{"華東銷售部(繁體版)_2025Q4.xlsx", "表5 上期行動跟進", "其他團隊的經驗教訓"},
		{"East-China-Sales_2025Q4.xlsx", "5 Follow-up", "Other teams' lessons"},
	} {
		path := filepath.Join(next, tc.file)
		if !strings.Contains(stdout, path) {
			t.Errorf("next did not write %s:\n%s", tc.file, stdout)
			continue
		}
		out, _, code := runCLI(t, "validate", "--json", path)
		var res []struct {
			Errors   int
			Findings []fupan.Finding
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitFailed || res[0].Errors != 1 {
			t.Errorf("%s: validate exit %d, %+v", tc.file, code, res)
		}
		for _, f := range res[0].Findings {
			if f.Severity == fupan.SevError && f.Code != fupan.CodeNotFilled {
				t.Errorf("%s: error %s %s; want only review-not-filled", tc.file, f.Code, f.Message())
			}
		}
		out, stderr, code = runCLI(t, "inspect", "--json", "--history", filepath.Join(root, "fupan-history.sqlite"), path)
		if code != 0 {
			t.Fatalf("inspect %s: exit %d\n%s", tc.file, code, stderr)
		}
		var v struct {
			Meta     struct{ Period string }
			Previous *struct{ Period string }
			Followup []struct {
				Action string
				Ref    *struct{ Sheet, Cell string }
			}
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		if v.Meta.Period != "2025Q4" || v.Previous == nil || v.Previous.Period != "2025Q3" || len(v.Followup) != 3 {
			t.Fatalf("%s: period %s, previous %+v, %d follow-ups", tc.file, v.Meta.Period, v.Previous, len(v.Followup))
		}
		for _, f := range v.Followup {
			if f.Ref == nil || f.Ref.Sheet != tc.sheet {
				t.Errorf("%s: %s is not mentioned in table 5 (%+v)", tc.file, f.Action, f.Ref)
			}
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := x.GetRows(tc.lessons)
		_ = x.Close()
		if err != nil || len(rows) < 2 {
			t.Errorf("%s: lessons sheet %q: %d rows (%v)", tc.file, tc.lessons, len(rows), err)
		}
	}
	// The Simplified team's sheet has the other Simplified variants' lessons
	// on its metrics, never its own.
	x, err := excelize.OpenFile(filepath.Join(next, "华东销售部_2025Q4.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, _ := x.GetRows("其他团队的经验教训")
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	if !strings.Contains(text, "华东销售部(单表版) · 2025Q3") || strings.Contains(text, "|华东销售部 · 2025Q3") {
		t.Errorf("lessons sheet:\n%s", text)
	}
	// The same run gives the same bytes: the facts were once set from a
	// map, in a random order, and the shared strings followed it (four more
	// runs over three files find a random order all but surely).
	for i := range 4 {
		again := filepath.Join(root, fmt.Sprintf("next-%d", i))
		if _, stderr, code := runCLI(t, "next", out, "-o", again); code != 0 {
			t.Fatalf("next again: exit %d\n%s", code, stderr)
		}
		for _, name := range []string{"华东销售部_2025Q4.xlsx", "華東銷售部(繁體版)_2025Q4.xlsx", "East-China-Sales_2025Q4.xlsx"} {
			a, errA := os.ReadFile(filepath.Join(next, name))
			b, errB := os.ReadFile(filepath.Join(again, name))
			if errA != nil || errB != nil || !bytes.Equal(a, b) {
				t.Fatalf("%s: a second next gives other bytes (%v, %v)", name, errA, errB)
			}
		}
	}
	// A period given; a bad one is bad usage.
	if _, stderr, code := runCLI(t, "next", filepath.Join(out, "华东销售部_2025Q3.reviewed.xlsx"), "-o", next, "--period", "2026Q1"); code != 0 {
		t.Errorf("next --period 2026Q1: exit %d\n%s", code, stderr)
	}
	if _, _, code := runCLI(t, "next", out, "-o", next, "--period", "下季度"); code != 2 {
		t.Errorf("next --period 下季度: exit %d, want 2", code)
	}
}
