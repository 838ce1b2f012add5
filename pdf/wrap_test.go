package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
)

var wrapTexts = []string{
	"新客戶獲取成本超預算30%,轉化率未達預期。教訓:地推活動客群畫像需更精準,需提前做小范圍測試;「老帶新」激勵政策效果顯著!",
	"Acquisition cost 30% over budget, conversion below plan (see the field-event audience analysis).",
	"任務1未按時完成,因需求變更導致返工2次。Deadline moved to 2025-09-30 because the CRM vendor delayed the API。",
	strings.Repeat("線上推廣素材吸引力不足,", 40),
	"Supercalifragilisticexpialidociousandevenlongerwordsthatcannotbreak 短",
	"((((「「「『『『括號」」」』』』))))",
	"、。,;:!?",
	"",
	"一\n二\n\n三",
}

func testDoc(t *testing.T) *doc {
	t.Helper()
	d, err := newDoc(Options{}, fupan.Traditional)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	return d
}

// noSpace drops white space and the hyphens (U+2010) wrap adds where it
// breaks a word: what is left is the text's own characters.
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u2010' {
			return -1
		}
		return r
	}, s)
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	d := testDoc(t)
	for _, text := range wrapTexts {
		for _, w := range []float64{4, 12, 25, 40, 90, 180} {
			lines := d.wrap(text, w)
			if got, want := noSpace(strings.Join(lines, "")), noSpace(text); got != want {
				t.Fatalf("wrap(%q, %v) lost text:\n got %q\nwant %q", text, w, got, want)
			}
			for i, l := range lines {
				rs := []rune(l)
				if len(rs) == 0 {
					continue
				}
				// A line may overhang by one closing punctuation mark at most.
				if lw := d.width(l); lw > w+d.width("。")+0.01 && len(rs) > 1 {
					t.Errorf("wrap(%q, %v): line %d %q is %.1f wide", text, w, i, l, lw)
				}
				// Kinsoku holds wherever a line can hold the punctuation with its neighbour.
				if fits(d, text, w) && i > 0 && strings.ContainsRune(noLineStart, rs[0]) {
					t.Errorf("wrap(%q, %v): line %d %q starts with closing punctuation", text, w, i, l)
				}
			}
		}
	}
}

// fits reports whether every unbreakable cluster of the text fits the width;
// where one does not, it is broken between characters and the rules give way.
func fits(d *doc, text string, w float64) bool {
	for _, c := range clusters(text, units(text)) {
		if d.width(c.text) > w {
			return false
		}
	}
	return true
}

// Lines as a reader expects them: Latin words whole, a word wider than the
// column hyphenated, a date, a number and its unit never parted where a break
// can go elsewhere, and a range broken between its two ends. (The test it
// replaces passed with every letter split apart.)
func TestWrapLatinWordsWhole(t *testing.T) {
	d := testDoc(t)
	for _, tc := range []struct {
		text string
		w    float64
		want []string
	}{
		{"Acquisition cost 30% over budget, conversion below plan", 30, []string{"Acquisition cost 30%", "over budget,", "conversion below", "plan"}},
		{"Acquisition cost 30% over budget, conversion below plan", 20, []string{"Acquisition", "cost 30% over", "budget,", "conversion", "below plan"}},
		{"Acquisition cost 30% over budget, conversion below plan", 14, []string{"Acquisiti\u2010", "on cost", "30% over", "budget,", "conversi\u2010", "on below", "plan"}},
		{"2026年3月14日前完成", 14, []string{"2026年", "3月14日", "前完成"}},
		{"计划于2026年3月14日前完成", 30, []string{"计划于", "2026年3月14日前完", "成"}},
		{"点击率仅2.5%,低于预期", 16, []string{"点击率仅", "2.5%,低于", "预期"}},
		{"销售额1200万元", 14, []string{"销售额", "1200万元"}},
		{"7.1-7.31", 9, []string{"7.1-", "7.31"}},
	} {
		if got := d.wrap(tc.text, tc.w); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %v) = %q, want %q", tc.text, tc.w, got, tc.want)
		}
	}
}

