package fupan

import "sort"

// DueState is where an item a reminder names stands against its due date.
type DueState string

// States of an item a reminder names.
const (
	DueSoon DueState = "due"     // due within the window
	Overdue DueState = "overdue" // its due date has passed and it is not done

	// A review not handed in (the roster's): before the deadline, and after it.
	SubmitDue     DueState = "submit-due"
	SubmitOverdue DueState = "submit-overdue"
)

// Key is the state's reminder line in the catalogue.
func (s DueState) Key() string {
	switch s {
	case DueSoon:
		return "remind.due"
	case Overdue:
		return "remind.overdue"
	case SubmitDue:
		return "remind.submit.due"
	case SubmitOverdue:
		return "remind.submit.overdue"
	}
	return "remind." + string(s)
}

// DueKind is what kind of item a reminder names. It has no catalogue key:
// reminder lines do not name the kind; it keys the record of what was
// reminded, so its values stay as stored.
type DueKind string

// Kinds of item a reminder names.
const (
	ItemAction     DueKind = "action"     // a follow-up action of table 4
	ItemTask       DueKind = "task"       // a key task of table 1
	ItemSubmission DueKind = "submission" // a review not handed in (the roster's)
)

// DueItem is an open action or task due soon or past its date.
type DueItem struct {
	Kind   DueKind
	Text   string
	Owner  string
	Owners []string
	Due    Date
	State  DueState
	From   string // the period an earlier action came from (the register); "" for this period's
}

// Key names the item across days and periods, for the record of what was
// reminded: the same text due the same day is the same item.
func (d DueItem) Key() string { return string(d.Kind) + ":" + matchKey(d.Text) + "@" + d.Due.String() }

// DueItems are a review's open follow-up actions (table 4's, and last
// period's still open) and plan tasks whose due
// date (an action's 完成时间, a task's end) is past or within days of today,
// overdue first, then by date. A task counts as done where a tracked
// milestone of it is done.
func DueItems(rv *Review, today Date, days int) []DueItem {
	horizon := today.AddDays(days)
	var out []DueItem
	add := func(kind DueKind, text, owner string, due Date, from string) {
		if due.IsZero() || text == "" || horizon.Before(due) {
			return
		}
		state := DueSoon
		if IsOverdue(due, today) {
			state = Overdue
		}
		out = append(out, DueItem{Kind: kind, Text: text, Owner: owner, Owners: ParseOwners(owner), Due: due, State: state, From: from})
	}
	set := map[string]bool{} // table 4's actions, by folded name
	for _, a := range rv.Actions {
		set[matchKey(firstNonEmpty(a.Item, a.Measure))] = true
		if !a.Done {
			add(ItemAction, firstNonEmpty(a.Item, a.Measure), a.Owner, a.Due, "")
		}
	}
	// Last period's actions still open (table 5, or a tracked task): the
	// loop is closed only when they are done or dropped. One table 4 sets
	// again is one action (the register's), reminded once, by table 4's
	// later due date and owner.
	for _, f := range rv.Followup {
		if set[matchKey(firstNonEmpty(f.Action, f.Measure))] {
			continue
		}
		if f.Status == FollowOpen || f.Status == FollowOverdue || f.Status == FollowUnknown && f.FromPeriod != "" {
			add(ItemAction, firstNonEmpty(f.Action, f.Measure), f.Owner, f.Due, f.FromPeriod)
		}
	}
	done := map[string]bool{}
	for _, t := range rv.Tracking {
		if t.Done {
			done[matchKey(firstNonEmpty(t.PlanTask, t.Task))] = true
		}
	}
	for _, p := range rv.Plan {
		if !done[matchKey(p.Task)] {
			add(ItemTask, p.Task, p.Owner, p.End, "")
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].State != out[j].State {
			return out[i].State == Overdue
		}
		return out[i].Due.Before(out[j].Due)
	})
	return out
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
