package value

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports a character that a terminal, a PDF viewer or a file
// browser acts on rather than shows: C0 and C1 controls and DEL (an ESC
// sequence retitles or clears a terminal, a NUL ends a C string), and the
// bidi controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
// isolates, U+200E/U+200F marks, U+061C), which turn the text after them
// around: "报告\u202Exslx.exe" shows as "报告exe.xlsx". Team names, sheet
// names and cell texts come from the teams: what fupan puts in metadata,
// file names and terminal output passes this test first.
func IsControl(r rune) bool {
	switch {
	case r < 0x20, r == 0x7F, r >= 0x80 && r < 0xA0:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// StripControls is s without the characters IsControl reports, bytes that
// are not UTF-8 replaced by U+FFFD: the form of a team's text in a PDF's
// metadata (title, subject, keywords, outline) and in a file name. Line
// breaks and tabs become a space, so the words around them stay apart.
func StripControls(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85:
			return ' '
		case IsControl(r):
			return -1
		}
		return r
	}, s)
}
