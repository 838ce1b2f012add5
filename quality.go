package fupan

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// The seed's rules on how a review is written rather than on its results:
// its key points ask for the problem's essence, not a surface symptom
// (聚焦问题本质: not "销售额低" but "产品卖点未匹配客户核心需求"); step 3.3
// for a repeatable experience of each metric achieved; step 4.1 for an
// acceptance criterion one can check. They are about the review's quality:
// page 1's verdict counts metrics and milestones, never these.
//
// Each rule takes out of a text the words that say nothing (the metric's own
// words, words of a miss, generic causes, praise) and looks at what is left:
// a text with a measured fact, a named thing in quotes or book-title marks,
// or two characters (a Latin word) of its own left over is kept.

// checkQuality applies the three rules: cause-surface at the cause of each
// metric not achieved, achieved-no-experience at the lesson of each metric
// achieved, acceptance-not-measurable at the acceptance criteria of tables
// 1 and 4.
func checkQuality(r *Review, fs *findings) {
	for _, o := range r.Outcomes {
		switch o.Status {
		case StatusMissed, StatusClose:
			if surfaceCause(o.Cause, o.Metric) {
				fs.add(CodeCauseSurface, refOr(o.Cells[ColCause], o.Ref), o.Metric, o.Cause)
			}
		case StatusAchieved:
			if !repeatableExperience(o.Lesson, o.Metric) {
				fs.add(CodeAchievedNoExperience, refOr(o.Cells[ColLesson], o.Ref), o.Metric)
			}
		}
	}
	for _, p := range r.Plan {
		if strings.TrimSpace(p.Acceptance) != "" && !measurableAcceptance(p.Acceptance) {
			what := p.Task
			if what == "" {
				what = p.Goal
			}
			fs.add(CodeAcceptanceNotMeasurable, p.Cells[ColAcceptance], what, p.Acceptance)
		}
	}
	for _, a := range r.Actions {
		if strings.TrimSpace(a.Acceptance) != "" && !measurableAcceptance(a.Acceptance) {
			what := a.Item
			if what == "" {
				what = a.Measure
			}
			fs.add(CodeAcceptanceNotMeasurable, a.Cells[ColAcceptance], what, a.Acceptance)
		}
	}
}

// surfaceCause reports whether the cause of a metric not achieved stays on
// the surface: it restates the metric or its miss ("销售额低", "sales were
// low"), or names a generic cause ("市场原因", "执行不到位"), with nothing
// else in it. A cause with a measured fact ("点击率仅2.5%"), a named thing
// or a because-clause with content of its own is never surface. An empty
// cause is missed-no-cause's.
func surfaceCause(cause, metric string) bool {
	if strings.TrimSpace(cause) == "" || hasFact(cause) {
		return false
	}
	return !hasSubstance(cause, metric, surfaceWords)
}

// repeatableExperience reports whether the lesson of an achieved metric holds
// a practice one could repeat, rather than nothing or praise ("效果很好",
// "继续保持", "keep it up").
func repeatableExperience(lesson, metric string) bool {
	if strings.TrimSpace(lesson) == "" {
		return false
	}
	return hasFact(lesson) || hasSubstance(lesson, metric, praiseWords)
}

// measurableAcceptance reports whether an acceptance criterion can be
// checked: it has a number, percentage, count or date, or names a
// deliverable ("《…》", SOP, 报告, checklist).
func measurableAcceptance(s string) bool {
	g := Simplify(s)
	if strings.ContainsAny(g, "0123456789") || reQuantity.MatchString(g) || reNamed.MatchString(g) {
		return true
	}
	toks := textTokens(s)
	for i := range toks {
		if measurableWords.match(toks, i) > 0 {
			return true
		}
	}
	return false
}

