package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/xlsx"
)

// handWritten is a workbook as other programs write them: a prefixed
// namespace, cells and rows without r attributes, inline strings, rich text
// with a phonetic guide, an ISO date cell, a shared formula, a hidden sheet and
// a merged range.
func handWritten(t *testing.T) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="false"/><x:sheets><x:sheet name="成果" sheetId="1" r:id="rA"/><x:sheet name="隐藏" sheetId="2" state="hidden" r:id="rB"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/a.xml"/>
<Relationship Id="rB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/b.xml"/>
<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:si><x:t>目标指标</x:t></x:si><x:si><x:r><x:t>计划</x:t></x:r><x:r><x:rPr/><x:t>值</x:t></x:r><x:rPh sb="0" eb="1"><x:t>けいかく</x:t></x:rPh></x:si></x:sst>`,
		"xl/styles.xml": `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
		"xl/worksheets/a.xml": `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>实际值</x:t></x:is></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:r><x:t>华东</x:t></x:r><x:r><x:t>销售额</x:t></x:r></x:is></x:c><x:c><x:v>100</x:v></x:c><x:c><x:f>B2*0.9</x:f><x:v>90</x:v></x:c><x:c s="1"><x:f t="shared" si="0"/><x:v>0.9</x:v></x:c></x:row>
<x:row r="5"><x:c r="C5" t="d"><x:v>2025-07-31T00:00:00</x:v></x:c><x:c r="E5" t="b"><x:v>1</x:v></x:c></x:row>
</x:sheetData><x:mergeCells><x:mergeCell ref="C5:D6"/></x:mergeCells></x:worksheet>`,
		"xl/worksheets/b.xml": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHandWrittenPackage(t *testing.T) {
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "hand.xlsx", handWritten(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Sheets) != 2 || wb.Sheets[0].Name != "成果" || wb.Sheets[0].Hidden || !wb.Sheets[1].Hidden {
		t.Fatalf("sheets %+v", wb.Sheets)
	}
	s := wb.Sheets[0]
	tests := []struct {
		row, col int
		kind     fupan.CellKind
		display  string
		merged   bool
	}{
		{1, 1, fupan.CellText, "目标指标", false},
		{1, 2, fupan.CellText, "计划值", false}, // rich text joined, the phonetic guide left out
		{1, 3, fupan.CellText, "实际值", false},
		{2, 1, fupan.CellText, "华东销售额", false},
		{2, 2, fupan.CellNumber, "100", false},
		{2, 3, fupan.CellNumber, "90", false},
		{2, 4, fupan.CellPercent, "90%", false},
		{5, 3, fupan.CellDate, "2025-07-31", false},
		{5, 4, fupan.CellDate, "2025-07-31", true},
		{6, 3, fupan.CellBlank, "", false}, // the merge reaches no row the sheet lacks
		{5, 5, fupan.CellBool, "1", false},
		{3, 1, fupan.CellBlank, "", false},
	}
	for _, tt := range tests {
		c := s.Cell(tt.row, tt.col)
		if c.Kind != tt.kind || c.Display() != tt.display || c.Merged != tt.merged {
			t.Errorf("%s%d = kind %d %q merged %v; want kind %d %q merged %v", fupan.ColumnName(tt.col), tt.row, c.Kind, c.Display(), c.Merged, tt.kind, tt.display, tt.merged)
		}
	}
	if !s.Cell(2, 3).Formula || !s.Cell(2, 4).Formula {
		t.Error("formula cells not marked")
	}
	rv := fupan.Analyze(wb, fupan.Options{Period: "2025Q3"})
	if len(rv.Outcomes) < 1 || rv.Outcomes[0].Achievement == nil || *rv.Outcomes[0].Achievement != 0.9 {
		t.Errorf("outcomes %+v findings %v", rv.Outcomes, rv.Findings)
	}
}

// A merged range over the whole sheet fills only the sheet's used area.
func TestMergeBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string]string{
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" r:id="rA"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/a.xml"/></Relationships>`,
		"xl/worksheets/a.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="inlineStr"><is><t>y</t></is></c></row>
<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData>
<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
	}
	for name, body := range parts {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(body))
	}
	_ = zw.Close()
	// Row 1,048,576 counts its empty rows against the cell limit: raised here,
	// the merge is what is tested.
	wb, err := xlsx.NewReader(xlsx.Options{MaxCells: 5_000_000}).ReadBytes(context.Background(), "merge.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	s := wb.Sheets[0]
	filled := 0
	for _, r := range s.Rows {
		for _, c := range r {
			if c.Merged {
				filled++
			}
		}
	}
	if filled != 3 { // B1, A1048576 and B1048576: the rows with data, as wide as the widest
		t.Errorf("%d cells filled by the merge; want 3", filled)
	}
}

// One cell in the last row of many sheets: the empty rows up to it count
// against the limit, so a small file cannot take gigabytes.
func TestFarRowsBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name, body string) {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(body))
	}
	write("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	sheets, rels := "", ""
	for i := 0; i < 12; i++ {
		sheets += fmt.Sprintf(`<sheet name="S%d" r:id="r%d"/>`, i, i)
		rels += fmt.Sprintf(`<Relationship Id="r%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s%d.xml"/>`, i, i)
		write(fmt.Sprintf("xl/worksheets/s%d.xml", i), `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`)
	}
	write("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+sheets+`</sheets></workbook>`)
	write("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels+`</Relationships>`)
	_ = zw.Close()
	_, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "far.xlsx", buf.Bytes())
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Fatalf("12 sheets reaching row 1,048,576: %v; want file-too-large", err)
	}
	// One such sheet is within the limit.
	if _, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "hand.xlsx", handWritten(t)); err != nil {
		t.Fatal(err)
	}
}
