package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
)

func pct(v float64) *float64 { return &v }

// sample is a trend of four periods: achieved, close, a period without the
// metric, missed.
func sample(metric string) (fupan.Trend, []string) {
	periods := []string{"2025Q1", "2025Q2", "2025Q3", "2025Q4"}
	t := fupan.Trend{Metric: metric, Points: []fupan.TrendPoint{
		{Period: "2025Q1", Achievement: pct(1.05), Status: fupan.StatusAchieved},
		{Period: "2025Q2", Achievement: pct(0.92), Status: fupan.StatusClose},
		{Period: "2025Q4", Achievement: pct(0.6), Status: fupan.StatusMissed},
	}}
	return t, periods
}

// element is one SVG element as read back: its name, attributes and text.
type element struct {
	name  string
	attr  map[string]string
	text  string
	title string
}

// decode reads an SVG with encoding/xml, failing on anything not
// well-formed, and returns the svg element and the drawn elements in order.
func decode(t *testing.T, svg string) (root element, drawn []element) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = true
	var stack []*element
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			stack = append(stack, e)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			}
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case e.name == "svg":
				root = *e
			case e.name == "title":
				stack[len(stack)-1].title = e.text
			default:
				drawn = append(drawn, *e)
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed elements in\n%s", svg)
	}
	return root, drawn
}

func near(t *testing.T, what, got string, want float64) {
	t.Helper()
	v, err := strconv.ParseFloat(got, 64)
	if err != nil || math.Abs(v-want) > 0.006 {
		t.Errorf("%s: %q, want %.3f", what, got, want)
	}
}

// The SVG holds every shape of the layout, in its order, at its place, in
// its colours: what the PDF draws from the same list.
func TestSVGHoldsTheShapes(t *testing.T) {
	tr, periods := sample("新客户获取量")
	shapes := TrendPanel(Approx{}, 3, 4, 88, 36, tr, periods)
	_, drawn := decode(t, SVG(shapes, 3, 4, 88, 36, tr.Metric))
	if len(drawn) != len(shapes) {
		t.Fatalf("%d elements for %d shapes", len(drawn), len(shapes))
	}
	for i, s := range shapes {
		e := drawn[i]
		at := fmt.Sprintf("shape %d (%s)", i, e.name)
		want := map[Kind]string{Line: "line", Rect: "rect", Circle: "circle", Polygon: "polygon", Text: "text"}[s.Kind]
		if e.name != want {
			t.Fatalf("%s: want <%s>", at, want)
		}
		if e.title != s.Title {
			t.Errorf("%s: title %q, want %q", at, e.title, s.Title)
		}
		switch s.Kind {
		case Line:
			near(t, at+" x1", e.attr["x1"], s.X)
			near(t, at+" y1", e.attr["y1"], s.Y)
			near(t, at+" x2", e.attr["x2"], s.X2)
			near(t, at+" y2", e.attr["y2"], s.Y2)
		case Rect:
			near(t, at+" x", e.attr["x"], s.X)
			near(t, at+" y", e.attr["y"], s.Y)
			near(t, at+" width", e.attr["width"], s.W)
			near(t, at+" height", e.attr["height"], s.H)
		case Circle:
			near(t, at+" cx", e.attr["cx"], s.X)
			near(t, at+" cy", e.attr["cy"], s.Y)
			near(t, at+" r", e.attr["r"], s.R)
		case Polygon:
			pts := strings.Fields(e.attr["points"])
			if len(pts) != len(s.Points) {
				t.Fatalf("%s: points %q", at, e.attr["points"])
			}
			for j, p := range s.Points {
				xy := strings.Split(pts[j], ",")
				near(t, at+" x", xy[0], p.X)
				near(t, at+" y", xy[1], p.Y)
			}
		case Text:
			x, anchor := s.Anchor()
			near(t, at+" x", e.attr["x"], x)
			near(t, at+" y", e.attr["y"], s.Baseline())
			near(t, at+" font-size", e.attr["font-size"], s.Size/PtPerMM)
			if e.text != s.Text || e.attr["text-anchor"] != anchor || e.attr["fill"] != hex(s.Fill) {
				t.Errorf("%s: %q %s %s, want %q %s %s", at, e.text, e.attr["text-anchor"], e.attr["fill"], s.Text, anchor, hex(s.Fill))
			}
			continue
		}
		if strings.Contains(s.Paint, "F") || s.Kind == Line {
			if strings.Contains(s.Paint, "F") && e.attr["fill"] != hex(s.Fill) {
				t.Errorf("%s: fill %s, want %s", at, e.attr["fill"], hex(s.Fill))
			}
		} else if e.attr["fill"] != "none" {
			t.Errorf("%s: filled %s, want none", at, e.attr["fill"])
		}
		if s.Kind == Line || strings.Contains(s.Paint, "D") {
			near(t, at+" stroke-width", e.attr["stroke-width"], s.LineWidth)
			if e.attr["stroke"] != hex(s.Stroke) {
				t.Errorf("%s: stroke %s, want %s", at, e.attr["stroke"], hex(s.Stroke))
			}
			if (len(s.Dash) > 0) != (e.attr["stroke-dasharray"] != "") {
				t.Errorf("%s: dash %q, want %v", at, e.attr["stroke-dasharray"], s.Dash)
			}
		} else if e.attr["stroke"] != "none" {
			t.Errorf("%s: stroked %s", at, e.attr["stroke"])
		}
	}
}

