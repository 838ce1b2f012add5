package pdf

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/chart"
)

// svgElement is one drawn element of an SVG as encoding/xml reads it back.
type svgElement struct {
	name string
	attr map[string]string
	text string
}

func readSVG(t *testing.T, svg string) []svgElement {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var out []svgElement
	var open []*svgElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &svgElement{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			open = append(open, e)
		case xml.CharData:
			open[len(open)-1].text += string(tok)
		case xml.EndElement:
			e := open[len(open)-1]
			open = open[:len(open)-1]
			if e.name != "svg" && e.name != "title" {
				out = append(out, *e)
			}
		}
	}
}

func hexOf(c colour) string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// A trend panel drawn in the PDF and written as SVG for fupan serve's page
// is one drawing: every line, mark and text the PDF records is in the SVG,
// in the same order, at the same place (to 0.01 mm), in the same colour and
// width; a text right-aligned or centred in the PDF (placed by measuring
// it) ends or centres where the SVG anchors it.
func TestTrendPanelSameInPDFAndSVG(t *testing.T) {
	pct := func(v float64) *float64 { return &v }
	periods := []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05"}
	tr := fupan.Trend{Metric: "华东区域重点客户复购率（按月统计，含新签约渠道客户、老客户转介绍与线上商城会员第三批次）", Points: []fupan.TrendPoint{
		{Period: "2025-01", Achievement: pct(0.7), Status: fupan.StatusMissed},
		{Period: "2025-02", Achievement: pct(0.95), Status: fupan.StatusClose},
		{Period: "2025-04", Achievement: pct(1.4), Status: fupan.StatusAchieved},
		{Period: "2025-05", Achievement: pct(1), Status: fupan.StatusAchieved},
	}}
	d, err := newDoc(Options{}, fupan.Simplified)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	const x, y, w, h = 20.0, 30.0, 58.0, 38.0
	d.trendPanel(x, y, w, h, tr, periods)
	var ops []op
	for _, o := range d.pdf.pages[0] {
		if o.kind != opLink && o.kind != opBookmark {
			ops = append(ops, o)
		}
	}
	els := readSVG(t, chart.SVG(chart.TrendPanel(docFonts{d}, x, y, w, h, tr, periods), x, y, w, h, tr.Metric))
	if len(ops) != len(els) || len(ops) < 20 {
		t.Fatalf("the PDF draws %d things, the SVG %d", len(ops), len(els))
	}
	for i, o := range ops {
		e := els[i]
		at := fmt.Sprintf("%d <%s>", i, e.name)
		near := func(attr string, want float64) {
			t.Helper()
			v, err := strconv.ParseFloat(e.attr[attr], 64)
			if err != nil || math.Abs(v-want) > 0.006 {
				t.Errorf("%s: %s=%q, the PDF's %.3f", at, attr, e.attr[attr], want)
			}
		}
		kind := map[opKind]string{opText: "text", opRect: "rect", opLine: "line", opPolygon: "polygon", opCircle: "circle"}[o.kind]
		if e.name != kind {
			t.Fatalf("%s: the PDF draws a %s", at, kind)
		}
		switch o.kind {
		case opText:
			d.pdf.SetFontSize(o.st.size)
			width := d.pdf.StringWidth(o.s)
			anchorX := map[string]float64{"start": o.x, "middle": o.x + width/2, "end": o.x + width}[e.attr["text-anchor"]]
			near("x", anchorX)
			near("y", o.y)
			near("font-size", o.st.size/chart.PtPerMM)
			if e.text != o.s || e.attr["fill"] != hexOf(o.st.textRGB) {
				t.Errorf("%s: %q in %s, the PDF's %q in %s", at, e.text, e.attr["fill"], o.s, hexOf(o.st.textRGB))
			}
			continue
		case opLine:
			near("x1", o.x)
			near("y1", o.y)
			near("x2", o.w)
			near("y2", o.h)
		case opRect:
			near("x", o.x)
			near("y", o.y)
			near("width", o.w)
			near("height", o.h)
		case opCircle:
			near("cx", o.x)
			near("cy", o.y)
			near("r", o.w)
		case opPolygon:
			got := strings.Fields(e.attr["points"])
			if len(got) != len(o.points) {
				t.Fatalf("%s: points %q, the PDF's %v", at, got, o.points)
			}
			for j, p := range o.points {
				xy := strings.Split(got[j], ",")
				e.attr["px"], e.attr["py"] = xy[0], xy[1]
				near("px", p.x)
				near("py", p.y)
			}
		}
		if o.kind == opLine || strings.Contains(o.s, "D") {
			near("stroke-width", o.st.lineWidth)
			if e.attr["stroke"] != hexOf(o.st.drawRGB) || (len(o.st.dash) > 0) != (e.attr["stroke-dasharray"] != "") {
				t.Errorf("%s: stroke %s %q, the PDF's %s %v", at, e.attr["stroke"], e.attr["stroke-dasharray"], hexOf(o.st.drawRGB), o.st.dash)
			}
		}
		if strings.Contains(o.s, "F") && e.attr["fill"] != hexOf(o.st.fillRGB) {
			t.Errorf("%s: fill %s, the PDF's %s", at, e.attr["fill"], hexOf(o.st.fillRGB))
		}
	}
	// What was drawn: a title on two lines, the last cut from its start.
	if els[1].text == tr.Metric || !strings.HasPrefix(els[2].text, "…") || els[3].name != "line" {
		t.Errorf("the title: %q %q", els[1].text, els[2].text)
	}
}
