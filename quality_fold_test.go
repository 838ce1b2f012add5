package fupan

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// The quality rules' words are written in Simplified; a Traditional review
// writes them as OpenCC's s2t, s2tw and s2hk do, and Simplify must fold each
// of those back, or "銷售額偏低" would keep its 偏低.
func TestQualityWordsFold(t *testing.T) {
	var words []string
	for _, l := range [][]string{missWords, genericCauses, fillers, praise, measurable} {
		words = append(words, l...)
	}
	missing := map[string]bool{}
	for _, cfg := range []string{"s2t", "s2tw", "s2hk"} {
		cc, err := opencc.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			hant, err := cc.Convert(w)
			if err != nil {
				t.Fatal(err)
			}
			got := Simplify(hant)
			if got == w {
				continue
			}
			hr, wr := []rune(hant), []rune(w)
			if len(hr) != len(wr) {
				t.Errorf("%s: %q is %q, of another length", cfg, w, hant)
				continue
			}
			for i := range hr {
				if []rune(Simplify(string(hr[i])))[0] != wr[i] {
					missing[fmt.Sprintf("%c%c", hr[i], wr[i])] = true
				}
			}
		}
	}
	if len(missing) > 0 {
		var pairs []string
		for p := range missing {
			pairs = append(pairs, p)
		}
		sort.Strings(pairs)
		t.Errorf("Simplify does not fold these Traditional characters of the rules' words: %s", strings.Join(pairs, ""))
	}
}
