package fupan

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// A status cell that holds a done word is not always done: a share done
// (完成八成, 完成2/3), done but for a remainder (已完成（培训未做）), the
// template's alternatives left in (已完成/未完成), a contradiction or a
// question. The rule in doubt: never done. A report that reads 已完成 where
// a team wrote 还没完成 is the worst defect this product can have.

// fixTypo reads 末 written for 未 before a done word (末完成, 尚末完成) as
// 未; 月末完成 and 9月末 keep their 末 (a month's end).
func fixTypo(key string) string {
	if !strings.Contains(key, "末") {
		return key
	}
	rs := []rune(key)
	for i, r := range rs {
		if r != '末' || i > 0 && (strings.ContainsRune("月年周季旬期底岁", rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			continue
		}
		rest := string(rs[i+1:])
		for _, w := range append(append([]string{}, zhDone...), "开始", "启动", "开展", "能", "按") {
			if strings.HasPrefix(rest, w) {
				rs[i] = '未'
				break
			}
		}
	}
	return string(rs)
}

// Shares written as words: 八成, 百分之八十, 三分之二, 3项中的2项, 完成3场（共5场）,
// 3 of 5. Each gives done ÷ all.
var (
	cnNum       = `[零〇一二两三四五六七八九十百]+|\d+(?:\.\d+)?`
	measure     = `(?:场|项|家|个|次|人|件|批|期|站|店|条|篇|份|场次|门店|名|轮|节|课)`
	reTenths    = regexp.MustCompile(`([一二两三四五六七八九十]|\d+(?:\.\d+)?)成`)
	reCnPercent = regexp.MustCompile(`百分之(` + cnNum + `)`)
	reCnShare   = regexp.MustCompile(`(` + cnNum + `)分之(` + cnNum + `)`)
	reSlash     = regexp.MustCompile(`完成了?(\d+)/(\d+)|(\d+)/(\d+)` + measure)
	reOfWhich   = regexp.MustCompile(`(\d+)` + measure + `?中(?:的|完成了?|已完成)?(\d+)`)
	reCountOf   = regexp.MustCompile(`^(\d+)` + measure + `\D*完成了?(\d+)` + measure)
	reOutOf     = regexp.MustCompile(`完成了?(\d+)` + measure + `?.*共(\d+)|共(\d+)` + measure + `?.*完成了?(\d+)`)
	reEnOf      = regexp.MustCompile(`\b(\d+)\s*(?:of|out of|/)\s*(\d+)\b`)
	reEnPercent = regexp.MustCompile(`\b(\d+(?:\.\d+)?)\s*(?:percent|per cent|pct)\b`)
)

// statusShare is a share done written as words, not with %.
func statusShare(words string) (float64, bool) {
	key := statusKey(words)
	low := strings.ToLower(value.FoldText(words))
	for _, m := range reTenths.FindAllStringSubmatchIndex(key, -1) {
		// 八成, not 3成本 (cost) or 成果, 成效
		if next := firstRunes(key[m[1]:], 1); next != "" && strings.Contains("本果效功绩员交立为熟长型品", next) {
			continue
		}
		if n, ok := cnNumber(key[m[2]:m[3]]); ok {
			return n / 10, true
		}
	}
	if m := reCnPercent.FindStringSubmatch(key); m != nil {
		if n, ok := cnNumber(m[1]); ok {
			return n / 100, true
		}
	}
	if m := reEnPercent.FindStringSubmatch(low); m != nil {
		if n, ok := cnNumber(m[1]); ok {
			return n / 100, true
		}
	}
	pairs := []struct {
		re       *regexp.Regexp
		numFirst bool
	}{{reCnShare, false}, {reSlash, true}, {reOfWhich, false}, {reOutOf, true}, {reCountOf, false}}
	for _, p := range pairs {
		m := p.re.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		var parts []string
		for _, s := range m[1:] {
			if s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) != 2 {
			continue
		}
		a, okA := cnNumber(parts[0])
		b, okB := cnNumber(parts[1])
		if !p.numFirst {
			a, b = b, a
		}
		if okA && okB && b > 0 && a <= b {
			return a / b, true
		}
	}
	if m := reEnOf.FindStringSubmatch(low); m != nil && !strings.Contains(m[0], "/") || m != nil && enMeasured(low, m[0]) {
		a, _ := cnNumber(m[1])
		b, _ := cnNumber(m[2])
		if b > 0 && a <= b {
			return a / b, true
		}
	}
	return 0, false
}

// enMeasured reports 3/5 followed by what it counts (3/5 sessions): a
// share, where 3/5 alone is a date.
func enMeasured(low, at string) bool {
	rest := strings.TrimSpace(low[strings.Index(low, at)+len(at):])
	for _, w := range []string{"session", "item", "task", "store", "event", "hire", "people", "step", "site", "shop", "deliverable", "meeting", "training"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// cnNumber reads 80, 八十, 九十五, 两, 一百.
func cnNumber(s string) (float64, bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, true
	}
	digits := map[rune]float64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, cur := 0.0, -1.0
	for _, r := range s {
		switch {
		case r == '十':
			if cur < 0 {
				cur = 1
			}
			total += cur * 10
			cur = -1
		case r == '百':
			if cur < 0 {
				cur = 1
			}
			total += cur * 100
			cur = -1
		default:
			d, ok := digits[r]
			if !ok {
				return 0, false
			}
			cur = d
		}
	}
	if cur >= 0 {
		total += cur
	}
	return total, s != ""
}

// What a negation after a done word may leave undone, beside the done word:
// 已完成（培训未做）, 方案已完成，待实施. The words that only remark on the
// work (没有问题, 未超预算) are zhNotNegations and zhRemarks.
var (
	zhRemainder = []string{"除外", "除了", "不含", "不包括", "不包含", "剩", "余下", "尚余", "还差", "只差", "就差", "尚差", "仅差", "初稿", "草稿", "框架"}
	// 除培训外; not 删除, 排除, 解除 (a risk removed).
	reExcept    = regexp.MustCompile(`(^|[^删解排清消剔拆免去])除.{0,12}外`)
	zhRemarks   = []string{"超", "影响", "风险", "投诉", "返工", "遗留", "发现", "出现", "发生", "损失", "事故", "产生", "增加", "花费", "见效", "见成效", "显现"}
	reStage     = regexp.MustCompile(`第[一二三四五六七八九十\d]+(阶段|期|步|批|轮)|[一1](期|阶段)`)
	reOnTimeNot = regexp.MustCompile(`^[有能]*(按时|如期|准时|按期|及时)`)
)

// zhRemainderSigns finds, in a cell, a remainder left undone and a done
// word negated only as to its time (没能按时完成，9月25日完成: done, late).
func zhRemainderSigns(key string) (remainder, notOnTime bool) {
	remainder = containsAny(key, zhRemainder) || reStage.MatchString(key) || reExcept.MatchString(key)
	rs := []rune(key)
	for i, r := range rs {
		if !strings.ContainsRune("未没待", r) || r == '待' && i > 0 && strings.ContainsRune("接招款对期优善看厚亏虐", rs[i-1]) {
			continue // 接待, 期待: no negation
		}
		rest := string(rs[i+1:])
		if reOnTimeNot.MatchString(rest) {
			notOnTime = true
			continue
		}
		if strings.HasPrefix(rest, "来") || strings.HasPrefix(rest, "必") { // 未来, 未必
			continue
		}
		rest = strings.TrimLeft(rest, "有能")
		if startsWithAny(rest, zhDone) { // 未完成: the done word negated, not a remainder
			continue
		}
		if containsAny(firstRunes(rest, 4), zhNotNegations) || containsAny(firstRunes(rest, 3), zhRemarks) || rest == "" {
			continue
		}
		remainder = true
	}
	return remainder, notOnTime
}

func startsWithAny(s string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func firstRunes(s string, n int) string {
	rs := []rune(s)
	return string(rs[:min(n, len(rs))])
}

// The English words of a remainder: done except training, draft done,
// phase 1 done.
var (
	enRemainder = wordSet("except excluding apart besides remaining outstanding draft leftover left tbd tba tbc todo")
	// What "without" may leave out and still be done: done without issues.
	enWithoutRemarks = wordSet("issue issues problem problems delay delays incident incidents error errors complaint complaints any incidents defects defect overrun overruns")
	enStage          = wordSet("phase stage step part")
	enVerified       = wordSet("verified approved accepted tested reviewed confirmed validated signed checked")
)

// doneWordsSame reports the same done word affirmed and negated in a cell
// (已完成/未完成, 未完成 done): the English done, complete and finished are
// 完成.
func doneWordsSame(affirmed, negated map[string]bool) bool {
	for w := range affirmed {
		if negated[w] {
			return true
		}
	}
	return false
}

// enDoneWord is an English done word as the concept it shares with Chinese.
func enDoneWord(t string) string {
	switch t {
	case "done", "complete", "completed", "finish", "finished":
		return "完成"
	}
	return t
}

// bare reports a cell with nothing but done words, negations and fillers:
// 已完成/未完成 or "Done/Not done" is the template's alternatives, or a
// contradiction, never a done word and a remainder.
func bare(words string) bool {
	low := strings.ToLower(value.FoldText(words))
	for _, t := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(t)
		if unicode.Is(unicode.Han, rs[0]) {
			k := statusKey(t)
			for _, w := range zhDone {
				k = strings.ReplaceAll(k, w, "")
			}
			if strings.Trim(k, zhNegations+"已了尚还仍暂能有但却都全部吗或者") != "" {
				return false
			}
			continue
		}
		if !enDone[t] && !enNegations[t] && !strings.HasPrefix(t, "in") && !strings.HasPrefix(t, "un") && t != "but" && t != "is" && t != "it" && t != "or" {
			return false
		}
	}
	return true
}

// A negated share: 未100%, 不到100%, not 100% — never done.
var (
	reZhNotAll = regexp.MustCompile(`[未没不非][能有到足满达]?\d+(\.\d+)?%`)
	reEnNotAll = regexp.MustCompile(`\b(not|never|less than|under|below)\s+\d+(\.\d+)?\s*%`)
)

// Hedges: 应该完成了, probably done. A team that is done says so.
var (
	zhHedges = []string{"好像", "应该", "大概", "似乎", "可能", "估计", "也许", "或许", "貌似", "据说", "大约已", "应当", "原则上", "理论上"}
	enHedges = wordSet("probably maybe perhaps think should might possibly likely hopefully supposedly guess presumably principle theory")
)

func hedged(key, words string) bool {
	if containsAny(key, zhHedges) {
		return true
	}
	for _, t := range strings.FieldsFunc(strings.ToLower(value.FoldText(words)), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if enHedges[t] {
			return true
		}
	}
	return false
}

// reYesNo is the template's yes/no alternatives left in the cell.
var reYesNo = regexp.MustCompile(`^(是|yes|y|done|完成|√|✓|✔)[/|](否|no|n|×|✗|✘)$`)

// doubted is a status read as done, looked at again: a question, the
// template's alternatives, a contradiction, a remainder left undone.
func doubted(state Progress, g statusSigns, words string) Progress {
	key := statusKey(words)
	switch {
	case strings.ContainsAny(key, "?") || strings.HasSuffix(key, "吗") || strings.HasSuffix(key, "么") || hedged(key, words):
		return ProgressUnknown // 已完成？ done? 应该完成了
	case g.doneNegated && !g.notOnTime:
		if doneWordsSame(g.doneWords, g.negatedWords) && bare(words) {
			return ProgressUnknown // 已完成/未完成, 未完成 done
		}
		return ProgressPartly // 完成了，但没上线
	case g.remainder:
		return ProgressPartly // 已完成（培训未做）, done except training
	}
	return state
}
