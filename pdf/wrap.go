package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Characters that may not start a line (closing punctuation) or end one
// (opening brackets), the rules of Chinese line breaking (禁则): the
// full-width forms teams type (，；：）) and the ASCII ones.
const (
	noLineStart = "、。，．,.；;：:！!？?）)」』】》〉〕〗〙］]｝}％%…—·ー〜~"
	noLineEnd   = "（(「『【《〈〔〖〘［[｛{“‘"
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
		case (r == '.' || r == ',' || r == '%') && word >= 0 && end < len(s) && s[end] >= '0' && s[end] <= '9':
			// Inside a number or a date (2.5, 1,200, 7.31): not a break.
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
		if n := len(out); n >= 2 && out[n-1].space && start == u.start && unitAfter(out[n-2].text, u.text) {
			// A number and its unit apart by a space (92 天) stay together.
			out = out[:n-1]
			out[n-2] = span(out[n-2].start, u.end)
			continue
		}
		if len(out) > 0 && !out[len(out)-1].space && (startsForbidden(u.text) || sticks(out[len(out)-1].text, u.text)) {
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

// sticks reports whether two neighbouring pieces are one date or amount, not
// to be parted: a number and its unit (2026年, 3月, 14日, 1200万, 500家) and a
// date's 年 or 月 and the number after it (2026年3月14日 stays whole).
func sticks(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsDigit(last) && utf8.RuneCountInString(next) == 1 && strings.ContainsRune(numberUnits, first):
		return true
	case (last == '年' || last == '月') && unicode.IsDigit(first):
		return true
	}
	return false
}

// unitAfter reports whether next, written after prev with a space between,
// is prev's unit: a number and a measure word ("92 天", "3 人").
func unitAfter(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsDigit(last) && strings.ContainsRune(numberUnits, first)
}

// numberUnits are the characters that follow a number as its unit.
const numberUnits = "年月日号號时時分秒万萬亿億元家人个個场場次倍件台户戶位名项項条條天周週季度"

// isOpener reports whether a unit is only opening brackets.
func isOpener(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune(noLineEnd, r) {
			return false
		}
	}
	return s != ""
}

// splitWide breaks one word too long for a line into pieces that fit. A
// date or number range breaks after its separators where it can
// ("2024.10.1-" / "2026.3.31"), never inside a number; a word of letters
// between two letters, with a hyphen (U+2010, which the text never holds, so
// that it is seen as added).
func (d *doc) splitWide(word string, w float64) []string {
	// A web address breaks only after a / or a -, where a reader expects it.
	url := strings.HasPrefix(word, "http://") || strings.HasPrefix(word, "https://")
	var out []string
	from := 0
	for from < len(word) {
		end, bw, lastSep, lastRange := from, 0.0, -1, -1
		for end < len(word) {
			r, size := utf8.DecodeRuneInString(word[end:])
			rw := d.width(word[end : end+size])
			if end > from && bw+rw > w {
				break
			}
			bw += rw
			end += size
			if end < len(word) {
				switch {
				case strings.ContainsRune("-–~至", r): // between the two ends of a range
					lastRange = end
				case url && r == '/':
					lastSep = end
				case url:
				case strings.ContainsRune("/.,_年月日", r): // between the parts of a date
					lastSep = end
				}
			}
		}
		if lastRange > from {
			lastSep = lastRange
		}
		switch {
		case end >= len(word):
			out = append(out, word[from:])
			return out
		case lastSep > from:
			out = append(out, word[from:lastSep])
			from = lastSep
			continue
		}
		// No separator in reach: between two letters with a hyphen, else
		// between characters.
		prev, psize := utf8.DecodeLastRuneInString(word[from:end])
		next, _ := utf8.DecodeRuneInString(word[end:])
		if !url && unicode.IsLetter(prev) && unicode.IsLetter(next) && prev < 0x2E80 && utf8.RuneCountInString(word[from:end]) > 3 {
			if d.width(word[from:end])+d.width("\u2010") > w {
				end -= psize
			}
			out = append(out, word[from:end]+"\u2010")
		} else {
			out = append(out, word[from:end])
		}
		from = end
	}
	return out
}

// startsForbidden reports whether a piece may not start a line. A closing
// quote does not either; it is not in noLineStart because within a Latin
// word it is an apostrophe (team’s), part of the word.
func startsForbidden(s string) bool {
	for _, r := range s {
		return strings.ContainsRune(noLineStart, r) || r == '”' || r == '’'
	}
	return false
}
