package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Characters that may not start a line (closing punctuation) or end one
// (opening brackets), the rules of Chinese line breaking (禁则).
const (
	noLineStart = "、。,.,;;::!!??))」』】》〉〕]}%%…—·ー〜~"
	noLineEnd   = "((「『【《〈〔[{“‘"
)

// unit is an unbreakable piece of a paragraph: a Latin word with what sticks
// to it, a single Han character, or a run of spaces. Units are slices of the
// paragraph, never copies: building strings for every character was a fifth
// of drawing a report.
type unit struct {
	text       string // para[start:end]
	start, end int
	space      bool
}

// units splits a paragraph into the pieces a line may break between. Together
// they cover the paragraph, in order.
func units(s string) []unit {
	out := make([]unit, 0, len(s)/3+1)
	add := func(start, end int, space bool) {
		out = append(out, unit{text: s[start:end], start: start, end: end, space: space})
	}
	word := -1 // where the word being read starts
	flush := func(end int) {
		if word >= 0 {
			add(word, end, false)
			word = -1
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := i + size
		switch {
		case r == ' ':
			flush(i)
			if n := len(out); n > 0 && out[n-1].space {
				out[n-1].end, out[n-1].text = end, s[out[n-1].start:end]
			} else {
				add(i, end, true)
			}
		case r < 0x2E80 && !unicode.IsSpace(r) && !strings.ContainsRune(noLineStart, r) && !strings.ContainsRune(noLineEnd, r):
			// Latin letters, digits and signs stay together as a word.
			if word < 0 {
				word = i
			}
		case r < 0x2E80 && strings.ContainsRune(noLineStart, r):
			if word < 0 {
				word = i
			}
			flush(end)
		default:
			flush(i)
			add(i, end, false)
		}
		i = end
	}
	flush(len(s))
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
	for {
		para, rest, more := strings.Cut(text, "\n")
		lines = d.wrapParagraph(lines, para, w)
		if !more {
			return lines
		}
		text = rest
	}
}

// wrapParagraph appends the lines of one paragraph; they are slices of it.
func (d *doc) wrapParagraph(lines []string, para string, w float64) []string {
	// Most cells fit on one line: measured once, they need no breaking.
	if d.width(para) <= w {
		return append(lines, strings.Trim(para, " "))
	}
	cs := clusters(para, units(para))
	if len(cs) == 0 {
		return append(lines, "")
	}
	from, to := -1, -1 // the line being filled, para[from:to]; none while from < 0
	curW := 0.0
	emit := func() {
		lines = append(lines, strings.TrimRight(para[from:to], " "))
		from, curW = -1, 0
	}
	for _, c := range cs {
		cw := d.width(c.text)
		switch {
		case c.space:
			if from >= 0 { // no line starts with the space of a break
				to = c.end
				curW += cw
			}
		case curW+cw <= w:
			if from < 0 {
				from = c.start
			}
			to = c.end
			curW += cw
		case cw > w:
			// Wider than a line on its own: break it between characters.
			if from >= 0 {
				emit()
			}
			pieces := d.splitWide(c.text, w)
			lines = append(lines, pieces[:len(pieces)-1]...)
			last := pieces[len(pieces)-1]
			from, to = c.end-len(last), c.end
			curW = d.width(last)
		default:
			emit()
			from, to = c.start, c.end
			curW = cw
		}
	}
	if from >= 0 {
		emit()
	}
	return lines
}

// clusters glues units that may not be parted: closing punctuation to what it
// follows, an opening bracket to what it precedes. s is the paragraph the
// units are of; us is reused for the result.
func clusters(s string, us []unit) []unit {
	out := us[:0] // never longer than the units read so far
	open := -1    // where pending opening brackets start
	span := func(start, end int) unit { return unit{text: s[start:end], start: start, end: end} }
	for _, u := range us {
		if u.space {
			if open >= 0 {
				out = append(out, span(open, u.start))
				open = -1
			}
			out = append(out, u)
			continue
		}
		if isOpener(u.text) {
			if open < 0 {
				open = u.start
			}
			continue
		}
		start := u.start
		if open >= 0 {
			start, open = open, -1
		}
		if startsForbidden(u.text) && len(out) > 0 && !out[len(out)-1].space {
			out[len(out)-1] = span(out[len(out)-1].start, u.end)
			continue
		}
		out = append(out, span(start, u.end))
	}
	if open >= 0 {
		out = append(out, span(open, len(s)))
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

// splitWide breaks one long word into pieces that fit, slices of it.
func (d *doc) splitWide(word string, w float64) []string {
	var out []string
	from := 0
	bw := 0.0 // widths add up: measure each character once, not the line again
	for i := 0; i < len(word); {
		_, size := utf8.DecodeRuneInString(word[i:])
		rw := d.width(word[i : i+size])
		if i > from && bw+rw > w {
			out = append(out, word[from:i])
			from, bw = i, 0
		}
		bw += rw
		i += size
	}
	if from < len(word) {
		out = append(out, word[from:])
	}
	return out
}

func startsForbidden(s string) bool {
	for _, r := range s {
		return strings.ContainsRune(noLineStart, r)
	}
	return false
}
