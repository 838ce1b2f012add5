package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/xlsx"
)

// makeTTC puts TrueType fonts into one collection, as .ttc files are.
func makeTTC(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	head := 12 + 4*len(fonts)
	var body bytes.Buffer
	offsets := make([]int, len(fonts))
	for i, f := range fonts {
		offsets[i] = head + body.Len()
		num := int(be16(f, 4))
		dir := append([]byte{}, f[:12+16*num]...)
		tablesAt := head + body.Len() + len(dir)
		var tables bytes.Buffer
		for k := 0; k < num; k++ {
			rec := 12 + 16*k
			off, length := int(be32(f, rec+8)), int(be32(f, rec+12))
			binary.BigEndian.PutUint32(dir[rec+8:], uint32(tablesAt+tables.Len()))
			tables.Write(f[off : off+length])
			for tables.Len()%4 != 0 {
				tables.WriteByte(0)
			}
		}
		body.Write(dir)
		body.Write(tables.Bytes())
	}
	out := []byte("ttcf\x00\x01\x00\x00")
	out = binary.BigEndian.AppendUint32(out, uint32(len(fonts)))
	for _, o := range offsets {
		out = binary.BigEndian.AppendUint32(out, uint32(o))
	}
	return append(out, body.Bytes()...)
}

// latinFace is the embedded font cut down to ASCII: a face that lacks every
// Chinese character.
func latinFace(t *testing.T) []byte {
	t.Helper()
	fi, err := indexFont(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	glyphs, cmap := []uint16{0}, map[rune]uint16{}
	for r := rune(' '); r < 0x7F; r++ {
		if g := fi.cmap.glyph(r); g != 0 {
			cmap[r] = uint16(len(glyphs))
			glyphs = append(glyphs, g)
		}
	}
	_, tables := fi.subset(glyphs, cmap)
	return tables.bytes()
}

// --font takes a face of a TrueType collection (.ttc), face 0 by default or
// file.ttc:N; the characters a face lacks are drawn with the embedded font,
// never as empty boxes.
func TestCollectionFacesAndFallback(t *testing.T) {
	dir := t.TempDir()
	ttc := filepath.Join(dir, "org.ttc")
	if err := os.WriteFile(ttc, makeTTC(t, defaultFont, latinFace(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), "../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{})
	for _, tc := range []struct {
		path  string
		fonts int // embedded in the PDF
	}{
		{ttc, 1},        // face 0: the whole font
		{ttc + ":1", 2}, // the Latin face, and the embedded font for the rest
	} {
		f, err := LoadFont(tc.path)
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if f, err = f.Ready(); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteReport(&buf, rv, Options{Font: f, Now: time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		out := filepath.Join(dir, strings.ReplaceAll(filepath.Base(tc.path), ":", "-")+".pdf")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		testtool.Require(t, "pdftotext")
		text := testtool.Text(t, out)
		for _, want := range []string{"《策略复盘报告》", "华东销售部", "优化线上推广渠道", "2025Q3"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF's text lacks %q", tc.path, want)
			}
		}
		fonts := testtool.Run(t, "pdffonts", out)
		if n := strings.Count(fonts, "CID TrueType"); n != tc.fonts {
			t.Errorf("%s: %d fonts embedded; want %d\n%s", tc.path, n, tc.fonts, fonts)
		}
	}
	if os.Getenv("FUPAN_KEEP") != "" {
		_ = os.CopyFS(os.Getenv("FUPAN_KEEP"), os.DirFS(dir))
	}
	if _, err := LoadFont(ttc + ":2"); err == nil || !strings.Contains(err.Error(), "has 2 faces") {
		t.Errorf("face 2 of 2: %v", err)
	}
}

// A character beyond the Basic Multilingual Plane, wherever it stands (a
// team name, a cell), is drawn as a visible "?": fpdf panicked on it.
func TestCharactersBeyondBMPDrawn(t *testing.T) {
	wb, err := xlsx.ReadFile(context.Background(), "../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{Team: "𠮷野家🎉团队"})
	rv.Meta.Team = "𠮷野家🎉团队"
	rv.Plan[0].Task = "开展𠮷野家区域地推活动"
	var buf bytes.Buffer
	if err := WriteReport(&buf, rv, Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, out)), "")
	for _, want := range []string{"?野家?团队", "开展?野家区域地推活动"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
