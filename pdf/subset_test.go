package pdf

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/xlsx"
)

// Every character a report draws is in its font subset, under the glyph
// number the page's text uses, with its width: for every sample in its own
// language and in the others.
func TestSubsetHoldsWhatIsDrawn(t *testing.T) {
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
			d, err := newDoc(Options{Font: font}, l)
			if err != nil {
				t.Fatal(err)
			}
			d.report(rv, time.Now())
			checkSubset(t, d.pdf, s+" in "+string(l))
			if len(d.pdf.gid) < 60 {
				t.Errorf("%s in %s: only %d characters drawn", s, l, len(d.pdf.gid))
			}
		}
	}
}

// checkSubset builds the canvas's font subset and reads it back.
func checkSubset(t *testing.T, c *canvas, what string) {
	t.Helper()
	glyphs, tables := c.font.subset(c.glyphs, c.gid)
	file := tables.bytes()
	if len(file) != tables.size() {
		t.Errorf("%s: the font file is %d bytes, its PDF stream declares %d", what, len(file), tables.size())
	}
	sub, err := indexFont(file)
	if err != nil {
		t.Fatalf("%s: the subset is not a font: %v", what, err)
	}
	// Each table's checksum is the one its directory entry states.
	for i := 0; i < int(be16(file, 4)); i++ {
		rec := 12 + 16*i
		tag, off, length := string(file[rec:rec+4]), int(be32(file, rec+8)), int(be32(file, rec+12))
		if off%4 != 0 {
			t.Errorf("%s: table %s starts at %d, not 4-aligned", what, tag, off)
		}
		if got, want := checksum(file[off:off+length]), be32(file, rec+4); got != want {
			t.Errorf("%s: table %s sums to %#x; its directory says %#x", what, tag, got, want)
		}
	}
	// Each glyph is the font's own, but for padding and renumbered parts.
	for i, g := range glyphs {
		orig, got := c.font.glyph(int(g)), sub.glyph(i)
		if parts, _ := components(orig); len(parts) == 0 && (!bytes.HasPrefix(got, orig) || len(got)-len(orig) > 3) {
			t.Errorf("%s: glyph %d (was %d) is %d bytes; the font's is %d", what, i, g, len(got), len(orig))
		}
	}
	if sub.numGlyphs != len(glyphs) {
		t.Errorf("%s: the subset has %d glyphs, the PDF declares %d", what, sub.numGlyphs, len(glyphs))
	}
	for r, g := range c.gid {
		orig := c.font.cmap.glyph(r)
		if sub.cmap.glyph(r) != g || sub.advance[g] != c.font.advance[orig] {
			t.Errorf("%s: %q is drawn as glyph %d; the subset has it as %d, width %d (was %d)", what, r, g, sub.cmap.glyph(r), sub.advance[sub.cmap.glyph(r)], c.font.advance[orig])
		}
	}
}

// Every character of the samples and of the catalogues is in the
// font: nothing is ever drawn as an empty box.
func TestFontCoversSamplesAndTemplate(t *testing.T) {
	font, err := DefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
		for _, key := range catalog.Keys(l) {
			texts = append(texts, catalog.T(l, key))
		}
		for _, def := range fupan.Schema() {
			texts = append(texts, def.Title(l))
			for _, c := range def.Columns {
				texts = append(texts, c.Names.In(l))
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

// A subset is a font that reads back: its characters map to the glyph
// numbers the text was drawn with, with the original widths; composite glyphs
// bring their parts along, and the subset stays small.
func TestSubsetRoundTrip(t *testing.T) {
	fi, err := indexFont(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	c := newCanvas(fi, time.Now())
	c.AddPage()
	text := "復盤报告ABC 123《》,。äé"
	c.Text(margin, margin, contentW, 5, text, "L")
	checkSubset(t, c, "text")
	glyphs, _ := fi.subset(c.glyphs, c.gid)
	if n := len([]rune(text)); len(glyphs) > 2*n+1 {
		t.Errorf("the subset has %d glyphs for %d characters", len(glyphs), n)
	}
	if fi.psName != "WenQuanYiMicroHei" {
		t.Errorf("PostScript name %q", fi.psName)
	}
	if _, err := indexFont(defaultFont[:5000]); err == nil {
		t.Error("a font cut short was taken for a font")
	}
}

// bytes is the font file on its own.
func (tables fontTables) bytes() []byte {
	var b bytes.Buffer
	b.Grow(tables.size())
	tables.writeTo(&b)
	return b.Bytes()
}
