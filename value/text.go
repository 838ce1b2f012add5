package value

import (
	"strings"
	"unicode"
)

// foldWidth maps full-width and ideographic forms to their ASCII counterparts, the
// part of Unicode NFKC that matters for headers and values typed on a Chinese
// input method ("（７月）" is "(7月)"). Kept here so the domain needs no module.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000 || r == 0x00A0:
		return ' '
	}
	switch r {
	case '，', '、':
		// 、 separates list items like a comma; treating it as one simplifies splitting.
		if r == '，' {
			return ','
		}
		return r
	case '：':
		return ':'
	case '；':
		return ';'
	case '（':
		return '('
	case '）':
		return ')'
	case '【', '〔', '［':
		return '['
	case '】', '〕', '］':
		return ']'
	case '～', '〜':
		return '~'
	case '－', '‐', '‑', '−':
		return '-'
	case '％':
		return '%'
	case '．':
		return '.'
	case '／':
		return '/'
	case '＋':
		return '+'
	}
	return r
}

// FoldText applies the width folding to a whole string.
func FoldText(s string) string {
	return strings.Map(foldWidth, s)
}

// tradSimpPairs lists Traditional characters that occur in the template's
// vocabulary (headers, labels, keywords of values and rules), each followed by
// its Simplified form. It is deliberately limited to that vocabulary: matching needs Traditional
// and Simplified spellings of the same word to be equal, not a full converter.
const tradSimpPairs = "" +
	"執执劃划標标關关鍵键務务負负責责時时間间開开結结資资預预驗验準准進进蹤踪實实際际題题應应對对復复盤盘達达經经訓训後后動动" +
	"項项體体團团門门週周狀状態态萬万億亿於于過过職职場场論论據据區区戶户數数額额單单號号說说備备註注類类別别現现計计總总優优" +
	"廣广參参與与轉转為为業业績绩銷销長长價价處处變变異异個个係系員员們们見见導导續续調调檢检點点擊击報报告告範范圍围錯错誤误" +
	"讀读無无法法請请填填寫写檔档案案頁页表表舉举辦办協协議议簽签訂订並并設设層层營营運运傳传遞递遲迟延延較较差差極极懶懒馬马" +
	"虎虎敷敷衍衍當当將将這这還还沒没從从來来節节內内驟骤麼么樣样選选擇择證证維维護护補补充充廳厅滿满質质量量測测試试線线產产" +
	"品品獲获取取華华東东域域費费用用算算記记錄录幣币圓圆屆届隊队" +
	// The characters of fupan's own Traditional texts (its messages, labels
	// and template), as OpenCC's TSCharacters maps them; 製, 臺 and 併 are
	// in foldOnlyPairs, their Simplified forms being written in Traditional too.
	"啟启碼码環环刪删舊旧頭头欄栏張张該该稱称兩两複复識识順顺須须種种儲储確确觀观魚鱼圖图轍辙針针則则歸归會会響响頂顶問问發发覽览況况決决暫暂訊讯輸输夾夹連连隨随屬属趨趋勢势歷历礙碍庫库約约條条郵邮構构竄窜損损壞坏聲声徑径換换" +
	// fupan serve's pages.
	"斷断聯联繫系訪访權权載载敗败審审閱阅簡简機机" +
	// fupan doctor's texts (cmd/fupan/doctor.go).
	"創创組组絡络給给統统網网讓让邊边鎖锁鐘钟顯显驛驿裝装級级" +
	// fupan serve's login.
	"許许牆墙絕绝鑰钥織织瀏浏憑凭釘钉飛飞階阶"

// foldOnlyPairs fold to a form Traditional writes too (制, 台, 并, 里): for
// matching, but never evidence that a text is Simplified.
const foldOnlyPairs = "製制臺台併并裡里"

// tradToSimp and simpForms are built once from tradSimpPairs and only read after.
var tradToSimp, simpForms = buildScriptMaps(tradSimpPairs+ruleWordPairs, foldOnlyPairs+ruleWordFoldOnly)

func buildScriptMaps(pairs, foldOnly string) (map[rune]rune, map[rune]bool) {
	t2s := make(map[rune]rune)
	simp := make(map[rune]bool)
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		t2s[rs[i]] = rs[i+1]
		if rs[i] != rs[i+1] {
			simp[rs[i+1]] = true
		}
	}
	rs = []rune(foldOnly)
	for i := 0; i+1 < len(rs); i += 2 {
		t2s[rs[i]] = rs[i+1]
	}
	return t2s, simp
}

// simplifyRune folds one Traditional character to its Simplified form where the
// vocabulary knows it.
func simplifyRune(r rune) rune {
	if r < 0x3400 { // below the Han ideographs: nothing to simplify, no map lookup
		return r
	}
	if s, ok := tradToSimp[r]; ok {
		return s
	}
	return r
}

// Simplify folds width and Traditional characters of the vocabulary, for matching.
func Simplify(s string) string {
	return strings.Map(func(r rune) rune { return simplifyRune(foldWidth(r)) }, s)
}

// IsInvisible reports a format character (Unicode category Cf: zero-width
// space U+200B, word joiner U+2060, soft hyphen U+00AD, byte order mark
// U+FEFF, bidi marks): pasted from a web page or a chat it is invisible in a
// cell, so names are compared without it, as without spaces.
func IsInvisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// MatchKey is the form in which header names and keywords are compared: width
// folded, Simplified, lower case, spaces, format characters and a few
// connecting marks removed.
func MatchKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = simplifyRune(foldWidth(r))
		switch {
		case unicode.IsSpace(r), IsInvisible(r), r == '_', r == '*', r == '＊':
			continue
		case r == '–' || r == '—':
			r = '-'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// SplitNote separates a trailing note in brackets from a header: "计划进度(7月)"
// gives "计划进度" and "7月". Brackets may be ASCII or full width.
func SplitNote(s string) (name, note string) {
	s = strings.TrimSpace(FoldText(s))
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "]") {
		return s, ""
	}
	closeCh := s[len(s)-1]
	openCh := byte('(')
	if closeCh == ']' {
		openCh = '['
	}
	i := strings.LastIndexByte(s, openCh)
	if i <= 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : len(s)-1])
}

// ScriptCounts counts characters that only Traditional or only Simplified
// Chinese writes, among those the vocabulary knows, and Han characters at all.
func ScriptCounts(s string) (trad, simp, han int) {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		}
		if _, ok := tradToSimp[r]; ok {
			if tradToSimp[r] != r {
				trad++
			}
			continue
		}
		if isSimplifiedOnly(r) {
			simp++
		}
	}
	return trad, simp, han
}

// isSimplifiedOnly reports whether r is the Simplified form of a vocabulary
// character whose Traditional form differs.
func isSimplifiedOnly(r rune) bool { return simpForms[r] }
