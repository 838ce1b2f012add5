package chart

import (
	"strings"
	"unicode"
)

// Approx measures text as a browser is likely to draw it, without its font:
// a Chinese, Japanese or Korean character or a full-width form is an em
// wide, anything else about half of one. A page cannot know the font its
// reader's browser picks; the estimate keeps titles and labels inside their
// boxes and cuts what is far too long as the PDF would.
type Approx struct{}

func (Approx) Width(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		em += runeEm(r)
	}
	return em * size / PtPerMM
}

func runeEm(r rune) float64 {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana),
		r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60, r == '…':
		return 1
	case r == ' ' || r == '.' || r == ',' || r == ':' || r == 'i' || r == 'l':
		return 0.3
	case unicode.IsUpper(r) || r == '%' || r == 'm' || r == 'w':
		return 0.7
	}
	return 0.55
}

// Wrap breaks s between words where it has spaces, else between characters.
func (a Approx) Wrap(s string, size, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, r := range para {
			next := line + string(r)
			if line != "" && a.Width(next, size) > w {
				// Back to the last space, where there is one on the line.
				if i := strings.LastIndex(line, " "); i > 0 && r != ' ' {
					lines, line = append(lines, line[:i]), line[i+1:]+string(r)
					continue
				}
				lines, line = append(lines, strings.TrimRight(line, " ")), strings.TrimLeft(string(r), " ")
				continue
			}
			line = next
		}
		lines = append(lines, line)
	}
	return lines
}
