package pdf

import (
	"strings"
	"unicode"
)

// Characters that may not start a line (closing punctuation) or end one
// (opening brackets), the rules of Chinese line breaking (禁则).
const (
	noLineStart = "、。,.,;;::!!??))」』】》〉〕]}%%…—·ー〜~"
	noLineEnd   = "((「『【《〈〔[{“‘"
)

// unit is an unbreakable piece of text: a Latin word with what sticks to it, a
// single Han character, or a run of spaces.
type unit struct {
	text  string
	space bool
}

// units splits a paragraph into the pieces a line may break between.
func units(s string) []unit {
	var out []unit
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, unit{text: word.String()})
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			flush()
			if n := len(out); n > 0 && out[n-1].space {
				out[n-1].text += " "
			} else {
				out = append(out, unit{text: " ", space: true})
			}
		case r < 0x2E80 && !unicode.IsSpace(r) && !strings.ContainsRune(noLineStart, r) && !strings.ContainsRune(noLineEnd, r):
			// Latin letters, digits and signs stay together as a word.
			word.WriteRune(r)
		case r < 0x2E80 && strings.ContainsRune(noLineStart, r):
			word.WriteRune(r)
			flush()
		default:
			flush()
			out = append(out, unit{text: string(r)})
		}
	}
	flush()
	return out
}

// wrap breaks text into lines no wider than w at the current font size. Han
// text breaks between any two characters, Latin words are kept whole (unless a
// word alone is wider than a line), no line starts with closing punctuation or
// ends with an opening bracket, and every character of the text is in the
// lines: joined, they give the text back but for the spaces at the breaks.
func (d *doc) wrap(text string, w float64) []string {
	text = safe(text)
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, d.wrapParagraph(para, w)...)
	}
	return lines
}

func (d *doc) wrapParagraph(para string, w float64) []string {
	// Most cells fit on one line: measured once, they need no breaking.
	if d.width(para) <= w {
		return []string{strings.Trim(para, " ")}
	}
	cs := clusters(units(para))
	if len(cs) == 0 {
		return []string{""}
	}
	var lines []string
	var cur strings.Builder
	curW := 0.0
	emit := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curW = 0
	}
	for _, c := range cs {
		cw := d.width(c.text)
		switch {
		case c.space:
			if cur.Len() > 0 { // no line starts with the space of a break
				cur.WriteString(c.text)
				curW += cw
			}
		case curW+cw <= w:
			cur.WriteString(c.text)
			curW += cw
		case cw > w:
			// Wider than a line on its own: break it between characters.
			if cur.Len() > 0 {
				emit()
			}
			pieces := d.splitWide(c.text, w)
			lines = append(lines, pieces[:len(pieces)-1]...)
			cur.WriteString(pieces[len(pieces)-1])
			curW = d.width(pieces[len(pieces)-1])
		default:
			emit()
			cur.WriteString(c.text)
			curW = cw
		}
	}
	if cur.Len() > 0 {
		emit()
	}
	return lines
}

// clusters glues units that may not be parted: closing punctuation to what it
// follows, an opening bracket to what it precedes.
func clusters(us []unit) []unit {
	var out []unit
	open := ""
	for _, u := range us {
		if u.space {
			if open != "" {
				out = append(out, unit{text: open})
				open = ""
			}
			out = append(out, u)
			continue
		}
		if isOpener(u.text) {
			open += u.text
			continue
		}
		text := open + u.text
		open = ""
		if startsForbidden(u.text) && len(out) > 0 && !out[len(out)-1].space {
			out[len(out)-1].text += text
			continue
		}
		out = append(out, unit{text: text})
	}
	if open != "" {
		out = append(out, unit{text: open})
	}
	return out
}

// isOpener reports whether a unit is only opening brackets.
func isOpener(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(noLineEnd, r) {
			return false
		}
	}
	return s != ""
}

// splitWide breaks one long word into pieces that fit.
func (d *doc) splitWide(word string, w float64) []string {
	var out []string
	var b strings.Builder
	bw := 0.0 // widths add up: measure each character once, not the line again
	for _, r := range word {
		rw := d.width(string(r))
		if b.Len() > 0 && bw+rw > w {
			out = append(out, b.String())
			b.Reset()
			bw = 0
		}
		b.WriteRune(r)
		bw += rw
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

func startsForbidden(s string) bool {
	for _, r := range s {
		return strings.ContainsRune(noLineStart, r)
	}
	return false
}
