package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// unescapeExcel decodes the escapes Excel writes in strings for characters XML 1.0
// cannot hold: _xHHHH_ is the UTF-16 unit HHHH (_x000D_ a carriage return),
// _x005F_ a literal underscore (so "_x005F_x000D_" is the text "_x000D_"),
// and two escaped surrogates one character beyond the Basic Multilingual
// Plane. Anything else stays as written.
func unescapeExcel(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		u, ok := escapeAt(s, i)
		if !ok {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += 7
		if utf16.IsSurrogate(rune(u)) {
			if low, ok := escapeAt(s, i); ok {
				if r := utf16.DecodeRune(rune(u), rune(low)); r != 0xFFFD {
					b.WriteRune(r)
					i += 7
					continue
				}
			}
			b.WriteRune(0xFFFD) // half a pair: no character
			continue
		}
		b.WriteRune(rune(u))
	}
	return b.String()
}

// escapeAt reads an _xHHHH_ escape at s[i:].
func escapeAt(s string, i int) (uint16, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
	return uint16(v), err == nil
}
