package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// scanner is a small XML tokenizer for the parts of a workbook package: start
// tags with their attributes, end tags and text, with offsets. Sheets are
// machine-written XML, and encoding/xml's general decoder (a token, a name
// and attribute slices allocated for every element) was most of the time of
// reading a sheet. Comments, processing instructions and CDATA are
// understood; a document type declaration is refused, as in no workbook.
// Names are matched by their local part, as the reader always did.
type scanner struct {
	data []byte
	pos  int

	// The current token.
	kind        tokenKind
	start, end  int    // its bytes in data
	name        []byte // local name of a start or end tag
	prefixed    bool   // the tag's name has a prefix
	prefix      []byte // which, with its colon
	selfClosing bool
	attrs       []rawAttr
	raw         []byte // text: as written, entities not yet replaced
	cdata       bool
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
)

type rawAttr struct{ name, value []byte } // local name; value as written

var errXML = errors.New("malformed XML")

func newScanner(data []byte) *scanner { return &scanner{data: data, attrs: make([]rawAttr, 0, 8)} }

// next reads the next token; at the end of data, kind is tokEOF.
func (s *scanner) next() error {
	d := s.data
	for {
		s.start = s.pos
		if s.pos >= len(d) {
			s.kind = tokEOF
			return nil
		}
		if d[s.pos] != '<' {
			i := bytes.IndexByte(d[s.pos:], '<')
			if i < 0 {
				i = len(d) - s.pos
			}
			s.kind, s.raw, s.cdata = tokText, d[s.pos:s.pos+i], false
			s.pos += i
			s.end = s.pos
			return nil
		}
		rest := d[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			i := bytes.Index(rest, []byte("?>"))
			if i < 0 {
				return s.fail("unterminated processing instruction")
			}
			if err := checkDeclaration(rest[:i]); err != nil {
				return err
			}
			s.pos += i + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := bytes.Index(rest[4:], []byte("-->"))
			if i < 0 {
				return s.fail("unterminated comment")
			}
			s.pos += 4 + i + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i := bytes.Index(rest[9:], []byte("]]>"))
			if i < 0 {
				return s.fail("unterminated CDATA section")
			}
			s.kind, s.raw, s.cdata = tokText, rest[9:9+i], true
			s.pos += 9 + i + 3
			s.end = s.pos
			return nil
		case bytes.HasPrefix(rest, []byte("<!")):
			return s.fail("a document type declaration")
		case bytes.HasPrefix(rest, []byte("</")):
			i := bytes.IndexByte(rest, '>')
			if i < 0 {
				return s.fail("unterminated end tag")
			}
			name := bytes.TrimRight(rest[2:i], " \t\r\n")
			if len(name) == 0 {
				return s.fail("an end tag without a name")
			}
			s.kind, s.name = tokEnd, localName(name)
			s.prefixed = len(s.name) < len(name)
			s.prefix = name[:len(name)-len(s.name)]
			s.pos += i + 1
			s.end = s.pos
			return nil
		}
		return s.startTag()
	}
}

func (s *scanner) startTag() error {
	d := s.data
	i := s.pos + 1
	n := i
	for n < len(d) && !isSpace(d[n]) && d[n] != '>' && d[n] != '/' {
		n++
	}
	if n == i {
		return s.fail("a tag without a name")
	}
	s.kind, s.name, s.selfClosing = tokStart, localName(d[i:n]), false
	s.prefixed = len(s.name) < n-i
	s.prefix = d[i : n-len(s.name)]
	s.attrs = s.attrs[:0]
	i = n
	for {
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) {
			return s.fail("unterminated start tag")
		}
		switch d[i] {
		case '>':
			s.pos = i + 1
			s.end = s.pos
			return nil
		case '/':
			if i+1 < len(d) && d[i+1] == '>' {
				s.selfClosing = true
				s.pos = i + 2
				s.end = s.pos
				return nil
			}
			return s.fail("a stray / in a start tag")
		}
		n := i
		for n < len(d) && !isSpace(d[n]) && d[n] != '=' && d[n] != '>' && d[n] != '/' {
			n++
		}
		name := d[i:n]
		for n < len(d) && isSpace(d[n]) {
			n++
		}
		if len(name) == 0 || n >= len(d) || d[n] != '=' {
			return s.fail("an attribute without a value")
		}
		n++
		for n < len(d) && isSpace(d[n]) {
			n++
		}
		if n >= len(d) || d[n] != '"' && d[n] != '\'' {
			return s.fail("an attribute value without quotes")
		}
		q := d[n]
		end := bytes.IndexByte(d[n+1:], q)
		if end < 0 {
			return s.fail("unterminated attribute value")
		}
		value := d[n+1 : n+1+end]
		if bytes.IndexByte(value, '<') >= 0 {
			return s.fail("< in an attribute value")
		}
		s.attrs = append(s.attrs, rawAttr{localName(name), value})
		i = n + 1 + end + 1
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName strips a prefix (as encoding/xml does: both sides of the colon
// must be non-empty).
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i > 0 && i < len(name)-1 {
		return name[i+1:]
	}
	return name
}

// is reports whether the current token's name is name.
func (s *scanner) is(name string) bool { return string(s.name) == name }

// attr is the value of the current start tag's attribute with the local name
// given, entities replaced; "" where there is none.
func (s *scanner) attr(name string) string {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.text()
		}
	}
	return ""
}