// The panel's geometry: the 100% line dashed where a 100% point sits, each
// status by its shape and colour, no line across a period without a value,
// the latest value in its status's ink, the periods under the plot.
func TestTrendPanelGeometry(t *testing.T) {
	tr, periods := sample("新客户获取量")
	tr.Points[0].Achievement = pct(1)
	shapes := TrendPanel(Approx{}, 0, 0, 88, 36, tr, periods)
	var dashed, joins []Shape
	marks := map[Kind][]Shape{}
	var texts []string
	for _, s := range shapes {
		switch {
		case s.Kind == Line && s.Dash != nil:
			dashed = append(dashed, s)
		case s.Kind == Line && s.Stroke == Ink:
			joins = append(joins, s)
		case s.Title != "":
			marks[s.Kind] = append(marks[s.Kind], s)
		case s.Kind == Text:
			texts = append(texts, s.Text)
		}
	}
	if len(dashed) != 1 || len(marks[Circle]) != 1 || math.Abs(marks[Circle][0].Y-dashed[0].Y) > 1e-9 {
		t.Fatalf("the 100%% point is not on the dashed 100%% line: %+v %+v", dashed, marks[Circle])
	}
	if len(marks[Polygon]) != 1 || len(marks[Rect]) != 1 || marks[Rect][0].Fill != StatusMark(fupan.StatusMissed) ||
		marks[Polygon][0].Fill != StatusMark(fupan.StatusClose) || marks[Circle][0].Fill != StatusMark(fupan.StatusAchieved) {
		t.Errorf("status marks: %+v", marks)
	}
	if marks[Rect][0].Title != "2025Q4 60%" {
		t.Errorf("the missed mark's title is %q", marks[Rect][0].Title)
	}
	// Q1–Q2 joined; Q2 and Q4 are not next to each other.
	if len(joins) != 1 || joins[0].X2 >= marks[Rect][0].X {
		t.Errorf("joins %+v", joins)
	}
	want := []string{"新客户获取量", "0%", "50%", "100%", "2025Q1", "2025Q2", "2025Q3", "2025Q4", "60%"}
	if strings.Join(texts, " ") != strings.Join(want, " ") {
		t.Errorf("texts %q, want %q", texts, want)
	}
	if last := shapes[len(shapes)-1]; last.Kind != Text || last.Fill != StatusInk(fupan.StatusMissed) || last.Align != "R" {
		t.Errorf("the latest value: %+v", last)
	}
}

