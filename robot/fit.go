package robot

import "strings"

// Fit joins head, as many of lines as fit, and more(hidden) for the lines
// left out, within max bytes of UTF-8: a summary that would not fit says how
// many it leaves out ("另有 3 个团队") rather than being cut or refused.
// Lines are kept whole, in order.
func Fit(head string, lines []string, more func(hidden int) string, max int) string {
	join := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		for _, l := range lines[:n] {
			b.WriteString("\n")
			b.WriteString(l)
		}
		if hidden := len(lines) - n; hidden > 0 {
			b.WriteString("\n")
			b.WriteString(more(hidden))
		}
		return b.String()
	}
	// The longest prefix that fits, by sizes: building each candidate
	// would be quadratic in a thousand teams.
	size := len(head)
	n := 0
	for n < len(lines) && size+1+len(lines[n]) <= max {
		size += 1 + len(lines[n])
		n++
	}
	for ; n >= 0; n-- {
		if s := join(n); len(s) <= max {
			return s
		}
	}
	// Not even the head fits: the head, cut at a character.
	s := join(0)
	for len(s) > max {
		r := []rune(s)
		s = string(r[:len(r)-1])
	}
	return s
}
