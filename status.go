package fupan

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// Progress is what a status word says of an action or a task (表2 实际进度,
// 表4 状态, 表5 落实情况). No catalogue key: reports show the team's own words.
type Progress string

// What a status word says. Only ProgressDone and ProgressDoneLate count as done.
const (
	ProgressDone       Progress = "done"
	ProgressDoneLate   Progress = "done_late"
	ProgressPartly     Progress = "partly"      // 部分完成, 完成80%: not done
	ProgressInProgress Progress = "in_progress" // 进行中
	ProgressNotDone    Progress = "not_done"    // 还没完成: done, negated
	ProgressNotStarted Progress = "not_started" // 未开始
	ProgressBlocked    Progress = "blocked"     // 暂停, 受阻, on hold
	ProgressPostponed  Progress = "postponed"   // 延期
	ProgressDropped    Progress = "dropped"     // 已取消
	ProgressPlanned    Progress = "planned"     // 计划12月完成: not done
	ProgressUnknown    Progress = "unknown"     // words fupan does not know: not done
)

// StatusRead is a status cell as fupan reads it, with the team's words kept.
// A blank cell is the zero value (State "").
type StatusRead struct {
	Words   string   `json:"words"`
	State   Progress `json:"state"`
	Percent *float64 `json:"percent,omitempty"` // written with it: 完成80% is 0.8
	DoneOn  Date     `json:"done_on,omitzero"`
}

// Done reports a status that says done, on time or late.
func (s StatusRead) Done() bool { return s.State == ProgressDone || s.State == ProgressDoneLate }

// SaysNotDone reports a status that says the work is not done, whatever
// date stands beside it: the team's word wins over a filled 实际完成时间
// (还没完成 with a date is not done). A plain 延期 beside a date says it was
// done late; 延期至12月 names a day to come, and is not done.
func (s StatusRead) SaysNotDone() bool {
	switch s.State {
	case ProgressPartly, ProgressInProgress, ProgressNotDone, ProgressNotStarted, ProgressBlocked, ProgressPlanned:
		return true
	case ProgressPostponed:
		return datesToCome(s.Words)
	}
	return false
}

// Known reports a status that is written and understood.
func (s StatusRead) Known() bool { return s.State != "" && s.State != ProgressUnknown }

// ReadStatus reads a status as teams write it, in the three languages. A
// negation wins over the word it negates (还没完成, 完成不了, not completed,
// incomplete); a plan (计划12月完成) or a part (部分完成, 完成80%) is not
// done; words it does not know are ProgressUnknown, never done.
func ReadStatus(s string) StatusRead {
	words := strings.TrimSpace(s)
	if words == "" {
		return StatusRead{}
	}
	fact := withoutOriginalPlan(words)
	st := StatusRead{Words: words, State: readState(fact)}
	if p, ok := statusPercent(fact); ok && p < 1 && st.State != ProgressDone && st.State != ProgressDoneLate && st.State != ProgressNotStarted && st.State != ProgressNotDone {
		st.Percent = &p
	}
	return st
}

// reOriginal is a clause that tells the original plan (原定9月28日,
// 原计划9月完成, originally 28 Sep): its date and its verb are the plan, not
// what happened.
var reOriginal = regexp.MustCompile(`(?i)(原定|原訂|原订|原计划|原計劃|原計畫|原本|原先|本应|本應|本来|本來|\boriginally\b|\binitially\b|\bwas due\b)[^，,；;。]*`)

// withoutOriginalPlan is a status without the clauses that tell the
// original plan: 原定9月28日，延期 is postponed, with no day it was done.
func withoutOriginalPlan(words string) string {
	return strings.TrimSpace(reOriginal.ReplaceAllString(words, ""))
}

