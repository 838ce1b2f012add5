package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// styleSheet adds cell styles to a workbook's styles part by splicing new
// fonts, fills, number formats and cell formats into its XML; everything the
// source had stays byte for byte, and so keeps its numbers.
type styleSheet struct {
	x []byte

	sheetTagEnd int64 // the end of <styleSheet ...>, where numFmts go if absent
	lists       map[string]*styleList
	maxNumFmt   int

	added map[string][]string // list name → new child elements
	cache map[string]int
}

// styleList is one of numFmts, fonts, fills, cellXfs: its start tag, where it
// closes and its children.
type styleList struct {
	start, tagEnd, closeAt int64
	children               [][2]int64 // each child's start and end
}

var errUnsupported = fmt.Errorf("a package shape the direct writer does not handle")

// Schema order of a font's children.
var fontOrder = []string{"b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"}

func parseStyleSheet(x []byte) (*styleSheet, error) {
	s := &styleSheet{x: x, lists: map[string]*styleList{}, added: map[string][]string{}, cache: map[string]int{}}
	sc := newScanner(x)
	depth := 0
	var list *styleList
	var childStart int64
	end := func() {
		switch depth {
		case 2:
			if list != nil {
				list.closeAt = int64(sc.start)
			}
			list = nil
		case 3:
			if list != nil {
				list.children = append(list.children, [2]int64{childStart, int64(sc.end)})
			}
		}
		depth--
	}
	for {
		if err := sc.next(); err != nil {
			return nil, fmt.Errorf("styles: %w", err)
		}
		switch sc.kind {
		case tokEOF:
			for _, name := range []string{"fonts", "fills", "cellXfs"} {
				if l := s.lists[name]; l == nil || len(l.children) == 0 {
					return nil, errUnsupported
				}
			}
			return s, nil
		case tokStart:
			if sc.prefixed {
				return nil, errUnsupported // a prefixed SpreadsheetML
			}
			depth++
			switch depth {
			case 1:
				s.sheetTagEnd = int64(sc.end)
			case 2:
				switch string(sc.name) {
				case "numFmts", "fonts", "fills", "cellXfs":
					if sc.selfClosing {
						return nil, errUnsupported // nothing to add to
					}
					list = &styleList{start: int64(sc.start), tagEnd: int64(sc.end)}
					s.lists[string(sc.name)] = list
				}
			case 3:
				childStart = int64(sc.start)
				if list != nil && sc.is("numFmt") {
					if id, ok := sc.attrInt("numFmtId"); ok {
						s.maxNumFmt = max(s.maxNumFmt, id)
					}
				}
			}
			if sc.selfClosing {
				end()
			}
		case tokEnd:
			end()
		}
	}
}

// add appends a child to a list and returns its index.
func (s *styleSheet) add(list, el string) int {
	n := len(s.added[list])
	if l := s.lists[list]; l != nil {
		n += len(l.children)
	}
	s.added[list] = append(s.added[list], el)
	return n
}

func (s *styleSheet) child(list string, i int) []byte {
	l := s.lists[list]
	if i < 0 || i >= len(l.children) {
		i = 0
	}
	c := l.children[i]
	return s.x[c[0]:c[1]]
}

// fontAndFill are a cell format's font and fill (a format past the list's
// end is read as the first, as child does).
func (s *styleSheet) fontAndFill(xf int) (font, fill int, err error) {
	sc := newScanner(s.child("cellXfs", xf))
	if err := sc.next(); err != nil {
		return 0, 0, fmt.Errorf("styles: %w", err)
	}
	if sc.kind != tokStart {
		return 0, 0, errUnsupported
	}
	font, _ = sc.attrInt("fontId")
	fill, _ = sc.attrInt("fillId")
	return font, fill, nil
}

// numFmt returns the id of a custom number format, added once.
func (s *styleSheet) numFmt(code string) int {
	key := "numFmt/" + code
	if id, ok := s.cache[key]; ok {
		return id
	}
	s.maxNumFmt = max(s.maxNumFmt+1, 164)
	id := s.maxNumFmt
	s.added["numFmts"] = append(s.added["numFmts"], fmt.Sprintf(`<numFmt numFmtId="%d" formatCode="%s"/>`, id, escapeAttr(code)))
	s.cache[key] = id
	return id
}

// fontSpec changes a font: nil or "" leave the base's.
type fontSpec struct {
	bold      bool
	size      float64
	colour    string // RRGGBB
	underline bool
}

// font adds a copy of base font with the spec's changes.
func (s *styleSheet) font(base int, spec fontSpec) (int, error) {
	key := fmt.Sprintf("font/%d/%v", base, spec)
	if id, ok := s.cache[key]; ok {
		return id, nil
	}
	kids, err := children(s.child("fonts", base))
	if err != nil {
		return 0, err
	}
	if spec.bold {
		kids["b"] = `<b/>`
	}
	if spec.underline {
		kids["u"] = `<u/>`
	}
	if spec.size > 0 {
		kids["sz"] = fmt.Sprintf(`<sz val="%s"/>`, strconv.FormatFloat(spec.size, 'f', -1, 64))
	}
	if spec.colour != "" {
		kids["color"] = `<color rgb="FF` + spec.colour + `"/>`
	}
	var b strings.Builder
	b.WriteString("<font>")
	for _, name := range fontOrder {
		b.WriteString(kids[name])
	}
	b.WriteString("</font>")
	id := s.add("fonts", b.String())
	s.cache[key] = id
	return id, nil
}

