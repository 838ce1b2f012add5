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
}
