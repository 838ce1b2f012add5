package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A table's header row names its columns in a few words ("里程碑按期",
// "平均达成率（单项封顶100%）", "Milestones on schedule"): a header broken
// inside a word ("里程碑按/期") reads as two. The columns are widened for
// their headers' words where the others can spare it, else the header is set
// a step smaller; only a word wider than its column at that size is broken.

// Header sizes: the table's own, and the step smaller a header takes where
// its words do not fit the columns otherwise.
const (
	headSize      = 8.5
	headSizeSmall = 7.5
)

// titleParts are a header's words, each but the first with what parts it
// from the one before (a space, or nothing before an opening bracket):
// Chinese has no spaces, so a bracket's content is the word.
func titleParts(title string) []string {
	var parts []string
	start := 0
	cut := func(at int) {
		if at > start && strings.TrimSpace(title[start:at]) != "" {
			parts = append(parts, title[start:at])
			start = at
		}
	}
	for i, r := range title {
		switch {
		case r == ' ' || r == '\n':
			cut(i)
		case strings.ContainsRune("（(「《【", r):
			cut(i)
		case i > 0 && strings.ContainsRune("）)」》】、，", lastRune(title[:i])):
			cut(i)
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) && unicode.Is(unicode.Han, lastRune(title[:i])):
			cut(i) // 单项封顶 | 100%
		}
	}
	cut(len(title))
	return parts
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// titleNeed is the width the header's widest word takes at the current
// size, with the cell's padding.
func (d *doc) titleNeed(title string) float64 {
	need := 0.0
	for _, p := range titleParts(title) {
		need = max(need, d.width(strings.TrimSpace(p)))
	}
	return need + 2*cellPad + 0.2
}

// widenForTitles widens the columns whose header words do not fit, at the
// header's size if the other columns can spare it out of the room beyond
// their header and their cells' lines, else at the smaller size, as far as
// they can. Columns of names keep theirs (widenForNames sized them).
func (d *doc) widenForTitles(cols []column, rows [][]cell, widths []float64) {
	d.setSize(headSize)
	lines := make([]float64, len(cols)) // each column's widest line of text
	for _, row := range rows {
		for i := range min(len(row), len(cols)) {
			for _, l := range strings.Split(row[i].text, "\n") {
				lines[i] = max(lines[i], d.width(l)+2*cellPad+0.2)
			}
		}
	}
	for _, size := range []float64{headSize, headSizeSmall} {
		d.setSize(size)
		need := make([]float64, len(cols))
		short, spare := 0.0, 0.0
		for i, c := range cols {
			need[i] = d.titleNeed(c.title)
			switch {
			case need[i] > widths[i]:
				short += need[i] - widths[i]
			case !c.names && widths[i] > max(need[i], lines[i]):
				spare += widths[i] - max(need[i], lines[i])
			}
		}
		if short == 0 {
			break
		}
		if short > spare && size == headSize {
			continue // a step smaller
		}
		give := min(short, spare)
		for i, c := range cols {
			switch {
			case need[i] > widths[i]:
				widths[i] += (need[i] - widths[i]) * give / short
			case !c.names && widths[i] > max(need[i], lines[i]):
				widths[i] -= (widths[i] - max(need[i], lines[i])) * give / spare
			}
		}
		break
	}
	d.setSize(headSize)
}

// titleLines are the header row's lines and the size it is set in: the
// smaller size where a header's word does not fit its column otherwise.
func (d *doc) titleLines(cols []column, widths []float64) ([][]string, float64) {
	size := headSize
	d.setSize(size)
	for i, c := range cols {
		if d.titleNeed(c.title) > widths[i]+0.01 {
			size = headSizeSmall
			d.setSize(size)
			break
		}
	}
	lines := make([][]string, len(cols))
	for i, c := range cols {
		lines[i] = d.wrapTitle(c.title, widths[i]-2*cellPad)
	}
	return lines, size
}

// wrapTitle breaks a header between its words; a word wider than w is
// broken as wrap breaks it.
func (d *doc) wrapTitle(title string, w float64) []string {
	if d.width(title) <= w {
		return []string{strings.TrimSpace(title)}
	}
	var out []string
	line := ""
	for _, p := range titleParts(title) {
		switch {
		case line == "":
			line = strings.TrimSpace(p)
		case d.width(line+p) <= w:
			line += p
		default:
			out = append(out, line)
			line = strings.TrimSpace(p)
		}
		if d.width(line) > w {
			ls := d.wrap(line, w)
			out = append(out, ls[:len(ls)-1]...)
			line = ls[len(ls)-1]
		}
	}
	return append(out, line)
}
