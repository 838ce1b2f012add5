package fupan

import (
	"sort"
	"strings"
	"unicode"
)

// Headline is what page 1 says first: the metrics achieved of all, the worst
// misses by name, and the milestones off track.
type Headline struct {
	Met, Metrics int
	// Worst are at most three missed metrics (below 90%), least achieved
	// first: a close one (99.9%) is no miss to name.
	Worst []OutcomeRow
	// Close counts the metrics close to their target (90–100%), for a
	// headline that names no miss.
	Close int
	// OffTrack milestones of all tracked: the key figures' 里程碑按期 counts
	// of the same milestones, so that the two add up.
	OffTrack, Milestones int
}

// Headlines sums a review up for page 1.
func Headlines(r *Review) Headline {
	h := Headline{Met: r.Summary.MetricsAchieved, Metrics: r.Summary.Metrics, Close: r.Summary.MetricsClose, Milestones: r.Summary.Judged()}
	for _, o := range r.Outcomes {
		if o.Achievement != nil && o.Status == StatusMissed {
			h.Worst = append(h.Worst, o)
		}
	}
	sort.SliceStable(h.Worst, func(i, j int) bool { return *h.Worst[i].Achievement < *h.Worst[j].Achievement })
	h.Worst = h.Worst[:min(3, len(h.Worst))]
	for _, t := range r.Tracking {
		if t.OffTrack() {
			h.OffTrack++
		}
	}
	return h
}

// AttnKind is a kind of what needs a decision.
type AttnKind string

// Kinds of what needs a decision.
const (
	AttnMissedNoAction    AttnKind = "missed-no-action"     // a missed metric no follow-up action answers
	AttnOffTrackNoMeasure AttnKind = "off-track-no-measure" // a milestone off track without a countermeasure
	AttnMilestoneOverdue  AttnKind = "milestone-overdue"    // a milestone not done past its planned day, without a countermeasure
	AttnActionOverdue     AttnKind = "action-overdue"       // an open action past its due date
	AttnBlamesPerson      AttnKind = "blames-person"        // a cause that blames a person
	AttnFollowOverdue     AttnKind = "followup-overdue"     // last period's action, overdue now
	AttnFollowUnknown     AttnKind = "followup-unknown"     // last period's action, not followed up
)

// Key is the kind's text in the catalogue.
func (k AttnKind) Key() string {
	switch k {
	case AttnMissedNoAction:
		return "attn.missed-no-action"
	case AttnOffTrackNoMeasure:
		return "attn.off-track-no-measure"
	case AttnMilestoneOverdue:
		return "attn.milestone-overdue"
	case AttnActionOverdue:
		return "attn.action-overdue"
	case AttnBlamesPerson:
		return "finding.blames-person" // the finding's words
	case AttnFollowOverdue:
		return "attn.followup-overdue"
	case AttnFollowUnknown:
		return "attn.followup-unknown"
	}
	return "attn." + string(k)
}

// Attention is one thing leadership must decide on.
type Attention struct {
	Kind    AttnKind
	Subject string // the metric, milestone, action or cause
	Ref     Ref
	Due     Date   // for an overdue action, the planned day of an overdue milestone
	From    string // the period an earlier action came from; "" where unknown
	MovedTo Date   // where a later table 4 moved an earlier action's due date
	// Args are a blame's cause and the person it blames, the team's words,
	// for a message in another language than the finding's.
	Args []string
}

