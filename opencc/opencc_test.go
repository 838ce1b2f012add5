package opencc_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/opencc"
)

func TestT2S(t *testing.T) {
	t2s, err := opencc.T2S()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"華東銷售部", "华东销售部"}, // the seed's team, in Taiwan's script
		{"华东销售部", "华东销售部"},
		{"臺灣業務組", "台湾业务组"},
		{"East China Sales", "East China Sales"},
		{"銷售額（萬元）", "销售额（万元）"},
		{"乾坤", "乾坤"}, // a phrase keeps 乾 where the character alone would not
	} {
		if got := t2s(tc.in); got != tc.want {
			t.Errorf("T2S(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Team keys with the real converter: one team across scripts, widths, case
// and spaces, and through aliases; characters outside the template's
// vocabulary are converted too (the domain's own table would not know 臺).
func TestTeamKeys(t *testing.T) {
	t2s, err := opencc.T2S()
	if err != nil {
		t.Fatal(err)
	}
	id := fupan.NewIdentity(t2s, map[string]string{"华东区": "华东销售部", "旧华东": "华东区"})
	same := [][]string{
		{"華東銷售部", "华东销售部", " 华东 销售部 ", "華東區", "旧华东"},
		{"East China Sales", "east china  sales", "ＥＡＳＴ ＣＨＩＮＡ ＳＡＬＥＳ"},
		{"臺北業務組", "台北业务组"},
	}
	for _, group := range same {
		want := id.TeamKey(group[0])
		for _, name := range group[1:] {
			if got := id.TeamKey(name); got != want {
				t.Errorf("TeamKey(%q) = %q, want %q (as %q)", name, got, want, group[0])
			}
		}
	}
	if id.TeamKey("华北销售部") == id.TeamKey("华东销售部") {
		t.Error("two teams fold to one key")
	}
	// A loop of aliases ends where it would come back.
	loop := fupan.Identity{Simplify: t2s, Aliases: map[string]string{"甲": "乙", "乙": "甲"}}
	if k := loop.TeamKey("甲"); k != "乙" {
		t.Errorf("alias loop: TeamKey(甲) = %q, want 乙", k)
	}
}