// A name with markup in it is text in the SVG, never an element: a team's
// or a metric's name is what its team wrote.
func TestSVGEscapesText(t *testing.T) {
	tr, periods := sample(`</text><script>alert("x")</script> & 收入`)
	periods[2] = `<i>&`
	tr.Points = append(tr.Points, fupan.TrendPoint{Period: periods[2]})
	label := "a\x01b <b>"
	svg := SVG(TrendPanel(Approx{}, 0, 0, 88, 36, tr, periods), 0, 0, 88, 36, label)
	for _, bad := range []string{"<script", "<b>", "<i>", "</text><script"} {
		if strings.Contains(svg, bad) {
			t.Errorf("the SVG holds %q:\n%s", bad, svg)
		}
	}
	root, drawn := decode(t, svg)
	if root.attr["aria-label"] != "a\uFFFDb <b>" {
		t.Errorf("aria-label %q", root.attr["aria-label"])
	}
	var texts []string
	for _, e := range drawn {
		if !strings.Contains(" line rect circle polygon text ", " "+e.name+" ") {
			t.Fatalf("an element <%s>", e.name)
		}
		if e.name == "text" {
			texts = append(texts, e.text)
		}
	}
	if got := strings.Join(texts, "|"); !strings.Contains(got, `</text><script>alert("x")</script> & 收入`) || !strings.Contains(got, "|<i>&|") {
		t.Errorf("the texts as read back: %q", got)
	}
}

// The page's estimate breaks a long name and keeps every line in its box.
func TestApproxWrap(t *testing.T) {
	a := Approx{}
	for _, s := range []string{"华东区域重点客户复购率（按季度统计，含新签约渠道客户第三批）", "Repeat purchase rate of key accounts in the eastern region", "短"} {
		lines := a.Wrap(s, 7.5, 40)
		if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Errorf("%q wrapped loses text: %q", s, lines)
		}
		for _, l := range lines {
			if a.Width(l, 7.5) > 40 {
				t.Errorf("%q: line %q is %.1f mm wide", s, l, a.Width(l, 7.5))
			}
		}
	}
	shapes := TrendPanel(a, 0, 0, 58, 38, fupan.Trend{Metric: strings.Repeat("华东区域重点客户复购率", 4)}, []string{"2025Q1"})
	if shapes[1].Kind != Text || shapes[2].Kind != Text || !strings.HasPrefix(shapes[2].Text, "…") || a.Width(shapes[2].Text, 7.5) > 58-16+0.01 {
		t.Errorf("a long title: %+v %+v", shapes[1], shapes[2])
	}
}

// Periods too many for their slots are labelled every few, back from the
// latest, never cut; the marks stay one per period.
func TestTrendPanelManyPeriods(t *testing.T) {
	var periods []string
	tr := fupan.Trend{Metric: "平均达成率"}
	for i := 0; i < 36; i++ {
		p := fmt.Sprintf("%d-%02d", 2023+i/12, i%12+1)
		periods = append(periods, p)
		tr.Points = append(tr.Points, fupan.TrendPoint{Period: p, Achievement: pct(0.5 + float64(i)/70), Status: fupan.StatusMissed})
	}
	shapes := TrendPanel(Approx{}, 0, 0, 88, 36, tr, periods)
	var labels []string
	marks := 0
	for _, s := range shapes {
		if s.Title != "" {
			marks++
		}
		if s.Kind == Text && s.Fill == Grey && !strings.HasSuffix(s.Text, "%") {
			labels = append(labels, s.Text)
			if strings.Contains(s.Text, "…") || (Approx{}).Width(s.Text, s.Size) > s.W {
				t.Errorf("label %q cut or wider than its box of %.1f mm", s.Text, s.W)
			}
		}
	}
	if marks != 36 || len(labels) < 4 || len(labels) > 18 || labels[len(labels)-1] != "25/12" {
		t.Errorf("%d marks, labels %q", marks, labels)
	}
	// Labels that fit are every period's, in slots of one.
	tr2, few := sample("x")
	n := 0
	for _, s := range TrendPanel(Approx{}, 0, 0, 88, 36, tr2, few) {
		if s.Kind == Text && strings.HasPrefix(s.Text, "2025Q") {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d of 4 periods labelled", n)
	}
}
