package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// repack copies a package entry by entry, letting each change its name and
// bytes (name "" drops it) and adding extra entries at the end.
func repack(t *testing.T, src, dst string, each func(name string, b []byte) (string, []byte), extra ...[2]string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		name, nb := each(f.Name, b)
		if name == "" {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(nb)
	}
	for _, e := range extra {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Deflate})
		_, _ = w.Write([]byte(e[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := []byte{0xFF, 0xFE}
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

// Packages written by other tools than Excel and read by Excel: fupan reads
// them as the seed (the same review), where it refused them before.
func TestPackagesOtherToolsWrite(t *testing.T) {
	const seed = "../samples/华东销售部_2025Q3.xlsx"
	keep := func(n string, b []byte) (string, []byte) { return n, b }
	for _, tc := range []struct {
		name string
		each func(string, []byte) (string, []byte)
	}{
		// Part names compare without regard to case (ECMA-376 Part 2, 6.2.2.3).
		{"SharedStrings.xml", func(n string, b []byte) (string, []byte) {
			if n == "xl/sharedStrings.xml" {
				return "xl/SharedStrings.xml", b
			}
			return n, b
		}},
		// Some Windows tools write entries with backslashes; Excel opens them.
		{"backslashes", func(n string, b []byte) (string, []byte) { return strings.ReplaceAll(n, "/", `\`), b }},
		// Excel Mobile writes parts in UTF-16.
		{"UTF-16 parts", func(n string, b []byte) (string, []byte) {
			if n == "xl/sharedStrings.xml" || n == "xl/workbook.xml" {
				return n, utf16le(strings.Replace(string(b), `encoding="UTF-8"`, `encoding="UTF-16"`, 1))
			}
			return n, b
		}},
		{"unchanged", keep},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
			repack(t, seed, dst, tc.each)
			rv := readReview(t, dst)
			checkSeed(t, rv, fupan.Simplified)
			if rv.HasErrors() {
				t.Errorf("errors: %v", rv.Findings)
			}
			// Its reviewed copy opens, with the computed cells filled.
			for writer, write := range reviewedWriters {
				out, _ := writeReviewedWith(t, dst, t.TempDir(), write)
				f, err := excelize.OpenFile(out)
				if err != nil {
					t.Errorf("%s: the reviewed copy does not open: %v", writer, err)
					continue
				}
				if v, _ := f.GetCellValue("成果", "D3"); v == "" || len(f.GetSheetList()) != 5 {
					t.Errorf("%s: 成果!D3 %q, sheets %v", writer, v, f.GetSheetList())
				}
				_ = f.Close()
			}
		})
	}
}

// Cells as other writers put them: Excel's _xHHHH_ escapes, a phonetic guide
// inside an inline string, a shared string index past the table. fupan reads
// what excelize reads, but for the surrogate pair, which excelize drops.
func TestCellTextsAsExcelizeReadsThem(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c><c r="B2" t="s"><v>99</v></c><c r="C2" t="inlineStr"><is><t>x_x000D_y</t></is></c></row>
</sheetData></worksheet>`
	shared := `<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>李四_x000D_</t></si><si><t>优化线上推广渠道_x000D_
(抖音/小红书)</t></si><si><t xml:space="preserve">_x005F_x000D_ 与 a_x0001_b</t></si></sst>`
	dst := filepath.Join(t.TempDir(), "escapes.xlsx")
	repack(t, "../samples/华东销售部_2025Q3.xlsx", dst, func(n string, b []byte) (string, []byte) {
		switch n {
		case "xl/worksheets/sheet1.xml":
			return n, []byte(sheet)
		case "xl/sharedStrings.xml":
			return n, []byte(shared)
		}
		return n, b
	})
	wb, err := xlsx.ReadFile(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	want, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	got := wb.Sheets[0].Rows
	for r, row := range want {
		for c, w := range row {
			g := ""
			if r < len(got) && c < len(got[r]) {
				g = got[r][c].Text
			}
			if g != w {
				t.Errorf("row %d col %d: fupan %q, excelize %q", r+1, c+1, g, w)
			}
		}
	}
	if got[0][0].Text != "李四\r" || got[1][0].Text != "東京" || !got[1][1].IsBlank() {
		t.Errorf("A1 %q A2 %q B2 %q", got[0][0].Text, got[1][0].Text, got[1][1].Text)
	}
}

// A package that is unsafe or broken is refused, not read nor copied: entries
// with .., absolute or drive-letter names, two entries for one part, a
// DOCTYPE in any part (also in those only copied into the reviewed copy).
func TestUnsafePackagesRefused(t *testing.T) {
	const seed = "../samples/华东销售部_2025Q3.xlsx"
	keep := func(n string, b []byte) (string, []byte) { return n, b }
	for _, tc := range []struct {
		name  string
		each  func(string, []byte) (string, []byte)
		extra [][2]string
	}{
		{"dot-dot entry", keep, [][2]string{{"../../etc/cron.d/x", "* * * * * root id"}}},
		{"absolute entry", keep, [][2]string{{"/etc/passwd", "x"}}},
		{"drive letter", keep, [][2]string{{`C:\Windows\x.xml`, "<a/>"}}},
		{"duplicate part", keep, [][2]string{{"XL/workbook.xml", "<workbook/>"}}},
		{"DOCTYPE in docProps", func(n string, b []byte) (string, []byte) {
			if n == "docProps/core.xml" {
				return n, bytes.Replace(b, []byte("?>"), []byte(`?><!-- padding --><!DOCTYPE x [<!ENTITY a "aaaa">]>`), 1)
			}
			return n, b
		}, nil},
		{"DOCTYPE in a part nobody reads", keep, [][2]string{{"customXml/item9.xml", `<?xml version="1.0"?>` + "\n" + `<!DOCTYPE r SYSTEM "http://example.invalid/x.dtd"><r/>`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "x_2025Q3.xlsx")
			repack(t, seed, dst, tc.each, tc.extra...)
			_, err := xlsx.ReadFile(context.Background(), dst)
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Code != fupan.CodeFileUnreadable {
				t.Fatalf("%v; want file-unreadable", err)
			}
			if msg := fe.Finding(fupan.Simplified).Message(); !strings.Contains(msg, "不安全") {
				t.Errorf("finding %q", msg)
			}
		})
	}
}
