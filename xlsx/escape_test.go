package xlsx

import "testing"

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"李四_x000D_": "李四\r",
		"优化线上推广渠道_x000D_\n(抖音/小红书)": "优化线上推广渠道\r\n(抖音/小红书)",
		"a_x0001_b":                    "a\x01b",
		"_x005F_x000D_":                "_x000D_",
		"snake_x005F_case":             "snake_case",
		"_xD842__xDFB7_野家":             "𠮷野家",
		"half _xD842_ pair":            "half \uFFFD pair",
		"_xZZZZ_ and _x12_ and x000D_": "_xZZZZ_ and _x12_ and x000D_",
		"plain":                        "plain",
	} {
		if got := unescapeExcel(in); got != want {
			t.Errorf("unescapeExcel(%q) = %q, want %q", in, got, want)
		}
	}
}