var rePercent = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*%`)

// statusPercent is the share done a status writes: 80%, else 八成, 2/3,
// 3 of 5 (statusShare).
func statusPercent(s string) (float64, bool) {
	m := rePercent.FindStringSubmatch(value.FoldText(s))
	if m == nil {
		return statusShare(s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	return v / 100, true
}

// statusSigns are the kinds of word a status is made of, each found
// affirmed (negated=false) or negated.
type statusSigns struct {
	done, doneNegated, late, partly, progress, progressNegated bool
	notStarted, blocked, postponed, dropped, plan              bool
	awaiting                                                   bool // 待验收, awaiting approval: done, not accepted
	already                                                    bool // 已 and a verb fupan does not list
	notYet                                                     bool // 未 and a verb fupan does not list
	remainder                                                  bool // 已完成（培训未做）, done except training
	doneToCome                                                 bool // 已完成开发，下周上线: done, and a day to come
	notOnTime                                                  bool // 没能按时完成: late, not undone
	// The done words affirmed and negated, to tell 已完成/未完成 (the same
	// word) from 完成了，但没上线 (another).
	doneWords, negatedWords map[string]bool
}

func readState(words string) Progress {
	// A cell that is only yes or no reads one way in every table.
	switch strings.ToLower(statusKey(words)) {
	case "是", "是的", "yes", "y":
		return ProgressDone
	case "否", "不是", "no", "n":
		return ProgressNotDone
	}
	if reYesNo.MatchString(strings.ToLower(statusKey(words))) {
		return ProgressUnknown // the template's 是/否 left in
	}
	g := zhSigns(statusKey(words))
	g.merge(enSigns(words))
	st := stateOf(g, words)
	if st == ProgressDone || st == ProgressDoneLate {
		return doubted(st, g, words)
	}
	return st
}

// stateOf is what the signs of a status say, before doubted looks again at
// a done.
func stateOf(g statusSigns, words string) Progress {
	p, hasPercent := statusPercent(words)
	switch {
	case g.dropped:
		return ProgressDropped
	case g.awaiting && g.done: // 完成（待验收）: done, not yet accepted
		return ProgressPartly
	case g.doneNegated && !g.done: // before a part: 基本没完成 is not done
		switch {
		case g.blocked:
			return ProgressBlocked
		case g.postponed:
			return ProgressPostponed
		case hasPercent && p > 0 && p < 1:
			return ProgressPartly
		}
		return ProgressNotDone
	case g.partly:
		return ProgressPartly
	case g.blocked:
		return ProgressBlocked
	case g.plan && g.postponed:
		return ProgressPostponed
	case g.doneToCome && g.done: // 已完成开发，下周上线
		return ProgressPartly
	case g.plan:
		return ProgressPlanned
	case g.done && g.late:
		return ProgressDoneLate
	case g.postponed:
		return ProgressPostponed
	case g.done && g.remainder: // 已完成，培训未开展
		return ProgressPartly
	case g.progressNegated || g.notStarted:
		return ProgressNotStarted
	case g.progress:
		return ProgressInProgress
	case hasPercent && p >= 1:
		return ProgressDone
	case hasPercent && p <= 0:
		return ProgressNotStarted
	case hasPercent:
		return ProgressPartly
	case g.done:
		return ProgressDone
	case g.doneNegated:
		return ProgressNotDone
	case g.already:
		return ProgressDone // 已提交, 已发布, 已到岗: 已 says it happened
	case g.notYet:
		return ProgressNotDone // 未提交, 尚未招聘: 未 says it did not
	}
	return ProgressUnknown
}

func (g *statusSigns) merge(o statusSigns) {
	g.done, g.doneNegated, g.late = g.done || o.done, g.doneNegated || o.doneNegated, g.late || o.late
	g.partly, g.progress, g.progressNegated = g.partly || o.partly, g.progress || o.progress, g.progressNegated || o.progressNegated
	g.notStarted, g.blocked, g.postponed = g.notStarted || o.notStarted, g.blocked || o.blocked, g.postponed || o.postponed
	g.dropped, g.plan = g.dropped || o.dropped, g.plan || o.plan
	g.already, g.notYet, g.awaiting = g.already || o.already, g.notYet || o.notYet, g.awaiting || o.awaiting
	g.remainder, g.notOnTime = g.remainder || o.remainder, g.notOnTime || o.notOnTime
	g.doneToCome = g.doneToCome || o.doneToCome
	g.doneWords, g.negatedWords = joinSets(g.doneWords, o.doneWords), joinSets(g.negatedWords, o.negatedWords)
}

func joinSets(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for w := range a {
		out[w] = true
	}
	for w := range b {
		out[w] = true
	}
	return out
}

// note adds a word to a set, making it where nil.
func note(m *map[string]bool, w string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[w] = true
}

// The Chinese words, Simplified; statusKey folds Traditional to them.
var (
	zhDone = []string{"完成", "完工", "完毕", "完结", "搞定", "上线", "落地", "落实", "解决", "关闭", "结束", "交付", "达成", "达标",
		"办结", "办妥", "做完", "弄完", "干完", "竣工", "结项", "结案", "验收", "实现", "兑现", "实施完", "已实施", "已处理", "已执行", "√", "✓", "✔"}
	zhLate = []string{"延期", "延迟", "推迟", "延后", "逾期", "超期", "拖期", "滞后", "晚"}
	// A part, or almost: 几乎完成 and 差一点完成 say something is left, so
	// not done. 基本完成 too: the core is done and a remainder is not, and
	// a remainder counted as done would hide it; a team that is done writes
	// 已完成.
	zhPartly = []string{"部分", "大部", "基本", "初步", "大体", "局部", "一半", "过半", "阶段性",
		"差一点", "差点", "几乎", "接近", "近乎", "大致", "将近", "差不多", "快完成", "快要", "即将"}
	// Done and waiting for another's word: not done (README: 待验收).
	zhAwaiting = []string{"待验收", "待确认", "待审核", "待审批", "待审", "待签字", "待签收", "待批准", "待评审", "待复核", "待验证", "待测试",
		"等待验收", "等待确认", "等待审批", "未验收", "未确认", "未审批"}
	// Done, badly: 完成度低, 完成情况不理想 say it is not done.
	zhPoor     = []string{"完成度低", "完成度较低", "完成度不高", "完成度很低", "不理想", "不佳", "欠佳", "较差", "很差", "不好", "不到位"}
	zhProgress = []string{"进行", "推进", "执行中", "实施中", "处理中", "跟进", "开展", "进展", "落实中", "开发中", "建设中", "筹备", "准备中",
		"测试中", "试运行", "试点中", "正在", "在做", "在建", "启动", "开始", "持续", "在途"}
	zhNotStarted = []string{"待启动", "待开始", "尚未开始", "未开始"}
	zhBlocked    = []string{"暂停", "搁置", "阻塞", "受阻", "卡住", "挂起", "停滞", "中止", "冻结", "暂缓", "停工", "阻碍"}
	zhPostponed  = []string{"延期", "推迟", "延后", "顺延", "改期", "延迟", "延缓", "推后", "滞后", "逾期", "超期", "拖期"}
	zhDropped    = []string{"取消", "作废", "放弃", "终止", "撤销", "废弃", "不做了", "不再", "砍掉", "撤回"}
	// A plan: a date to come, not a fact. 按计划完成 is done as planned.
	zhPlan       = []string{"计划", "预计", "预期", "拟", "将于", "将在", "争取", "预定", "打算"}
	zhPlanAsDone = []string{"按计划", "依计划", "照计划", "如计划", "按照计划", "计划内", "按预期", "如预期", "达到预期", "超预期", "截至", "到期"}
	// Negations before a word: 未 没 不 无 待 (没有, 尚未, 还没, 未能, 无法,
	// 不能 all end in one of them a few characters before the word).
	zhNegations = "未没不无待否"
	// What a negation before a word may negate instead of it: 不仅完成
	// (not only done), 无延误完成 (done without delay).
	zhNotNegations = []string{"不仅", "不但", "不只", "延误", "延期", "延迟", "拖延", "问题", "异常", "偏差", "误差"}
	// Negations after it: 完成不了.
	zhNegationsAfter = []string{"不了", "不成", "不完", "不到", "未", "无望"}
)

// statusFold folds Traditional characters of status words the shared
// vocabulary does not (value.MatchKey knows the template's words).
var statusFold = strings.NewReplacer("擱", "搁", "閉", "闭", "棄", "弃", "終", "终", "廢", "废", "緩", "缓", "滯", "滞", "掛", "挂", "畢", "毕",
	"啓", "启", "盡", "尽", "臨", "临", "礙", "碍", "凍", "冻", "銷", "销", "順", "顺", "擋", "挡", "準", "准", "籌", "筹", "擬", "拟",
	"爭", "争", "兌", "兑", "點", "点", "幾", "几", "將", "将", "辦", "办", "斷", "断", "試", "试", "運", "运", "決", "决", "撤", "撤", "結", "结",
	"嗎", "吗", "遺", "遗", "餘", "余", "麼", "么", "風", "风", "險", "险", "訴", "诉", "畫", "划")

func statusKey(s string) string { return fixTypo(statusFold.Replace(value.MatchKey(s))) }

// zhSigns finds the Chinese words of a status, each affirmed or negated.
func zhSigns(key string) statusSigns {
	var g statusSigns
	rs := []rune(key)
	// each calls f for every place a word of the list is found.
	each := func(list []string, f func(i, j int)) {
		for _, w := range list {
			n := len([]rune(w))
			for i := 0; i+n <= len(rs); i++ {
				if string(rs[i:i+n]) == w {
					f(i, i+n)
				}
			}
		}
	}
	affirmed := func(list []string) bool {
		ok := false
		each(list, func(i, j int) { ok = ok || !negatedAt(rs, i, j) })
		return ok
	}
	each(zhDone, func(i, j int) {
		w := string(rs[i:j])
		switch {
		case negatedAt(rs, i, j):
			g.doneNegated = true
			note(&g.negatedWords, w)
		case j < len(rs) && rs[j] == '中': // 验收中, 上线中: under way
			g.progress = true
		default:
			g.done = true
			note(&g.doneWords, w)
		}
	})
	g.remainder, g.notOnTime = zhRemainderSigns(key)
	each(zhProgress, func(i, j int) {
		if negatedAt(rs, i, j) {
			g.progressNegated = true
		} else {
			g.progress = true
		}
	})
	g.doneNegated = g.doneNegated || strings.ContainsAny(key, "×✗✘") || reZhNotAll.MatchString(key)
	g.awaiting = containsAny(key, zhAwaiting)
	if containsAny(key, zhPoor) {
		g.done, g.doneNegated = false, true
	}
	g.late = affirmed(zhLate) || g.notOnTime
	g.partly = affirmed(zhPartly)
	g.notStarted = containsAny(key, zhNotStarted)
	g.blocked = affirmed(zhBlocked)
	g.postponed = affirmed(zhPostponed)
	g.dropped = affirmed(zhDropped)
	plain := key
	for _, w := range zhPlanAsDone {
		plain = strings.ReplaceAll(plain, w, "")
	}
	g.plan, g.doneToCome = planClauses(plain, g.late)
	for _, p := range []string{"未", "尚未", "暂未", "仍未", "还未"} {
		g.notYet = g.notYet || strings.HasPrefix(key, p)
	}
	if i := strings.Index(key, "已"); i >= 0 {
		at := len([]rune(key[:i]))
		g.already = !negatedAt(rs, at, at+1)
	}
	return g
}

// reUntil is a date to come: 延期至12月, 推迟到下月, 到年底.
var reUntil = regexp.MustCompile(`[至到](\d|年|月|季|下|明|q)`)

// datesToCome reports a status that names a day to come (计划12月完成,
// 延期至8月15日), not the day something was done.
func datesToCome(words string) bool {
	words = withoutOriginalPlan(words)
	g := zhSigns(statusKey(words))
	g.merge(enSigns(words))
	return g.plan
}

func containsAny(s string, list []string) bool {
	for _, w := range list {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// negatedAt reports a word at rs[i:j] negated: a negation among the few
// characters before it in its clause, with no 已 (already) between, or 不了
// and the like right after it.
func negatedAt(rs []rune, i, j int) bool {
	seen := 0
	for k := i - 1; k >= 0 && seen < 4; k-- {
		r := rs[k]
		if unicode.IsDigit(r) || r == '%' || r == '.' {
			continue // 未100%完成: a share between the negation and its word
		}
		seen++
		if r == '已' || unicode.IsPunct(r) {
			break
		}
		if strings.ContainsRune(zhNegations, r) {
			// 不仅完成 (not only), 无延误完成 (negating the delay): not the word.
			return !containsAny(string(rs[k:i]), zhNotNegations)
		}
	}
	rest := string(rs[j:])
	for _, w := range zhNegationsAfter {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return strings.Contains(string(rs[max(0, i-4):i]), "难以")
}

// The English words, each a set of lower-case words.
var (
	enDone       = wordSet("done complete completed finish finished closed resolved delivered launched implemented achieved accomplished fulfilled shipped live ok okay yes solved executed met submitted published released signed hired deployed")
	enLate       = wordSet("late delayed overdue behind")
	enPartly     = wordSet("partly partially partial part mostly half largely substantially almost nearly thirds quarters fifths")
	enProgress   = wordSet("progress ongoing underway wip started progressing working active running continuing track begun initiated")
	enNotStarted = wordSet("todo backlog new open pending queued waiting")
	enBlocked    = wordSet("blocked hold paused pause stalled suspended stuck halted frozen")
	enPostponed  = wordSet("postponed deferred delayed rescheduled slipped slipping pushed overdue behind late")
	enDropped    = wordSet("cancelled canceled cancel dropped abandoned withdrawn scrapped descoped killed")
	enPlan       = wordSet("planned scheduled expected forecast will plan target targeted aim aiming")
	enAwaited    = wordSet("approval acceptance sign signoff review confirmation verification validation uat qa testing check")
	enNegations  = wordSet("not no never yet pending awaiting without")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var reNot = strings.NewReplacer("n't", " not", "n’t", " not", "can not", "cannot", "cannot", "can not")

// enSigns finds the English words of a status: "not completed",
// "incomplete", "completed late", "as planned".
func enSigns(words string) statusSigns {
	var g statusSigns
	low := reNot.Replace(strings.ToLower(value.FoldText(words)))
	toks := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	negated := func(i int) bool {
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if enNegations[toks[k]] || toks[k] == "from" && k > 0 && toks[k-1] == "far" { // far from done
				return true
			}
		}
		return false
	}
	for i, t := range toks {
		if unicode.Is(unicode.Han, []rune(t)[0]) {
			continue
		}
		switch {
		case enDone[t]:
			if negated(i) {
				g.doneNegated = true
				note(&g.negatedWords, enDoneWord(t))
			} else {
				g.done = true
				note(&g.doneWords, enDoneWord(t))
			}
		case (strings.HasPrefix(t, "un") || strings.HasPrefix(t, "in")) && enDone[t[2:]]: // incomplete, unfinished
			g.doneNegated = true
			note(&g.negatedWords, enDoneWord(t[2:]))
		case t == "progress" && i > 0 && toks[i-1] == "no":
			g.progressNegated = true
		}
		if enProgress[t] && t != "progress" || t == "progress" && i > 0 && toks[i-1] == "in" {
			if negated(i) {
				g.progressNegated = true
			} else {
				g.progress = true
			}
		}
		if enLate[t] && !negated(i) {
			g.late = true
		}
		g.partly = g.partly || enPartly[t]
		g.notStarted = g.notStarted || enNotStarted[t] || t == "to" && i+1 < len(toks) && toks[i+1] == "do"
		g.blocked = g.blocked || enBlocked[t]
		g.postponed = g.postponed || enPostponed[t] && !negated(i)
		g.dropped = g.dropped || enDropped[t]
		// done - awaiting approval, completed, pending sign-off
		g.awaiting = g.awaiting || (t == "awaiting" || t == "pending") && i+1 < len(toks) && enAwaited[toks[i+1]]
		asWas := i > 0 && (toks[i-1] == "as" || toks[i-1] == "than" || toks[i-1] == "on")
		g.plan = g.plan || enPlan[t] && !asWas || t == "to" && i+2 < len(toks) && toks[i+1] == "be" && enDone[toks[i+2]] || enToCome(toks, i)
		// done except training, draft done, phase 1 done, done but not yet verified
		g.remainder = g.remainder || enRemainder[t] || enStage[t] && (i+1 < len(toks) && (toks[i+1] == "1" || toks[i+1] == "one" || toks[i+1] == "i") || i > 0 && toks[i-1] == "first") ||
			t == "but" && i+1 < len(toks) && (enNegations[toks[i+1]] || toks[i+1] == "still")
		g.awaiting = g.awaiting || enVerified[t] && negated(i)
		g.remainder = g.remainder || t == "pending" && i > 0                     // done, training pending
		g.remainder = g.remainder || t == "follow" && i > 0 && toks[i-1] == "to" // done; training to follow
		g.late = g.late || t == "after" && i+1 < len(toks) && (toks[i+1] == "deadline" || toks[i+1] == "due")
		g.remainder = g.remainder || t == "without" && i+1 < len(toks) && !enWithoutRemarks[toks[i+1]] && !enDone[toks[i+1]]
	}
	g.doneNegated = g.doneNegated || reEnNotAll.MatchString(low)
	return g
}
