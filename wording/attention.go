package wording

import (
	"sort"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// Attention is one thing that needs a decision, as summary.json keeps it:
// the team's words apart from fupan's, so that every message words it in
// its own language (a zh-Hans robot quoting a zh-Hant team's action keeps
// the action as written and says the rest in Simplified).
type Attention struct {
	Kind    fupan.AttnKind `json:"kind"`
	Subject string         `json:"subject"`          // the team's words: a metric, milestone, action or cause
	Due     string         `json:"due,omitempty"`    // an overdue action's due date, an overdue milestone's planned day
	Person  string         `json:"person,omitempty"` // what a cause blames
	// From is the period an earlier action of the register came from, and
	// OverdueDays how long past its due date it was as of the review.
	From        string `json:"from,omitempty"`
	OverdueDays int    `json:"overdue_days,omitempty"`
	// MovedTo is where a later table 4 moved the action's due date: Due
	// stays the date first promised, which OverdueDays count from.
	MovedTo string `json:"moved_to,omitempty"`
}

// AttentionOf is what needs a decision in a review as of a day.
func AttentionOf(rv *fupan.Review, asOf fupan.Date) []Attention {
	var out []Attention
	for _, a := range fupan.NeedsAttention(rv, asOf) {
		item := Attention{Kind: a.Kind, Subject: a.Subject}
		if !a.Due.IsZero() {
			item.Due = a.Due.String()
		}
		if a.From != "" || a.Kind == fupan.AttnActionOverdue {
			// An action of the register, or this period's: its age, by
			// which SortUrgent puts the most overdue first.
			item.From = a.From
			item.OverdueDays = fupan.DaysLate(a.Due, asOf)
		}
		item.MovedTo = a.MovedTo.String()
		if a.Kind == fupan.AttnBlamesPerson && len(a.Args) == 2 {
			item.Subject, item.Person = a.Args[0], a.Args[1]
		}
		out = append(out, item)
	}
	SortUrgent(out)
	return out
}

// Text is the item worded in the language.
func (a Attention) Text(l fupan.Lang) string {
	switch {
	case a.From != "" && a.Kind == fupan.AttnFollowOverdue:
		// An action of the register, with its age.
		age := ageText(l, a.OverdueDays, a.From)
		if a.MovedTo != "" {
			age += catalog.T(l, "sep.parts") + catalog.F(l, "follow.moved", a.Due, a.MovedTo)
		}
		return catalog.F(l, "attn.followup-aged", a.Subject, age)
	case a.From != "" && a.Kind == fupan.AttnFollowUnknown:
		return catalog.F(l, "attn.followup-unknown-aged", a.Subject, a.From)
	}
	switch a.Kind {
	case fupan.AttnBlamesPerson:
		if a.Person == "" {
			return a.Subject // an old summary's: the finding's message
		}
		return catalog.F(l, a.Kind.Key(), a.Subject, a.Person)
	case fupan.AttnActionOverdue:
		if a.OverdueDays > 0 {
			return catalog.F(l, "attn.action-overdue-aged", a.Subject, a.Due, a.OverdueDays)
		}
		return catalog.F(l, a.Kind.Key(), a.Subject, a.Due) // an old summary's, of no age
	case fupan.AttnFollowOverdue, fupan.AttnMilestoneOverdue:
		return catalog.F(l, a.Kind.Key(), a.Subject, a.Due)
	}
	return catalog.F(l, a.Kind.Key(), a.Subject)
}

// AttentionWords are the items worded in the language.
func AttentionWords(items []Attention, l fupan.Lang) []string {
	out := make([]string, 0, len(items))
	for _, a := range items {
		out = append(out, a.Text(l))
	}
	return out
}

// AttentionTexts are what needs a decision in a review as of a day, worded
// in the language, for the report's page 1 and the mail.
func AttentionTexts(rv *fupan.Review, l fupan.Lang, asOf fupan.Date) []string {
	return AttentionWords(AttentionOf(rv, asOf), l)
}

// SortUrgent puts the items most urgent first, the one order of a report's
// page 1, the overview and the dashboard: the longest overdue first (an
// action, the register's or this period's, by its age), the items without
// an age after them in the order they came (NeedsAttention's: the worst
// miss first).
func SortUrgent(items []Attention) {
	sort.SliceStable(items, func(i, j int) bool { return items[i].OverdueDays > items[j].OverdueDays })
}

// MoreUrgent reports whether one team's items come before another's: the
// team with the longest overdue item first, then the team with more.
func MoreUrgent(a, b []Attention) bool {
	if x, y := mostOverdue(a), mostOverdue(b); x != y {
		return x > y
	}
	return len(a) > len(b)
}

func mostOverdue(items []Attention) int {
	n := 0
	for _, a := range items {
		n = max(n, a.OverdueDays)
	}
	return n
}

// MissingOverdue are the items of a team that has not handed in: its open
// actions of the register past their due date as of asOf (the day a run
// is as of, or a page is read), most urgent first.
func MissingOverdue(past []fupan.Past, asOf fupan.Date) []Attention {
	var items []Attention
	for _, e := range fupan.Register(past, asOf) {
		if e.Open() && e.Age > 0 {
			items = append(items, Attention{Kind: fupan.AttnFollowOverdue, Subject: e.Action, Due: e.Due.String(), From: e.FromPeriod, OverdueDays: e.Age, MovedTo: e.MovedTo.String()})
		}
	}
	SortUrgent(items)
	return items
}

// AgedAsOf are the items with the ages of the actions (the register's and
// this period's) counted to day instead of the day they were found (the
// due date first promised is kept): a page read weeks after a run says how
// late an action is now.
func AgedAsOf(items []Attention, day fupan.Date) []Attention {
	out := append([]Attention(nil), items...)
	for i, a := range out {
		if a.From == "" && a.Kind != fupan.AttnActionOverdue || a.Due == "" {
			continue
		}
		if due, err := fupan.ParseDate(a.Due, 0); err == nil {
			out[i].OverdueDays = fupan.DaysLate(due, day)
		}
	}
	return out
}
