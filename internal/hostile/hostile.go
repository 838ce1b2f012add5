// Package hostile makes the hostile workbooks fupan must refuse quickly and
// within bounded memory: written by hand as zip packages, small on disk and
// huge once read. The tests and bench/hostile use the same ones.
package hostile

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

const (
	rels     = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" r:id="rA"/></sheets></workbook>`
	wbRels   = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	types    = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	sheetNS  = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
)

// pack writes a one-sheet package whose sheet and shared strings parts are
// streamed from the writers given.
func pack(sheet, shared func(w io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"[Content_Types].xml", text(types)},
		{"_rels/.rels", text(rels)},
		{"xl/workbook.xml", text(workbook)},
		{"xl/_rels/workbook.xml.rels", text(wbRels)},
		{"xl/worksheets/sheet1.xml", sheet},
		{"xl/sharedStrings.xml", shared},
	} {
		w, err := zw.Create(p.name)
		if err != nil {
			return nil, err
		}
		if err := p.write(w); err != nil {
			return nil, fmt.Errorf("%s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// repeatTo writes s n times.
func repeatTo(w io.Writer, s string, n int) error {
	chunk := strings.Repeat(s, max(1, 1<<16/max(1, len(s))))
	per := len(chunk) / len(s)
	for n > 0 {
		k := min(n, per)
		if _, err := io.WriteString(w, chunk[:k*len(s)]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// HugeSharedString is a workbook whose one shared string holds chars
// characters, used by cells cells of column A (100 MB in 105 KB; or 1 MB in
// 12,000 cells).
func HugeSharedString(chars, cells int) ([]byte, error) {
	return pack(func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetNS); err != nil {
			return err
		}
		for r := 1; r <= cells; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>0</v></c></row>`, r, r); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}, func(w io.Writer) error {
		if _, err := io.WriteString(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`); err != nil {
			return err
		}
		if err := repeatTo(w, "复", chars); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</t></si></sst>`)
		return err
	})
}

// HugeInlineString is a workbook whose cell A1 holds chars characters inline.
func HugeInlineString(chars int) ([]byte, error) {
	return pack(func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetNS+`<row r="1"><c r="A1" t="inlineStr"><is><t>`); err != nil {
			return err
		}
		if err := repeatTo(w, "盘", chars); err != nil {
			return err
		}
		_, err := io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
		return err
	}, text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))
}

// ManyCells is a workbook of n numeric cells, 20 to a row (4.4 million in
// 13 MB).
func ManyCells(n int) ([]byte, error) {
	return pack(func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetNS); err != nil {
			return err
		}
		const cols = "ABCDEFGHIJKLMNOPQRST"
		for i := 0; i < n; i += len(cols) {
			r := i/len(cols) + 1
			if _, err := fmt.Fprintf(w, `<row r="%d">`, r); err != nil {
				return err
			}
			for j := 0; j < len(cols) && i+j < n; j++ {
				if _, err := fmt.Fprintf(w, `<c r="%c%d"><v>%d</v></c>`, cols[j], r, j); err != nil {
					return err
				}
			}
			if _, err := io.WriteString(w, `</row>`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}, text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))
}

// SparseWide is a workbook with one number in column XFD, the last, of each
// of rows rows (12 KB for 1,000 rows): each row implies 16,384 cells.
func SparseWide(rows int) ([]byte, error) {
	return pack(func(w io.Writer) error {
		if _, err := io.WriteString(w, sheetNS); err != nil {
			return err
		}
		for r := 1; r <= rows; r++ {
			if _, err := fmt.Fprintf(w, `<row r="%d"><c r="XFD%d"><v>%d</v></c></row>`, r, r, r); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</sheetData></worksheet>`)
		return err
	}, text(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`))
}

// UnusedSharedStrings is a workbook of one cell whose shared string table
// holds n different strings, all but the first used by no cell.
func UnusedSharedStrings(n int) ([]byte, error) {
	return pack(text(sheetNS+`<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`), func(w io.Writer) error {
		if _, err := fmt.Fprintf(w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="%d">`, n); err != nil {
			return err
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		for i := 0; i < n; i++ {
			if _, err := fmt.Fprintf(bw, `<si><t>%d</t></si>`, i); err != nil {
				return err
			}
		}
		_, err := io.WriteString(bw, `</sst>`)
		if err == nil {
			err = bw.Flush()
		}
		return err
	})
}

// Edit copies the workbook package src, each entry's content passed through
// edit (nil keeps it), then adds extra empty entries named extra-N.bin.
func Edit(src []byte, edit func(name string, x []byte) []byte, extra int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		x, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, err
		}
		if edit != nil {
			x = edit(f.Name, x)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(x); err != nil {
			return nil, err
		}
	}
	for i := 0; i < extra; i++ {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("extra-%d.bin", i), Method: zip.Store}); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ManyMerges is the workbook src with n more merged ranges (two cells each,
// below its data) in the sheet part named.
func ManyMerges(src []byte, part string, n int) ([]byte, error) {
	return Edit(src, func(name string, x []byte) []byte {
		if name != part {
			return x
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"/>`, 1000+i, 1000+i)
		}
		if i := bytes.Index(x, []byte("</mergeCells>")); i >= 0 {
			return append(append(append([]byte{}, x[:i]...), b.String()...), x[i:]...)
		}
		i := bytes.Index(x, []byte("</sheetData>")) + len("</sheetData>")
		return append(append(append([]byte{}, x[:i]...), "<mergeCells>"+b.String()+"</mergeCells>"...), x[i:]...)
	}, 0)
}
