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
	Due    Date // an earlier action's: first promised, which it is overdue from (DaysLate)
	State  DueState
	From   string // the period an earlier action came from (the register); "" for this period's
	// MovedTo is the date a later table 4 moved an earlier action's due
	// date to, zero where none did.
	MovedTo Date
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
	add := func(it DueItem) {
		if it.Due.IsZero() || it.Text == "" || horizon.Before(it.Due) {
			return
		}
		it.State, it.Owners = DueSoon, ParseOwners(it.Owner)
		if IsOverdue(it.Due, today) {
			it.State = Overdue
		}
		out = append(out, it)
	}
	// Last period's actions still open (table 5, or a tracked task): the
	// loop is closed only when they are done or dropped. One table 4 sets
	// again is one action (the register's), reminded once: by the date
	// first promised, with table 4's later one as where it was moved, and
	// table 4's owner.
	carried := map[string]FollowUp{} // by folded name
	for _, f := range rv.Followup {
		if f.Status == FollowOpen || f.Status == FollowOverdue || f.Status == FollowUnknown && f.FromPeriod != "" {
			carried[matchKey(firstNonEmpty(f.Action, f.Measure))] = f
		}
	}
	for _, a := range rv.Actions {
		key := matchKey(firstNonEmpty(a.Item, a.Measure))
		f, again := carried[key]
		switch {
		case again && !f.Due.IsZero():
			delete(carried, key)
			if a.Open() {
				add(DueItem{Kind: ItemAction, Text: firstNonEmpty(f.Action, f.Measure), Owner: firstNonEmpty(a.Owner, f.Owner), Due: f.Due,
					From: f.FromPeriod, MovedTo: moved(f.Due, firstDate(a.Due, f.MovedTo))})
			}
		case a.Open():
			delete(carried, key)
			add(DueItem{Kind: ItemAction, Text: firstNonEmpty(a.Item, a.Measure), Owner: a.Owner, Due: a.Due})
		default:
			delete(carried, key)
		}
	}
	for _, f := range rv.Followup {
		key := matchKey(firstNonEmpty(f.Action, f.Measure))
		if f, ok := carried[key]; ok {
			delete(carried, key)
			add(DueItem{Kind: ItemAction, Text: firstNonEmpty(f.Action, f.Measure), Owner: f.Owner, Due: f.Due, From: f.FromPeriod, MovedTo: f.MovedTo})
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
			add(DueItem{Kind: ItemTask, Text: p.Task, Owner: p.Owner, Due: p.End})
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

func firstDate(d ...Date) Date {
	for _, v := range d {
		if !v.IsZero() {
			return v
		}
	}
	return Date{}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
