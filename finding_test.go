package fupan_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// findingBooks are workbooks with many findings: the invalid samples and the
// seed with its problems made worse (no actions, a second owner, a stated
// achievement that differs, an unreadable actual, a metric named with HTML's
// characters).
func findingBooks() map[string]xlsx.Book {
	books := map[string]xlsx.Book{}
	for _, inv := range samples.Invalids() {
		books[inv.Name] = inv.Book
	}
	r := samples.SeedSimplifiedCopy()
	r.Acts.Rows = nil
	r.Plan.Rows[0][2] = "张三、李四"
	r.Outcome.Rows[1][0] = "新客户<获取量> & 质量"
	r.Outcome.Rows[0][2] = "大约很多"
	r.Outcome.Rows[1][3] = "55%"
	books["华东销售部_2025Q3.xlsx"] = samples.PerSheet(r)
	return books
}

// A finding keeps its key and arguments and is rendered when shown: the
// findings of a workbook analysed in Simplified Chinese, shown in another
// language, say what the same workbook analysed in that language says, with
// the team's own words as written.
func TestFindingRendersInTheReadersLanguage(t *testing.T) {
	seen := map[fupan.Code]bool{}
	for name, b := range findingBooks() {
		wb := grid(t, name, b)
		zh := fupan.Analyze(wb, fupan.Options{Lang: fupan.Simplified})
		for _, l := range []fupan.Lang{fupan.Traditional, fupan.English} {
			other := fupan.Analyze(grid(t, name, b), fupan.Options{Lang: l})
			if len(other.Findings) != len(zh.Findings) {
				t.Fatalf("%s in %s: %d findings, %d in Simplified", name, l, len(other.Findings), len(zh.Findings))
			}
			for i, f := range zh.Findings {
				want, got := other.Findings[i], f.In(l)
				if got.Message() != want.Message() || got.Hint() != want.Hint() {
					t.Errorf("%s: %s shown in %s:\n got  %q / %q\n want %q / %q", name, f.Code, l, got.Message(), got.Hint(), want.Message(), want.Hint())
				}
				for _, text := range []string{got.Message(), got.Hint(), f.Message(), f.Hint()} {
					if strings.Contains(text, "%!") {
						t.Errorf("%s: %s: a verb without its value: %q", name, f.Code, text)
					}
				}
				if l == fupan.English {
					// Without the team's words, an English text has no Chinese.
					rest := got.Message() + " " + got.Hint()
					for _, w := range teamWords(b) {
						rest = strings.ReplaceAll(rest, w, "")
					}
					if strings.ContainsFunc(rest, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
						t.Errorf("%s: %s in English still has Chinese beside the team's words: %q", name, f.Code, rest)
					}
				}
				seen[f.Code] = true
			}
		}
	}
	// The books give the codes whose arguments are the catalogue's words:
	// table titles, column names, lists joined by the language's separator.
	for _, c := range []fupan.Code{fupan.CodeColumnMissing, fupan.CodeOwnerNotSingle, fupan.CodeValueUnread, fupan.CodeStatedAchievement, fupan.CodeMissedNoActions} {
		if !seen[c] {
			t.Errorf("no book gave %s: the test shows less than it says", c)
		}
	}
}

// Scripts read findings as JSON with their message and hint; a finding read
// back keeps the words it was written with and writes them again unchanged.
func TestFindingJSON(t *testing.T) {
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", findingBooks()["华东销售部_2025Q3.xlsx"])
	if len(rv.Findings) < 3 {
		t.Fatalf("only %d findings", len(rv.Findings))
	}
	b, err := json.Marshal(rv.Findings)
	if err != nil {
		t.Fatal(err)
	}
	var plain []map[string]string
	if err := json.Unmarshal(b, &plain); err != nil {
		t.Fatal(err)
	}
	for i, f := range rv.Findings {
		want := map[string]string{"severity": string(f.Severity), "code": string(f.Code), "sheet": f.Sheet, "cell": f.Cell, "message": f.Message(), "hint": f.Hint()}
		for k, v := range want {
			if plain[i][k] != v {
				t.Errorf("finding %d: %s is %q, want %q", i, k, plain[i][k], v)
			}
		}
		if len(plain[i]) != len(want) {
			t.Errorf("finding %d: fields %v, want %v", i, plain[i], want)
		}
	}
	var back []fupan.Finding
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(b) {
		t.Errorf("read back and written again:\n%s\nwas\n%s", again, b)
	}
	for i, f := range back {
		if f.In(fupan.English).Message() != rv.Findings[i].Message() || f.Ref != rv.Findings[i].Ref {
			t.Errorf("finding %d read back: %q at %v, want the words as written %q at %v", i, f.In(fupan.English).Message(), f.Ref, rv.Findings[i].Message(), rv.Findings[i].Ref)
		}
	}
	// A metric named with HTML's characters: escaped as json.Marshal does for
	// any string, written as is where the encoder is told so.
	if !strings.Contains(string(b), `新客户\u003c获取量\u003e \u0026 质量`) {
		t.Errorf("json.Marshal: the metric's name not escaped as for any string:\n%s", b)
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rv.Findings); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "新客户<获取量> & 质量") {
		t.Errorf("SetEscapeHTML(false): the metric's name escaped:\n%s", sb.String())
	}
}

// teamWords are the names of a workbook's sheets and the texts of its cells,
// whole and in the parts a list of names or a figure's unit splits into,
// longest first: what a message quotes as written.
func teamWords(b xlsx.Book) []string {
	seen := map[string]bool{}
	for _, sh := range b.Sheets {
		seen[sh.Name] = true
		for _, row := range sh.Rows {
			for _, v := range row {
				text, ok := v.(string)
				if !ok {
					continue
				}
				seen[text] = true
				for _, part := range strings.FieldsFunc(text, func(r rune) bool { return unicode.IsDigit(r) || strings.ContainsRune("、,，/ .%", r) }) {
					seen[part] = true
				}
			}
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		if w != "" {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	return words
}
