package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// rawEntries maps a zip's entries to their compressed bytes.
func rawEntries(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// The direct writer copies every part it does not change as the source has
// it compressed, and changes only the sheets with computed cells, the styles,
// the workbook's sheet list, relationships and content types.
func TestReviewedCopiesUnchangedParts(t *testing.T) {
	for _, src := range []string{"../samples/華東銷售部_2025Q3.xlsx", "testdata/libreoffice/華東銷售部_2025Q3.xlsx"} {
		out, _ := writeReviewed(t, src, t.TempDir())
		in, got := rawEntries(t, src), rawEntries(t, out)
		changed := map[string]bool{}
		for name, raw := range in {
			o, ok := got[name]
			if !ok {
				t.Errorf("%s: part %s is gone", src, name)
				continue
			}
			if !bytes.Equal(o, raw) {
				changed[name] = true
			}
		}
		for name := range changed {
			switch {
			case name == "[Content_Types].xml", name == "xl/styles.xml", name == "xl/workbook.xml",
				name == "xl/_rels/workbook.xml.rels", strings.HasPrefix(name, "xl/worksheets/sheet"):
			default:
				t.Errorf("%s: part %s changed", src, name)
			}
		}
		if len(changed) > 7 { // two sheets, styles, workbook, its relationships, content types, the notes' sheet's relationships
			t.Errorf("%s: %d parts changed: %v", src, len(changed), changed)
		}
		if !changed["xl/styles.xml"] || len(got) <= len(in) {
			t.Errorf("%s: no styles or no new parts: %d parts in, %d out", src, len(in), len(got))
		}
	}
}

// A sheet that has notes of the team's keeps them; fupan's note is added
// beside them (through excelize, which merges notes).
func TestReviewedKeepsTeamNotes(t *testing.T) {
	src := editedSample(t, "../samples/华东销售部_2025Q3.xlsx", t.TempDir(), func(f *excelize.File) error {
		return f.AddComment("跟踪", excelize.Comment{Cell: "A2", Author: "张三", Text: "供应商延期"})
	})
	out, rv := writeReviewed(t, src, t.TempDir())
	compareWorkbooks(t, src, out, computedCells(rv))
	all := strings.Join(noteTexts(t, open(t, out), "跟踪"), "\n")
	if !strings.Contains(all, "A2: ") || !strings.Contains(all, "供应商延期") || !strings.Contains(all, "-6.5%") {
		t.Errorf("the team's note and fupan's should both be there:\n%s", all)
	}
}

// A password-protected workbook's reviewed copy is protected with the same
// password, and holds the computed figures.
func TestReviewedProtected(t *testing.T) {
	dir := t.TempDir()
	src := editedSample(t, "../samples/华东销售部_2025Q3.xlsx", dir, func(*excelize.File) error { return nil }, excelize.Options{Password: "复盘2025"})
	opts := xlsx.Options{Password: "复盘2025"}
	wb, err := xlsx.NewReader(opts).Read(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{})
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, writer := range []string{"direct", "source"} {
		var buf bytes.Buffer
		if err := reviewedWriters[writer](context.Background(), &buf, data, rv, xlsx.ReviewedOptions{Reader: opts, Now: time.Now()}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, writer+".xlsx")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := xlsx.NewReader(xlsx.Options{}).Read(context.Background(), out); err == nil {
			t.Errorf("%s: the reviewed copy of a protected workbook opens without its password", writer)
		}
		back, err := xlsx.NewReader(opts).Read(context.Background(), out)
		if err != nil {
			t.Fatal(err)
		}
		checkSeedOutcomes(t, fupan.Analyze(back, fupan.Options{}))
	}
}

// prefixSheets rewrites a workbook's sheets the way some writers (the Open
// XML SDK among them) do: every SpreadsheetML element with a prefix, x:c.
func prefixSheets(t *testing.T, src, dst string) {
	t.Helper()
	tag := regexp.MustCompile(`<(/?)([A-Za-z]+)([\s/>])`)
	repack(t, src, dst, func(name string, b []byte) (string, []byte) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			b = tag.ReplaceAll(b, []byte("<${1}x:${2}${3}"))
			b = bytes.Replace(b, []byte(`xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`), []byte(`xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`), 1)
		}
		return name, b
	})
}

// Sheets whose elements are all prefixed get their computed cells with the
// same prefix: the reviewed copy reads back with the figures filled, through
// fupan's reader and excelize alike, and LibreOffice opens it.
func TestReviewedPrefixedSheets(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "華東銷售部_2025Q3.xlsx")
	prefixSheets(t, "../samples/華東銷售部_2025Q3.xlsx", src)
	out, rv := writeReviewed(t, src, t.TempDir())
	compareWorkbooks(t, src, out, computedCells(rv))
	checkSeedOutcomes(t, readReview(t, out))
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	found := false
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		_ = rc.Close()
		if bytes.Contains(b, []byte("<c ")) && bytes.Contains(b, []byte("<x:row")) {
			t.Errorf("%s mixes unprefixed cells into prefixed rows", f.Name)
		}
		found = found || bytes.Contains(b, []byte(`<x:c r="D3"`))
	}
	if !found {
		t.Error("no prefixed computed cell D3 in the tracking sheet")
	}
	text := testtool.Text(t, testtool.Soffice(t, out, "pdf", t.TempDir()))
	for _, want := range []string{"90.0%", "-9.7%", "+20.0%"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice shows no %s in the reviewed copy of prefixed sheets", want)
		}
	}
}

// A workbook that has a sheet named like the conclusion sheet (in another
// case) keeps it; the conclusion sheet takes the next free name.
func TestReviewedConclusionNameTaken(t *testing.T) {
	taken := strings.ToLower(catalog.T(fupan.English, "conclusion"))
	src := editedSample(t, "../samples/East-China-Sales_2025Q3.xlsx", t.TempDir(), func(f *excelize.File) error {
		_, err := f.NewSheet(taken)
		return err
	})
	for writer, write := range reviewedWriters {
		out, _ := writeReviewedWith(t, src, t.TempDir(), write)
		got := open(t, out).GetSheetList()
		want := catalog.T(fupan.English, "conclusion") + " 2"
		if got[len(got)-2] != taken || got[len(got)-1] != want {
			t.Errorf("%s: sheets %q; want %q kept and %q added", writer, got, taken, want)
		}
	}
}

// editedSample saves a copy of a sample workbook into dir after edit, with
// the save options given (a password), and returns its path.
func editedSample(t *testing.T, sample, dir string, edit func(f *excelize.File) error, opts ...excelize.Options) string {
	t.Helper()
	f, err := excelize.OpenFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, filepath.Base(sample))
	if err := f.SaveAs(dst, opts...); err != nil {
		t.Fatal(err)
	}
	return dst
}
