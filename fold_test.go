package fupan

import (
	"regexp"
	"strings"
	"testing"
)

// twWords are the words Taiwan and the mainland say differently, which
// fupan's Traditional texts use as Taiwan reads them (活頁簿 for 工作簿): the
// folding of characters cannot make one the other, so the test does.
var twWords = [][2]string{
	{"「", "“"}, {"」", "”"}, // the quotation marks of each script
	{"活页簿", "工作簿"}, {"档案", "文件"}, {"储存格", "单元格"}, {"的列", "的行"}, {"列的", "行的"}, {"表头列", "表头行"}, {"栏", "列"}, {"设定", "配置"},
	{"环境变数", "环境变量"}, {"产生", "生成"}, {"范本", "模板"}, {"字元", "字符"}, {"字型", "字体"},
	{"开启", "打开"}, {"储存", "保存"}, {"品质", "质量"}, {"资讯", "信息"}, {"预设", "默认"},
	{"合併", "合并"}, // 併 is not folded: 并 is written in Traditional too
	{"档名", "文件名"}, {"连结", "链接"}, {"资料夹", "文件夹"}, {"资料", "数据"}, {"重新命名", "重命名"},
}

// foldsTo reports whether a Traditional text, folded, is its Simplified one.
func foldsTo(hant, hans string) (string, bool) {
	got := Simplify(hant)
	for _, w := range twWords {
		got = strings.ReplaceAll(got, w[0], w[1])
	}
	return got, got == Simplify(hans)
}

// Every Traditional message folds to its Simplified one: the folding that
// matches a team's Traditional headers and words knows every character of
// fupan's own texts (問 and others were missing, so 15 messages did not fold).
func TestCatalogueFolds(t *testing.T) {
	for code, m := range catalogue {
		for _, p := range [][2]string{{m.hant, m.hans}, {m.hintHant, m.hintHans}} {
			if got, ok := foldsTo(p[0], p[1]); !ok {
				t.Errorf("%s: %q folds to\n  %q, not\n  %q", code, p[0], got, p[1])
			}
		}
	}
}

// FoldsTo is foldsTo for the external tests (the labels of templates).
var FoldsTo = foldsTo

// Chinese messages use full-width punctuation next to Chinese text.
func TestCataloguePunctuation(t *testing.T) {
	bad := regexp.MustCompile(`\p{Han}[,:;()!?]|[,:;()!?]\p{Han}`)
	for code, m := range catalogue {
		for _, s := range []string{m.hans, m.hant, m.hintHans, m.hintHant} {
			if hit := bad.FindString(s); hit != "" {
				t.Errorf("%s: ASCII punctuation in %q (at %q)", code, s, hit)
			}
		}
	}
}
