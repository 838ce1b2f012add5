package main

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan/value"
)

// printable escapes what a terminal would act on rather than show: control
// characters (an ESC sequence in a file name or a cell can recolour, move or
// retitle the terminal), bidi controls (U+202E turns what follows around),
// all as value.IsControl has them, and bytes that are not UTF-8. File names, sheet
// names and cell texts come from the teams: they pass through here before
// they are printed for a person.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || value.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case value.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// printableWriter passes text on with each line made printable: for what a
// job writes for a person line by line (remind --dry-run's messages). A
// character cut between two writes waits for the rest.
type printableWriter struct {
	w    io.Writer
	rest []byte // the start of a character the last write ended in
}

func (p *printableWriter) Write(b []byte) (int, error) {
	data := append(p.rest, b...)
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				cut = i
			}
			break
		}
	}
	p.rest = append([]byte(nil), data[cut:]...)
	lines := strings.Split(string(data[:cut]), "\n")
	for i, l := range lines {
		lines[i] = printable(l)
	}
	if _, err := io.WriteString(p.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(b), nil
}

// Flush writes what waits for the rest of a character, escaped.
func (p *printableWriter) Flush() error {
	if len(p.rest) == 0 {
		return nil
	}
	_, err := io.WriteString(p.w, printable(string(p.rest)))
	p.rest = nil
	return err
}