var (
	// A number written in Chinese with its unit: 三家, 两周, 十月, 零投诉.
	reQuantity = regexp.MustCompile(`[零一二三四五六七八九十两百千万]+(?:个|家|人|场|次|项|条|篇|份|名|位|周|天|日|月|年|季|成|倍|%|万|亿|千|百|套|款|单|户|元|块)|零[\p{Han}]|翻番|翻倍|一半|半数`)
	// A named thing: in quotation marks or book-title marks (“老带新”, 《SOP》).
	reNamed = regexp.MustCompile(`“[^”]+”|「[^」]+」|『[^』]+』|《[^》]+》|〈[^〉]+〉|‘[^’]+’|"[^"]+"`)
)

// hasFact: a number (but the period's own, Q3 or 7月), a Chinese count or a
// named thing.
func hasFact(s string) bool {
	g := Simplify(s)
	return strings.ContainsAny(withoutTime(g), "0123456789") || reQuantity.MatchString(g) || reNamed.MatchString(g)
}

// token is a Han character or a Latin word, lower case, a plural's s taken
// off; gap marks a space or punctuation before it.
type token struct {
	text string
	han  bool
	gap  bool
}

// textTokens splits a text, width and script folded, into tokens.
func textTokens(s string) []token {
	var out []token
	var word []rune
	gap := false
	flush := func() {
		if len(word) > 0 {
			out = append(out, token{text: stem(string(word)), gap: gap})
			word, gap = word[:0], false
		}
	}
	for _, r := range strings.ToLower(Simplify(s)) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out = append(out, token{text: string(r), han: true, gap: gap})
			gap = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		case (r == '\'' || r == '’') && len(word) > 0:
			word = append(word, '\'')
		default:
			flush()
			gap = true
		}
	}
	flush()
	return out
}

// stem folds an English word's plural and possessive: customers, customer's
// and customers' are customer; "ss" stays (process, business).
func stem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'"), "'s")
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

// phraseSet is a list of words and phrases by their first token, the longest
// first, so that 不够重视 is taken before 不够.
type phraseSet map[string][][]string

func newPhraseSet(lists ...[]string) phraseSet {
	p := phraseSet{}
	for _, l := range lists {
		for _, w := range l {
			var ts []string
			for _, t := range textTokens(w) {
				ts = append(ts, t.text)
			}
			if len(ts) > 0 {
				p[ts[0]] = append(p[ts[0]], ts)
			}
		}
	}
	for _, list := range p {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	}
	return p
}

// match is the number of tokens of the longest phrase at toks[i], or 0.
func (p phraseSet) match(toks []token, i int) int {
next:
	for _, ph := range p[toks[i].text] {
		if i+len(ph) > len(toks) {
			continue
		}
		for k, w := range ph {
			if toks[i+k].text != w {
				continue next
			}
		}
		return len(ph)
	}
	return 0
}

// metricMatch is the number of tokens at toks[i] that the metric's name has
// in a row: two Han characters at least (销售额 of 华东销售额), or one word.
func metricMatch(toks, metric []token, i int) int {
	best := 0
	for j := range metric {
		n := 0
		for i+n < len(toks) && j+n < len(metric) && toks[i+n].text == metric[j+n].text {
			n++
		}
		best = max(best, n)
	}
	if best < 2 && toks[i].han {
		return 0
	}
	return best
}

// hasSubstance reports whether a text, once the words of set and of its
// metric are taken out, has anything left of its own: two Han characters in
// a row, or a Latin word of two letters (numbers are hasFact's).
func hasSubstance(text, metric string, set phraseSet) bool {
	toks, mt := textTokens(text), textTokens(metric)
	run := 0
	for i := 0; i < len(toks); {
		if n := max(set.match(toks, i), metricMatch(toks, mt, i)); n > 0 {
			i += n
			run = 0
			continue
		}
		t := toks[i]
		i++
		if t.gap {
			run = 0
		}
		if t.han {
			if run++; run >= 2 {
				return true
			}
			continue
		}
		run = 0
		if len(t.text) >= 2 && !strings.ContainsAny(t.text, "0123456789") {
			return true
		}
	}
	return false
}
