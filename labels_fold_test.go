package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
)

// Every Traditional label of the report, the conclusion sheet and the
// template folds to its Simplified one, as the messages do.
func TestLabelsFold(t *testing.T) {
	check := func(what string, l fupan.Names) {
		if got, ok := fupan.FoldsTo(l.Hant, l.Hans); !ok {
			t.Errorf("%s: %q folds to\n  %q, not\n  %q", what, l.Hant, got, l.Hans)
		}
	}
	templates.EachLabel(func(key string, l templates.Label) { check(key, l) })
	for i, l := range templates.Instructions() {
		check("instruction "+string(rune('1'+i)), l)
	}
	// The blank template's sheet names, input hints and drop-downs, and its
	// review facts, are read by teams too.
	for _, spec := range templates.Template() {
		check("template sheet", fupan.Names(spec.Sheet))
		for _, c := range spec.Columns {
			check("hint of "+string(c.Col), fupan.Names(c.Hint))
			for _, item := range c.List {
				check("drop-down of "+string(c.Col), fupan.Names(item))
			}
		}
	}
	for _, f := range templates.Facts() {
		check("fact", fupan.Names(f[0]))
		check("fact hint", fupan.Names(f[1]))
	}
}
