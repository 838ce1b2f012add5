package value

import "testing"

// Simplify maps the vocabulary's Traditional characters and leaves the rest.
func TestSimplify(t *testing.T) {
	for in, want := range map[string]string{
		"執行進度跟蹤表":     "执行进度跟踪表",
		"ABC abc 123": "ABC abc 123",
		"ＡＢＣ（注）":      "ABC(注)",
		"":            "",
	} {
		if got := Simplify(in); got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
	}
	for k := range tradToSimp {
		if k < 0x3400 {
			t.Errorf("%U is below the Han ideographs: simplifyRune skips it", k)
		}
	}
}

func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		"华东销售部":                                     "华东销售部",
		"华南\x1b]0;pwned\x07销售部\x00":                 "华南]0;pwned销售部",
		"报告\u202exslx.exe":                          "报告xslx.exe",
		"a\u2066b\u2069c\u200ed\u200f\u202ae\u061c": "abcde",
		"行一\n行二\t\r":                                "行一 行二  ",
		"\u009b31m红\x7f":                            "31m红",
		"gbk\xb2\xe2":                               "gbk\ufffd",
		"零宽\u200b空格":                                "零宽\u200b空格", // invisible, not a control: folded in keys (MatchKey)
	} {
		if got := StripControls(in); got != want {
			t.Errorf("StripControls(%q) = %q, want %q", in, got, want)
		}
	}
}
