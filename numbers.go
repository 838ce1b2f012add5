package fupan

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/value"
)

// FormatAmount writes a number as readers of the language read it, the one
// way every document writes it: 16万 in Chinese from 10,000 up, 160,000 in
// English (separators every three digits). A fraction is kept, to four
// places: 89.996 beside its 89.9% must not read 90.
func FormatAmount(v float64, l Lang) string {
	if l != English && v >= 10000 {
		return catalog.F(l, "amount.wan", strconv.FormatFloat(float64(int64(v/100+0.5))/100, 'f', -1, 64))
	}
	r := math.Round(v*1e4) / 1e4
	if r == 0 {
		r = 0 // never "-0"
	}
	s := strconv.FormatFloat(r, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// formatFigure writes a metric's target or actual for fupan's own sentences
// (the conclusion): a bare number or an amount through FormatAmount, with
// the currency sign the team wrote before it (¥, $, US$); a count, a
// percentage or a text fupan could not read as the team wrote it.
func formatFigure(text string, v *float64, kind value.Kind, l Lang) string {
	if v == nil || kind != value.KindNumber && kind != value.KindAmount {
		return text
	}
	t := strings.TrimSpace(text)
	sign := strings.TrimRightFunc(t[:len(t)-len(strings.TrimLeftFunc(t, func(r rune) bool { return !unicode.IsDigit(r) && r != '-' }))], unicode.IsSpace)
	if kind == value.KindNumber && sign != "" {
		return text // a prefix fupan did not read as a currency: as written
	}
	return sign + FormatAmount(*v, l)
}