// NeedsAttention lists what needs a decision as of a day: missed metrics no
// follow-up action answers, milestones off track (or not done past their
// planned day) without a countermeasure, open actions past their due date
// (a cancelled one is not), causes that blame a person.
func NeedsAttention(r *Review, asOf Date) []Attention {
	var out []Attention
	missed := append([]OutcomeRow(nil), r.Outcomes...)
	sort.SliceStable(missed, func(i, j int) bool { // the worst first
		return missed[i].Achievement != nil && missed[j].Achievement != nil && *missed[i].Achievement < *missed[j].Achievement
	})
	for _, o := range missed {
		if o.Status == StatusMissed && !answered(o, r.Actions) {
			out = append(out, Attention{Kind: AttnMissedNoAction, Subject: o.Metric, Ref: o.Ref})
		}
	}
	for _, t := range r.Tracking {
		if !t.OffTrack() || strings.TrimSpace(t.Countermeasure) != "" {
			continue
		}
		if t.Overdue {
			out = append(out, Attention{Kind: AttnMilestoneOverdue, Subject: t.Task, Ref: t.Ref, Due: t.Planned.Date})
			continue
		}
		out = append(out, Attention{Kind: AttnOffTrackNoMeasure, Subject: t.Task, Ref: t.Ref})
	}
	// Last period's actions first: the loop the review exists to close.
	// One table 4 sets again is one action (the register's), judged by the
	// date first promised (DaysLate), table 4's later one said beside it.
	open := map[string]FollowUp{}
	for _, f := range r.Followup {
		if !f.Done() && f.Status != FollowDropped && !f.Unmatched && !f.Due.IsZero() {
			open[matchKey(firstNonEmpty(f.Action, f.Measure))] = f
		}
	}
	var follow []Attention
	set := map[string]bool{}
	for _, a := range r.Actions {
		key := matchKey(firstNonEmpty(a.Item, a.Measure))
		set[key] = true
		f, again := open[key]
		switch {
		case !a.Open() || !again && !IsOverdue(a.Due, asOf): // done or cancelled, or not yet due
		case !again:
			out = append(out, Attention{Kind: AttnActionOverdue, Subject: a.Item, Ref: a.Ref, Due: a.Due})
		case IsOverdue(f.Due, asOf):
			follow = append(follow, Attention{Kind: AttnFollowOverdue, Subject: f.Action, Ref: a.Ref, Due: f.Due, From: f.FromPeriod,
				MovedTo: moved(f.Due, firstDate(a.Due, f.MovedTo))})
		}
	}
	for _, f := range r.Followup {
		if set[matchKey(firstNonEmpty(f.Action, f.Measure))] {
			continue
		}
		switch f.Status {
		case FollowOverdue:
			a := Attention{Kind: AttnFollowOverdue, Subject: f.Action, Due: f.Due, From: f.FromPeriod, MovedTo: f.MovedTo}
			if f.Ref != nil {
				a.Ref = *f.Ref
			}
			follow = append(follow, a)
		case FollowUnknown:
			follow = append(follow, Attention{Kind: AttnFollowUnknown, Subject: f.Action, Due: f.Due, From: f.FromPeriod})
		}
	}
	out = append(follow, out...)
	for _, f := range r.Findings {
		if f.Code == CodeBlame {
			out = append(out, Attention{Kind: AttnBlamesPerson, Subject: f.Message(), Ref: f.Ref, Args: f.Quoted()})
		}
	}
	return out
}

// answered reports whether a follow-up action answers a miss: the metric's
// name, or most of its character pairs, in the action's item, measure or
// acceptance criterion; or a word the metric or its cause shares with them
// (线索 of 銷售線索數 in 線索量≥900條, 素材 of 线上素材吸引力不足 in 提升素材质量).
func answered(o OutcomeRow, actions []ActionRow) bool {
	key := matchKey(o.Metric)
	if key == "" {
		return true
	}
	grams := bigrams(o.Metric)
	metricWords, causeWords := telling(o.Metric), telling(o.Cause)
	for _, a := range actions {
		text := a.Item + " " + a.Measure + " " + a.Acceptance
		if strings.Contains(matchKey(text), key) || dice(grams, bigrams(a.Item)) >= 0.4 {
			return true
		}
		words := telling(text)
		for w := range words {
			if metricWords[w] || causeWords[w] {
				return true
			}
		}
	}
	return false
}

// telling are the words of a text that can tell what it speaks of: its
// pairs of neighbouring Han characters and its Latin words, folded to
// Simplified and lower case, without the words every review writes (提升,
// 客户, 不足; increase, customer).
func telling(s string) map[string]bool {
	out := map[string]bool{}
	var han []rune
	var word strings.Builder
	flush := func() {
		for i := 0; i+1 < len(han); i++ {
			if w := string(han[i : i+2]); !commonWords[w] {
				out[w] = true
			}
		}
		han = han[:0]
		if w := word.String(); len(w) >= 4 {
			if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				w = w[:len(w)-1] // customers and customer are one word
			}
			if !commonWords[w] {
				out[w] = true
			}
		}
		word.Reset()
	}
	for _, r := range strings.ToLower(Simplify(s)) {
		switch {
		case unicode.Is(unicode.Han, r):
			if word.Len() > 0 {
				flush()
			}
			han = append(han, r)
		case r < 128 && unicode.IsLetter(r):
			if len(han) > 0 {
				flush()
			}
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// commonWords say nothing of what a metric or an action is about.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`提升 提高 降低 增加 减少 优化 加强 改进 改善 完成 达成 达到 不足 不够 不佳 未达 预期 问题 原因 导致 由于 因为 影响 效果
		客户 销售 业务 市场 公司 团队 部门 工作 项目 管理 计划 目标 实际 情况 进行 相关 需要 持续 全年 本季 季度 月度 本月 每月 每周 指标 数据 整体 下降 上升 增长 同比 环比 人员 负责 支持 配合 及时 确保 建立 制定 推进 落实
		with from that this than more less rate number customer sales increase improve improvement reduce target actual because into over under
		per cent percent month quarter year team their have been were will should`) {
		m[w] = true
	}
	return m
}()
