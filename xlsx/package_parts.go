package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The parts the direct writer (package.go) adds: the conclusion sheet, the
// notes and their VML drawing.

// cStyleSpec is a conclusion sheet style for the direct writer; the same
// look as conclusionStyleDefs gives through excelize.
type cStyleSpec struct {
	font    fontSpec
	fill    string
	wrapTop bool
}

func conclusionStyleSpecs() [cStyles]cStyleSpec {
	return [cStyles]cStyleSpec{
		cTitle:   {font: fontSpec{bold: true, size: 16, colour: "1F3864"}},
		cSection: {font: fontSpec{bold: true, size: 12, colour: "FFFFFF"}, fill: "2F5597"},
		cLabel:   {font: fontSpec{bold: true}, wrapTop: true},
		cText:    {wrapTop: true},
		cLink:    {font: fontSpec{colour: "0563C1", underline: true}, wrapTop: true},
		cError:   {font: fontSpec{bold: true, colour: "9C0006"}, fill: "FFC7CE", wrapTop: true},
		cWarning: {font: fontSpec{bold: true, colour: "9C5700"}, fill: "FFEB9C", wrapTop: true},
		cInfo:    {font: fontSpec{colour: "404040"}, wrapTop: true},
	}
}

// xmlText escapes text for an element, dropping what XML cannot hold.
func xmlText(b *bytes.Buffer, s string) {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	_ = xml.EscapeText(b, []byte(s))
}

// inlineText writes a <t> element, keeping spaces and line breaks.
func inlineText(b *bytes.Buffer, s string) {
	b.WriteString(`<t xml:space="preserve">`)
	xmlText(b, s)
	b.WriteString(`</t>`)
}

// conclusionXML is the conclusion sheet: frozen title row, columns A to C,
// inline strings, merged title and section rows, links to the cells named,
// and A4 printing one page wide.
func conclusionXML(rows []cRow, ids [cStyles]int) []byte {
	var b bytes.Buffer
	last := 1
	if len(rows) > 0 {
		last = rows[len(rows)-1].row
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<worksheet xmlns="%s" xmlns:r="%s"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:C%d"/>`+
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`+
		`<sheetFormatPr defaultRowHeight="15"/><cols>`, nsMain, nsRel, last)
	for i, w := range conclusionWidths {
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, w)
	}
	b.WriteString(`</cols><sheetData>`)
	var merges []string
	type link struct{ ref, location, display string }
	var links []link
	for _, r := range rows {
		if h := rowHeight(r); h > 0 {
			fmt.Fprintf(&b, `<row r="%d" ht="%g" customHeight="1">`, r.row, h)
		} else {
			fmt.Fprintf(&b, `<row r="%d">`, r.row)
		}
		for _, c := range r.cells {
			ref, _ := excelize.CoordinatesToCellName(c.col, r.row)
			fmt.Fprintf(&b, `<c r="%s" s="%d" t="inlineStr"><is>`, ref, ids[c.style])
			inlineText(&b, c.text)
			b.WriteString(`</is></c>`)
			if c.link != "" {
				links = append(links, link{ref, c.link, c.text})
			}
		}
		b.WriteString(`</row>`)
		if r.merged {
			merges = append(merges, fmt.Sprintf("A%d:C%d", r.row, r.row))
		}
	}
	b.WriteString(`</sheetData>`)
	if len(merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(merges))
		for _, m := range merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString(`</mergeCells>`)
	}
	if len(links) > 0 {
		b.WriteString(`<hyperlinks>`)
		for _, l := range links {
			fmt.Fprintf(&b, `<hyperlink ref="%s" location="%s" display="%s"/>`, l.ref, escapeAttr(l.location), escapeAttr(l.display))
		}
		b.WriteString(`</hyperlinks>`)
	}
	b.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
		`<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/></worksheet>`)
	return b.Bytes()
}

// commentsXML is a sheet's notes, by "fupan".
func commentsXML(notes []note) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<comments xmlns="%s"><authors><author>fupan</author></authors><commentList>`, nsMain)
	for _, n := range notes {
		fmt.Fprintf(&b, `<comment ref="%s" authorId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr><t>fupan:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>`, n.ref)
		inlineText(&b, "\n"+n.text)
		b.WriteString(`</r></text></comment>`)
	}
	b.WriteString(`</commentList></comments>`)
	return b.Bytes()
}

// vmlXML is the drawing of the notes' boxes, hidden until the cell is pointed
// at, as Excel writes it.
func vmlXML(notes []note) []byte {
	var b bytes.Buffer
	b.WriteString(`<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
		`<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
		`<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`)
	for i, n := range notes {
		col, row, _ := excelize.CellNameToCoordinates(n.ref)
		fmt.Fprintf(&b, `<v:shape id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:60pt;z-index:%d;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">`+
			`<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>`+
			`<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>`+
			`<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%d, 15, %d, 2, %d, 15, %d, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>`,
			1025+i, i+1, col, max(row-2, 0), col+3, row+3, row-1, col-1)
	}
	b.WriteString(`</xml>`)
	return b.Bytes()
}
