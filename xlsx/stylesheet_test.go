package xlsx

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
)

// Styles grow by splicing: what was there stays byte for byte, the counts
// follow, and numFmts is added first where the part had none.
func TestStyleSheetAdds(t *testing.T) {
	const minimal = `<?xml version="1.0"?>` + "\n" +
		`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
		`<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border/></borders>` +
		`<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyAlignment="1"><alignment horizontal="center"/></xf></cellXfs>` +
		`</styleSheet>`
	s, err := parseStyleSheet([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	font, err := s.font(0, fontSpec{bold: true, colour: "9C0006"})
	if err != nil {
		t.Fatal(err)
	}
	fill := s.fill("FFC7CE")
	xf, err := s.xfFrom(1, s.numFmt("0.0%"), font, fill)
	if err != nil {
		t.Fatal(err)
	}
	if font != 1 || fill != 2 || xf != 2 || s.numFmt("0.0%") != 164 {
		t.Errorf("font %d fill %d xf %d; want 1 2 2 and numFmt 164", font, fill, xf)
	}
	out, err := s.bytes()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		NumFmts struct {
			Count int `xml:"count,attr"`
			N     []struct {
				ID   int    `xml:"numFmtId,attr"`
				Code string `xml:"formatCode,attr"`
			} `xml:"numFmt"`
		} `xml:"numFmts"`
		Fonts struct {
			Count int `xml:"count,attr"`
			Font  []struct {
				Inner string `xml:",innerxml"`
			} `xml:"font"`
		} `xml:"fonts"`
		Fills struct {
			Count int        `xml:"count,attr"`
			Fill  []struct{} `xml:"fill"`
		} `xml:"fills"`
		Xfs struct {
			Count int `xml:"count,attr"`
			Xf    []struct {
				NumFmt int    `xml:"numFmtId,attr"`
				Font   int    `xml:"fontId,attr"`
				Fill   int    `xml:"fillId,attr"`
				Inner  string `xml:",innerxml"`
			} `xml:"xf"`
		} `xml:"cellXfs"`
	}
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.NumFmts.Count != 1 || len(got.NumFmts.N) != 1 || got.NumFmts.N[0].Code != "0.0%" {
		t.Errorf("numFmts: %+v", got.NumFmts)
	}
	if got.Fonts.Count != 2 || len(got.Fonts.Font) != 2 || got.Fills.Count != 3 || len(got.Fills.Fill) != 3 || got.Xfs.Count != 3 || len(got.Xfs.Xf) != 3 {
		t.Errorf("counts: fonts %d/%d fills %d/%d xfs %d/%d", got.Fonts.Count, len(got.Fonts.Font), got.Fills.Count, len(got.Fills.Fill), got.Xfs.Count, len(got.Xfs.Xf))
	}
	newFont := got.Fonts.Font[1].Inner
	// Schema order: b before sz, the colour replaced and before the name.
	if !strings.HasPrefix(newFont, `<b/><sz val="11"/><color rgb="FF9C0006"/><name val="Calibri"/>`) {
		t.Errorf("new font %s", newFont)
	}
	x := got.Xfs.Xf[2]
	if x.NumFmt != 164 || x.Font != 1 || x.Fill != 2 || !strings.Contains(x.Inner, `<alignment horizontal="center"/>`) {
		t.Errorf("new cell format %+v: want the base's alignment kept", x)
	}
	for _, kept := range []string{`<borders count="1"><border/></borders>`, `<font><sz val="11"/><color theme="1"/>`, `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyAlignment="1"><alignment horizontal="center"/></xf>`} {
		if !strings.Contains(string(out), kept) {
			t.Errorf("the source's %s changed", kept)
		}
	}

	for _, unsupported := range []string{
		`<x:styleSheet xmlns:x="m"><x:fonts><x:font/></x:fonts></x:styleSheet>`,
		`<styleSheet><fonts/><fills/><cellXfs/></styleSheet>`,
		`<styleSheet><fills><fill/></fills><cellXfs><xf/></cellXfs></styleSheet>`,
	} {
		if _, err := parseStyleSheet([]byte(unsupported)); !errors.Is(err, errUnsupported) {
			t.Errorf("%s: %v; want it left to excelize", unsupported, err)
		}
	}
}