// Drawn into a PDF, long wrapped cells keep every character (gofpdf's own
// line breaking, used once, dropped one at each break).
func TestWrappedTableInPDF(t *testing.T) {
	testtool.Require(t, "pdftotext")
	d := testDoc(t)
	cols := []column{{title: "A", share: 1, align: "L"}, {title: "B", share: 2, align: "L"}, {title: "C", share: 1, align: "L"}}
	var rows [][]cell
	var all strings.Builder
	for i := 0; i+2 < len(wrapTexts); i += 3 {
		rows = append(rows, []cell{{text: wrapTexts[i]}, {text: wrapTexts[i+1]}, {text: wrapTexts[i+2]}})
		all.WriteString(wrapTexts[i] + wrapTexts[i+1] + wrapTexts[i+2])
	}
	d.table(cols, rows)
	var buf bytes.Buffer
	if err := d.finish(&buf, "wrap"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wrap.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[rune]int{}
	for _, r := range testtool.Text(t, path) {
		got[r]++
	}
	want := map[rune]int{}
	for _, r := range noSpace(all.String()) {
		want[r]++
	}
	for r, n := range want {
		if got[r] < n {
			t.Errorf("%q: %d in the PDF, %d in the cells", r, got[r], n)
		}
	}
}

// A 30,000-character cell (one unbroken "word" and one long Chinese text)
// wraps without losing a character, and the report is cut to a page with a note.
func TestHugeCell(t *testing.T) {
	d := testDoc(t)
	for _, text := range []string{strings.Repeat("x", 30000), strings.Repeat("新客戶獲取成本超預算,", 3000)} {
		lines := d.wrap(text, 50)
		if noSpace(strings.Join(lines, "")) != noSpace(text) {
			t.Fatal("characters lost")
		}
		d.table([]column{{title: "A", share: 1, align: "L"}}, [][]cell{{{text: text}}})
	}
	var buf bytes.Buffer
	if err := d.finish(&buf, "huge"); err != nil {
		t.Fatal(err)
	}
}

// A text cut to its box keeps the whole note saying where the rest is,
// inside the box: table 3's cell ended "……（内容过长，完整内容见工" with
// "作簿）" past its border.
func TestCutNoteInsideTheBox(t *testing.T) {
	for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
		d, err := newDoc(Options{}, l)
		if err != nil {
			t.Fatal(err)
		}
		d.newPage()
		d.setSize(8.5)
		const w = 22.0 // a narrow column of table 3
		lines := d.cutLines(d.wrap(strings.Repeat("线上推广素材吸引力不足,点击率仅2.5%。", 400), w), 20, w)
		if len(lines) != 20 {
			t.Errorf("%s: %d lines, want 20", l, len(lines))
		}
		for _, line := range lines {
			if d.width(line) > w+0.01 {
				t.Errorf("%s: %q is %.1f mm wide, its box %.1f mm", l, line, d.width(line), w)
			}
		}
		note := catalog.T(l, "text.too-long")
		if got := strings.Join(lines, ""); !strings.HasSuffix(noSpace(got), noSpace(note)) {
			t.Errorf("%s: the cut text does not end with the whole note %q: …%q", l, note, lines[len(lines)-3:])
		}
	}
}

// A number and its unit written apart ("逾期 92 天，来自 2025Q2", the
// follow-up's age in a status cell) are not parted at the space between.
func TestWrapNumberWithSpacedUnit(t *testing.T) {
	d := testDoc(t)
	d.setSize(8.5)
	text := "逾期 92 天，来自 2025Q2"
	w := d.width("逾期 92 天，") + 0.5
	for name, lines := range map[string][]string{"wrap": d.wrap(text, w), "wrapWords": d.wrapWords(text, w)} {
		for _, l := range lines {
			if strings.HasSuffix(l, "92") || strings.HasPrefix(l, "天") {
				t.Errorf("%s(%q, %.1f) = %q: 92 parted from 天", name, text, w, lines)
			}
		}
	}
}

// A closing quote goes with the word it closes ("老带新”" never leaves ”
// to start a line), and an apostrophe inside a word keeps it whole.
func TestWrapQuotes(t *testing.T) {
	d := testDoc(t)
	d.setSize(8.5)
	for _, k := range []int{0, 1, 2, 3, 4, 5} {
		text := strings.Repeat("因", k) + "客户经理推出“老带新”激励政策"
		for _, w := range []float64{10, 12, 14, 16} {
			for i, l := range d.wrap(text, w) {
				if i > 0 && strings.HasPrefix(l, "”") {
					t.Errorf("wrap(%q, %v): a line starts with ”: %q", text, w, l)
				}
			}
		}
	}
	if got := d.wrap("the team’s plan", d.width("the team’s")+0.5); got[0] != "the team’s" {
		t.Errorf("the team’s broken at its apostrophe: %q", got)
	}
}