// fill adds a solid fill.
func (s *styleSheet) fill(rgb string) int {
	key := "fill/" + rgb
	if id, ok := s.cache[key]; ok {
		return id
	}
	id := s.add("fills", `<fill><patternFill patternType="solid"><fgColor rgb="FF`+rgb+`"/><bgColor indexed="64"/></patternFill></fill>`)
	s.cache[key] = id
	return id
}

// xfFrom adds a cell format: a copy of cell format base (its border,
// alignment and protection) with the given number format, font and fill.
func (s *styleSheet) xfFrom(base, numFmt, font, fill int) (int, error) {
	el := s.child("cellXfs", base)
	dec := xml.NewDecoder(bytes.NewReader(el))
	tok, err := dec.RawToken()
	if err != nil {
		return 0, fmt.Errorf("styles: %w", err)
	}
	start, ok := tok.(xml.StartElement)
	if !ok {
		return 0, errUnsupported
	}
	tagEnd := dec.InputOffset()
	set := map[string]string{"numFmtId": strconv.Itoa(numFmt), "fontId": strconv.Itoa(font), "fillId": strconv.Itoa(fill),
		"applyNumberFormat": "1", "applyFont": "1", "applyFill": "1"}
	var b strings.Builder
	b.WriteString("<xf")
	for _, a := range start.Attr {
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + name
		}
		if v, ok := set[name]; ok {
			fmt.Fprintf(&b, ` %s="%s"`, name, v)
			delete(set, name)
			continue
		}
		fmt.Fprintf(&b, ` %s="%s"`, name, escapeAttr(a.Value))
	}
	for _, name := range []string{"numFmtId", "fontId", "fillId", "applyNumberFormat", "applyFont", "applyFill"} {
		if v, ok := set[name]; ok {
			fmt.Fprintf(&b, ` %s="%s"`, name, v)
		}
	}
	b.WriteString(">")
	if int(tagEnd) < len(el) { // not self-closing: keep alignment and protection
		inner := el[tagEnd:]
		if i := bytes.LastIndex(inner, []byte("</")); i >= 0 {
			b.Write(inner[:i])
		}
	}
	b.WriteString("</xf>")
	return s.add("cellXfs", b.String()), nil
}

// xf adds a cell format of its own: font, fill, top-aligned wrapped text.
func (s *styleSheet) xf(font, fill int, wrapTop bool) int {
	el := fmt.Sprintf(`<xf numFmtId="0" fontId="%d" fillId="%d" borderId="0" xfId="0" applyFont="1" applyFill="1"`, font, fill)
	if wrapTop {
		el += ` applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`
	} else {
		el += `/>`
	}
	return s.add("cellXfs", el)
}

var countAttr = regexp.MustCompile(`\bcount="\d*"`)

// bytes writes the styles part with the additions spliced in.
func (s *styleSheet) bytes() ([]byte, error) {
	var splices []splice
	for _, name := range []string{"numFmts", "fonts", "fills", "cellXfs"} {
		add := s.added[name]
		if len(add) == 0 {
			continue
		}
		l := s.lists[name]
		if l == nil { // only numFmts may be absent: it comes first
			splices = append(splices, splice{s.sheetTagEnd, s.sheetTagEnd,
				fmt.Sprintf(`<numFmts count="%d">%s</numFmts>`, len(add), strings.Join(add, ""))})
			continue
		}
		tag := string(s.x[l.start:l.tagEnd])
		tag = countAttr.ReplaceAllString(tag, fmt.Sprintf(`count="%d"`, len(l.children)+len(add)))
		splices = append(splices, splice{l.start, l.tagEnd, tag}, splice{l.closeAt, l.closeAt, strings.Join(add, "")})
	}
	return spliceBytes(s.x, splices)
}

// children maps an element's child elements by name to their XML.
func children(el []byte) (map[string]string, error) {
	out := map[string]string{}
	sc := newScanner(el)
	depth := 0
	var start int
	for {
		if err := sc.next(); err != nil {
			return nil, fmt.Errorf("styles: %w", err)
		}
		switch sc.kind {
		case tokEOF:
			return out, nil
		case tokStart:
			depth++
			if depth == 2 {
				start = sc.start
			}
			if sc.selfClosing {
				if depth == 2 {
					out[string(sc.name)] = string(el[start:sc.end])
				}
				depth--
			}
		case tokEnd:
			if depth == 2 {
				out[string(sc.name)] = string(el[start:sc.end])
			}
			depth--
		}
	}
}

func escapeAttr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
