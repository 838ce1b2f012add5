package xlsx

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// numFmtKind is what a number format makes of a number.
type numFmtKind int

const (
	fmtNumber numFmtKind = iota
	fmtDate
	fmtPercent
)

// numFmt is what a cell style's number format makes of a number: its kind,
// and for a number shown with a unit (1200 formatted 0"万" shows 1200万) the
// literal text around it, so the cell is read as the team sees it.
type numFmt struct {
	kind numFmtKind
	unit *unitFormat
}

// unitFormat is the literal text a number format writes around a number,
// and the thousands it divides it by (a trailing comma: #,##0,"千").
type unitFormat struct {
	prefix, suffix string
	scale          float64
	decimals       int // the zeros after the point: 0.00 shows 9.1 as 9.10
}

// show writes n as the format shows it, without rounding it to the format's
// decimals: 1200 with 0"万" is 1200万; 1234.5678 with 0.0"万" is 1234.5678万,
// the figure the team typed; 9.1 with 0.00"前" is 9.10前, as it shows.
func (u *unitFormat) show(n float64) string {
	v := n / u.scale
	// Twelve significant digits: 1200000/1e6 is 1.2, never 1.2000000000000002.
	if r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64); err == nil {
		v = r
	}
	text := strconv.FormatFloat(v, 'f', -1, 64)
	if _, frac, _ := strings.Cut(text, "."); len(frac) < u.decimals {
		if frac == "" {
			text += "."
		}
		text += strings.Repeat("0", u.decimals-len(frac))
	}
	return u.prefix + text + u.suffix
}

// readNumFmt reads a cell style's number format: a built-in id, or a custom
// format code.
func readNumFmt(id int, custom *string) numFmt {
	f := numFmt{kind: classifyNumFmt(id, custom)}
	if f.kind == fmtNumber && custom != nil {
		f.unit = unitOf(*custom)
	}
	return f
}

// classifyNumFmt tells dates and percentages from a number format: a built-in
// id, or a custom format string read outside its quoted text and [brackets].
func classifyNumFmt(id int, custom *string) numFmtKind {
	if custom != nil && *custom != "" {
		var b strings.Builder
		inBracket := false
		unquoted(*custom, func(_ int, r rune) bool {
			switch {
			case r == '[':
				inBracket = true
			case r == ']':
				inBracket = false
			case !inBracket:
				b.WriteRune(r)
			}
			return true
		})
		s := strings.ToLower(b.String())
		switch {
		case strings.ContainsAny(s, "ymd年月日"):
			return fmtDate
		case strings.Contains(s, "%"):
			return fmtPercent
		}
		return fmtNumber
	}
	switch {
	case id == 9 || id == 10:
		return fmtPercent
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 36, id >= 50 && id <= 58, id >= 71 && id <= 81:
		return fmtDate
	}
	return fmtNumber
}

// unitOf reads the literal text of a number format's first section (the one
// positive numbers and zero show with; a negative number is shown with its
// sign and the same unit): the format shows a unit where the text after the
// number names one (万, 亿, 千, 元, 家, 个, %, k, M…) or the text before it is a
// currency (¥, $, €, [$¥-804]). Nil where it shows none: a plain number, a
// space or bracket for alignment, a format fupan does not follow (text between
// the digits, an exponent).
func unitOf(code string) *unitFormat {
	section := firstSection(code)
	if strings.EqualFold(strings.TrimSpace(section), "general") {
		return nil
	}
	var prefix, suffix strings.Builder
	digits, commas, afterDigits, point, decimals := false, 0, false, false, 0
	literal := func(s string) {
		if digits {
			suffix.WriteString(s)
			afterDigits = true
		} else {
			prefix.WriteString(s)
		}
	}
	rs := []rune(section)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			literal(string(rs[i+1 : min(j, len(rs))]))
			i = j
		case (r == '\\' || r == '!') && i+1 < len(rs):
			literal(string(rs[i+1]))
			i++
		case (r == '_' || r == '*') && i+1 < len(rs):
			i++ // the width of a character, or a fill: nothing shown
		case r == '[':
			j := i + 1
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			// [$¥-804] is a currency; [Red] and [>100] show nothing.
			if inner := string(rs[i+1 : min(j, len(rs))]); strings.HasPrefix(inner, "$") {
				sym, _, _ := strings.Cut(inner[1:], "-")
				literal(sym)
			}
			i = j
		case r == '0' || r == '#' || r == '?':
			if afterDigits {
				return nil // 0"亿"0000"万": text between the digits
			}
			digits, commas = true, 0
			if point && r == '0' && decimals < 30 { // Excel's most
				decimals++
			}
		case r == '.' && !afterDigits:
			point = true
		case r == ',':
			if digits {
				commas++
			}
		case r == 'e' || r == 'E' || r == '@' || r == '/':
			return nil // an exponent, a fraction, text: not followed
		default:
			literal(string(r))
		}
	}
	u := &unitFormat{prefix: prefix.String(), suffix: suffix.String(), scale: math.Pow(1000, float64(commas)), decimals: decimals}
	if !digits || !suffixUnit(strings.TrimSpace(u.suffix)) && !currency(u.prefix) {
		return nil
	}
	return u
}

// firstSection is a format's first section, up to a ';' outside quotes.
func firstSection(code string) string {
	end := len(code)
	unquoted(code, func(i int, r rune) bool {
		if r == ';' {
			end = i
		}
		return r != ';'
	})
	return code[:end]
}

// unquoted calls f with each rune of a format code outside its quoted text
// and not escaped by a backslash, and its offset, until f returns false.
func unquoted(code string, f func(i int, r rune) bool) {
	inQuote, escaped := false, false
	for i, r := range code {
		switch {
		case escaped:
			escaped = false
		case r == '\\':
			escaped = true
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case !f(i, r):
			return
		}
	}
}

// suffixUnit reports whether the text after a number names its unit: a
// multiplier, a currency, a measure word (any Chinese character), a percent.
func suffixUnit(s string) bool {
	switch strings.ToLower(s) {
	case "":
		return false
	case "k", "m", "w", "mn", "bn", "rmb", "yuan", "cny", "usd", "eur", "hkd", "gbp":
		return true
	}
	return currency(s) || strings.ContainsFunc(s, func(r rune) bool { return r == '%' || unicode.Is(unicode.Han, r) })
}

// currency reports whether s holds a currency sign.
func currency(s string) bool { return strings.ContainsAny(s, "¥￥$€£") }
