package pdf

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
	"github.com/fupan-review/fupan/xlsx"
)

// The character list foresees what a report draws: one pass, no character the
// subset lacks, for every sample in its own language and in the others.
func TestCharacterListComplete(t *testing.T) {
	font, err := DefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"../samples/華東銷售部_2025Q3.xlsx", "../samples/华东销售部_2025Q3.xlsx", "../samples/East-China-Sales_2025Q3.xlsx", "../samples/invalid/无法识别的值_2025Q3.xlsx"} {
		wb, err := xlsx.ReadFile(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		rv := fupan.Analyze(wb, fupan.Options{})
		for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
			d, err := newDoc(Options{Font: font}, l, reviewChars(rv, l))
			if err != nil {
				t.Fatal(err)
			}
			d.note(d.report(rv, time.Now()))
			if len(d.missing) > 0 {
				var m []rune
				for r := range d.missing {
					m = append(m, r)
				}
				t.Errorf("%s in %s: characters not foreseen: %q", s, l, string(m))
			}
		}
	}
}

// Every character of the samples, the template and the labels is in the
// font: nothing is ever drawn as an empty box.
func TestFontCoversSamplesAndTemplate(t *testing.T) {
	font, err := DefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
		texts = append(texts, templates.AllText(l)...)
		for _, ins := range templates.Instructions() {
			texts = append(texts, ins.In(l))
		}
		for _, spec := range templates.Template() {
			for _, c := range spec.Columns {
				texts = append(texts, c.Hint.In(l))
			}
		}
	}
	files, _ := os.ReadDir("../samples")
	for _, f := range files {
		if f.IsDir() {
			continue
		}
		wb, err := xlsx.ReadFile(context.Background(), "../samples/"+f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range wb.Sheets {
			for _, row := range s.Rows {
				for _, c := range row {
					texts = append(texts, c.Text)
				}
			}
		}
	}
	for _, text := range texts {
		for _, r := range text {
			if r >= ' ' && !font.index.has(r) {
				t.Errorf("the font has no glyph for %q (in %q)", r, text)
			}
		}
	}
}

// A subset is a font gofpdf reads back: its characters map to glyphs with the
// original widths.
func TestSubsetRoundTrip(t *testing.T) {
	fi, err := indexFont(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	chars := []rune("復盤报告ABC 123《》,。")
	sub, err := indexFont(fi.subset(chars))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chars {
		g0, ok0 := fi.cmap[c]
		g1, ok1 := sub.cmap[c]
		if ok0 != ok1 || ok0 && fi.advance[g0] != sub.advance[g1] {
			t.Errorf("%q: glyph %d (width %d) became %d (width %d)", c, g0, fi.advance[g0], g1, sub.advance[g1])
		}
	}
	// Composite glyphs bring their parts along, but the subset stays small.
	if sub.numGlyphs > 2*len(chars)+1 {
		t.Errorf("the subset has %d glyphs for %d characters", sub.numGlyphs, len(chars))
	}
	if _, err := indexFont(defaultFont[:5000]); err == nil {
		t.Error("a font cut short was taken for a font")
	}
}
