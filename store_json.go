package fupan

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends the entry as json.Marshal writes it. A listing of a
// whole history writes tens of thousands: by reflection, encoding was half
// the time of `fupan history --json` (TestAppendJSONIsMarshal holds the two
// equal).
func (e HistoryEntry) AppendJSON(b []byte) []byte {
	b = append(b, `{"team":`...)
	b = appendString(b, e.Team)
	b = append(b, `,"period":`...)
	b = appendString(b, e.Period)
	b = append(b, `,"start":`...)
	b = appendDate(b, e.Start.String())
	b = append(b, `,"end":`...)
	b = appendDate(b, e.End.String())
	b = append(b, `,"file":`...)
	b = appendString(b, e.File)
	b = append(b, `,"sha256":`...)
	b = appendString(b, e.SHA256)
	if e.Site != "" {
		b = append(b, `,"site":`...)
		b = appendString(b, e.Site)
	}
	b = append(b, `,"summary":`...)
	b = append(b, e.Summary...)
	b = append(b, `,"recorded_at":"`...)
	b = e.RecordedAt.AppendFormat(b, time.RFC3339Nano)
	return append(b, `"}`...)
}

func appendDate(b []byte, iso string) []byte {
	if iso == "" {
		return append(b, "null"...)
	}
	return append(append(append(b, '"'), iso...), '"')
}

// appendString writes s as encoding/json does: quotes, backslashes and
// control characters escaped, <, > and & as \u escapes, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = strconv.AppendInt(b, int64(r&0xF), 16)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
