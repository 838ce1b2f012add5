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
