package chart

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// SVG writes shapes as an SVG image of the box at x, y, w, h, to be set
// inline in a page: no script, no style element, no link, nothing loaded,
// so a strict Content-Security-Policy has nothing to allow. Colours and
// widths are presentation attributes; every text (a team's or a metric's
// name among them) is escaped. label names the image for a screen reader.
func SVG(shapes []Shape, x, y, w, h float64, label string) string {
	var b strings.Builder
	// A stroke on the box's edge is half outside it: the image reaches a
	// little past the box.
	const pad = 0.3
	fmt.Fprintf(&b, `<svg viewBox="%s %s %s %s" role="img" aria-label="%s">`,
		num(x-pad), num(y-pad), num(w+2*pad), num(h+2*pad), escape(label))
	for _, s := range shapes {
		switch s.Kind {
		case Line:
			fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"%s/>`, num(s.X), num(s.Y), num(s.X2), num(s.Y2), paint(s, "D"))
		case Rect:
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s"%s`, num(s.X), num(s.Y), num(s.W), num(s.H), paint(s, s.Paint))
			closeMark(&b, "rect", s.Title)
		case Circle:
			fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="%s"%s`, num(s.X), num(s.Y), num(s.R), paint(s, s.Paint))
			closeMark(&b, "circle", s.Title)
		case Polygon:
			pts := make([]string, len(s.Points))
			for i, p := range s.Points {
				pts[i] = num(p.X) + "," + num(p.Y)
			}
			fmt.Fprintf(&b, `<polygon points="%s"%s`, strings.Join(pts, " "), paint(s, s.Paint))
			closeMark(&b, "polygon", s.Title)
		case Text:
			ax, anchor := s.Anchor()
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="%s">%s</text>`,
				num(ax), num(s.Baseline()), num(s.Size/PtPerMM), hex(s.Fill), anchor, escape(s.Text))
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// closeMark ends a mark, with its title where it has one.
func closeMark(b *strings.Builder, tag, title string) {
	if title == "" {
		b.WriteString("/>")
		return
	}
	fmt.Fprintf(b, "><title>%s</title></%s>", escape(title), tag)
}

// paint is a shape's fill and stroke attributes for an fpdf style.
func paint(s Shape, style string) string {
	fill, stroke := "none", "none"
	if strings.Contains(style, "F") {
		fill = hex(s.Fill)
	}
	a := ` fill="` + fill + `"`
	if strings.Contains(style, "D") {
		stroke = hex(s.Stroke)
		a += ` stroke="` + stroke + `" stroke-width="` + num(s.LineWidth) + `"`
		if len(s.Dash) > 0 {
			d := make([]string, len(s.Dash))
			for i, v := range s.Dash {
				d[i] = num(v)
			}
			a += ` stroke-dasharray="` + strings.Join(d, " ") + `"`
		}
		return a
	}
	return a + ` stroke="none"`
}

func hex(c RGB) string { return fmt.Sprintf("#%02x%02x%02x", c.R&0xff, c.G&0xff, c.B&0xff) }

// num writes a length to a hundredth of a millimetre.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// escape is a text or an attribute's value as XML writes it: markup
// escaped, a character XML cannot hold replaced.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
