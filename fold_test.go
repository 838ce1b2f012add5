package fupan

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/catalog"
)

// twWords are the words Taiwan and the mainland say differently, which
// fupan's Traditional texts use as Taiwan reads them (活頁簿 for 工作簿): the
// folding of characters cannot make one the other, so the test does.
var twWords = [][2]string{
	{"副档名", "扩展名"},         // before 档名
	{"「", "“"}, {"」", "”"}, // the quotation marks of each script
	{"活页簿", "工作簿"}, {"档案", "文件"}, {"储存格", "单元格"}, {"的列", "的行"}, {"列的", "行的"}, {"表头列", "表头行"}, {"栏", "列"}, {"设定", "配置"},
	{"环境变数", "环境变量"}, {"产生", "生成"}, {"范本", "模板"}, {"字元", "字符"}, {"字型", "字体"},
	{"开启", "打开"}, {"储存", "保存"}, {"品质", "质量"}, {"资讯", "信息"}, {"预设", "默认"},
	{"合併", "合并"}, // 併 is not folded: 并 is written in Traditional too
	{"档名", "文件名"}, {"连结", "链接"}, {"资料夹", "文件夹"}, {"资料", "数据"}, {"重新命名", "重命名"},
	{"各位主管", "各位领导"}, {"窜改", "篡改"},
	// fupan serve's login.
	{"登入", "登录"}, {"登出", "退出登录"}, {"工作阶段", "会话"}, {"存取", "访问"}, {"位址", "地址"}, {"伺服器", "服务器"},
	{"回应", "响应"}, {"传回", "返回"}, {"身分", "身份"}, {"群组", "组"}, {"检视", "查看"}, {"联络", "联系"},
	// fupan doctor's PostgreSQL checks.
	{"配置档", "配置文件"}, {"连线字串", "连接串"}, {"使用者", "用户"}, {"连接埠", "端口"}, {"连线", "连接"}, {"变数", "变量"},
}

// foldsTo reports whether a Traditional text, folded, is its Simplified one.
func foldsTo(hant, hans string) (string, bool) {
	got := Simplify(hant)
	for _, w := range twWords {
		got = strings.ReplaceAll(got, w[0], w[1])
	}
	return got, got == Simplify(hans)
}

// Every Traditional text of the catalogue folds to its Simplified one: the
// folding that matches a team's Traditional headers and words knows every
// character of fupan's own texts (問 and others were missing, so 15 messages
// did not fold). The schema's table and column names are read by teams too.
func TestCatalogueFolds(t *testing.T) {
	tags := regexp.MustCompile(`<[^>]*>`)
	n := 0
	for _, key := range catalog.Keys(Simplified) {
		// What people read: the mail's HTML tags (lang, fonts) differ by script.
		hans, hant := tags.ReplaceAllString(catalog.T(Simplified, key), ""), tags.ReplaceAllString(catalog.T(Traditional, key), "")
		if got, ok := foldsTo(hant, hans); !ok {
			t.Errorf("%s: %q folds to\n  %q, not\n  %q", key, hant, got, hans)
		}
		n++
	}
	for _, def := range Schema() {
		for _, names := range append([]Names{def.Names}, columnNames(def)...) {
			if got, ok := foldsTo(names.Hant, names.Hans); !ok {
				t.Errorf("%s: %q folds to\n  %q, not\n  %q", def.Names.En, names.Hant, got, names.Hans)
			}
			n++
		}
	}
	if n < 300 {
		t.Fatalf("only %d texts checked: the catalogue is not being read", n)
	}
}

func columnNames(def TableDef) []Names {
	var out []Names
	for _, c := range def.Columns {
		out = append(out, c.Names)
	}
	return out
}

// Chinese texts use full-width punctuation next to Chinese text (,:;()!?),
// never the ASCII marks, which look wrong in a Chinese sentence.
func TestCataloguePunctuation(t *testing.T) {
	bad := regexp.MustCompile(`\p{Han}[,:;()!?]|[,:;()!?]\p{Han}`)
	// A text built from pieces takes Han text into its %s and puts its
	// separators between Han texts: "%s: %s (%s)" and a separator "," gave
	// "华东销售额: 1200万 (80%)" and "数据质量问题:0 个错误,0 个警告".
	pieces := regexp.MustCompile(`%[sdvq][,:;()!?]|[,:;()!?]\s*%[sdvq]|^\s*[,:;()!?]+\s*$`)
	// The titles of the tables are the seed's own spelling (表1:策略执行计划表),
	// which teams copy and fupan reads.
	seeds := map[string]bool{"table.title": true}
	for _, l := range []Lang{Simplified, Traditional} {
		for _, key := range catalog.Keys(l) {
			text := catalog.T(l, key)
			if hit := bad.FindString(text); hit != "" {
				t.Errorf("%s %s: ASCII punctuation in %q (at %q)", l, key, text, hit)
			}
			// A host and its port (smtp.example.com:465) are written as
			// machines read them.
			if hit := pieces.FindString(strings.ReplaceAll(text, "%s:%d", "")); hit != "" && !seeds[key] {
				t.Errorf("%s %s: ASCII punctuation beside a piece in %q (at %q)", l, key, text, hit)
			}
		}
	}
}

// Every finding code has a severity and, in every language, a message and a
// hint; every finding text of the catalogue belongs to a code.
func TestEveryCodeHasItsTexts(t *testing.T) {
	for code := range severity {
		for _, l := range catalog.Langs() {
			for _, key := range []string{"finding." + string(code), "finding." + string(code) + ".hint"} {
				if catalog.T(l, key) == key || catalog.T(l, key) == "" {
					t.Errorf("%s: no %s text for %s", l, key, code)
				}
			}
		}
	}
	for _, key := range catalog.Keys(Simplified) {
		code, ok := strings.CutPrefix(strings.TrimSuffix(key, ".hint"), "finding.")
		if _, known := severity[Code(code)]; ok && !known {
			t.Errorf("%s: the catalogue has a text for a code that does not exist", key)
		}
	}
}