// text is an attribute's value with entities replaced and line ends made
// \n, as encoding/xml gives it.
func (a rawAttr) text() string {
	if bytes.IndexByte(a.value, '&') < 0 && bytes.IndexByte(a.value, '\r') < 0 {
		return string(a.value)
	}
	b, _ := unescape(nil, a.value, true)
	return string(b)
}

// attrInt is an attribute read as a whole number; ok is false where it is
// absent or not a number.
func (s *scanner) attrInt(name string) (int, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			n, err := strconv.Atoi(string(a.value))
			return n, err == nil
		}
	}
	return 0, false
}

// appendText appends the current text token with entities replaced and line
// ends made \n, as encoding/xml gives it.
func (s *scanner) appendText(b []byte) ([]byte, error) {
	if s.cdata {
		return appendNewlines(b, s.raw), nil
	}
	out, err := unescape(b, s.raw, true)
	if err != nil {
		return b, s.fail(err.Error())
	}
	return out, nil
}

func (s *scanner) fail(what string) error {
	line := 1 + bytes.Count(s.data[:min(s.pos, len(s.data))], []byte("\n"))
	return fmt.Errorf("%w: %s at line %d", errXML, what, line)
}

// appendNewlines appends raw with \r\n and \r made \n.
func appendNewlines(b, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(b, raw...)
		}
		b = append(append(b, raw[:i]...), '\n')
		raw = raw[i+1:]
		if len(raw) > 0 && raw[0] == '\n' {
			raw = raw[1:]
		}
	}
}

// unescape appends raw with its entity and character references replaced.
func unescape(b, raw []byte, newlines bool) ([]byte, error) {
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			if newlines {
				return appendNewlines(b, raw), nil
			}
			return append(b, raw...), nil
		}
		if newlines {
			b = appendNewlines(b, raw[:i])
		} else {
			b = append(b, raw[:i]...)
		}
		raw = raw[i:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return b, errors.New("an unterminated entity")
		}
		ent := string(raw[1:semi])
		raw = raw[semi+1:]
		switch ent {
		case "lt":
			b = append(b, '<')
		case "gt":
			b = append(b, '>')
		case "amp":
			b = append(b, '&')
		case "quot":
			b = append(b, '"')
		case "apos":
			b = append(b, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return b, fmt.Errorf("an unknown entity &%s;", ent)
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			// As encoding/xml: any code point, one that is no character
			// (a surrogate) becoming U+FFFD.
			if err != nil || n > unicode.MaxRune {
				return b, fmt.Errorf("a bad character reference &%s;", ent)
			}
			b = utf8.AppendRune(b, rune(n))
		}
	}
}

// checkDeclaration refuses an XML declaration of an encoding other than
// UTF-8, which encoding/xml refused too. pi is the instruction without its
// closing "?>"; it is read as encoding/xml reads it.
func checkDeclaration(pi []byte) error {
	if len(pi) < 2 { // "<?>": the "?>" overlaps the "<?"
		return fmt.Errorf("%w: a malformed processing instruction", errXML)
	}
	target := pi[2:]
	if i := bytes.IndexAny(target, " \t\r\n"); i >= 0 {
		target = target[:i]
	}
	if string(target) != "xml" {
		return nil
	}
	content := pi[2+len(target):]
	enc := declared(content, "encoding")
	if len(enc) > 0 && !bytes.EqualFold(enc, []byte("utf-8")) && !bytes.EqualFold(enc, []byte("utf8")) {
		return fmt.Errorf("%w: encoding %q declared; workbook parts are UTF-8", errXML, enc)
	}
	return nil
}

// declared is a pseudo-attribute's quoted value in a declaration, "" where
// there is none.
func declared(content []byte, param string) []byte {
	key := []byte(param + "=")
	for i := 0; i < len(content); {
		k := bytes.Index(content[i:], key)
		if k < 0 || i+k+len(key) >= len(content) {
			return nil
		}
		i += k + len(key)
		if q := content[i]; q == '"' || q == '\'' {
			end := bytes.IndexByte(content[i+1:], q)
			if end < 0 {
				return nil
			}
			return content[i+1 : i+1+end]
		}
	}
	return nil
}
