package robot

import (
	"strings"
	"unicode/utf8"
)

// Room is how many bytes of markdown a message with this title may hold:
// DingTalk sends the title beside the markdown and Feishu in its card's
// header, both within the same limit; WeCom's markdown holds its own.
func (k Kind) Room(title string) int {
	if k == WeCom {
		return k.MaxBytes()
	}
	return max(k.MaxBytes()-len(title), 0)
}

// Cut shortens s to at most max bytes of UTF-8, at a character, ending in
// "…" where it cut: a name of ten thousand characters in a title.
func Cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const mark = "…"
	if max < len(mark) {
		return cutBytes(s, max)
	}
	return cutBytes(s, max-len(mark)) + mark
}

// cutBytes is the longest start of s within max bytes that ends at a
// character.
func cutBytes(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

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
	return cutBytes(join(0), max)
}
