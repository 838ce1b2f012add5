package fupan

import "sort"

// RegisterEntry is one action of table 4, of any period, as the action
// register follows it: open until a later review says it is done or dropped
// ("避免复盘归复盘，执行归执行").
type RegisterEntry struct {
	Team    string `json:"team"`
	Action  string `json:"action"`
	Measure string `json:"measure,omitempty"`
	Owner   string `json:"owner"`
	// Due is the due date first promised, which its age counts from
	// (DaysLate); MovedTo the date a later table 4 set instead, zero where
	// none moved it.
	Due     Date `json:"due"`
	MovedTo Date `json:"due_moved_to,omitzero"`
	// DueText is the due date as table 4 wrote it ("年底前" where no day is
	// given).
	DueText    string `json:"due_text,omitempty"`
	Acceptance string `json:"acceptance,omitempty"`
	FromPeriod string `json:"from_period"` // the period whose table 4 set it
	// Status is a follow-up's: open, overdue, unknown (not followed up in
	// the latest review), done, done_late or dropped.
	Status FollowStatus `json:"status"`
	DoneOn Date         `json:"done_on"`
	Effect string       `json:"effect,omitempty"`
	// LastSeen is the latest period whose review names the action.
	LastSeen string `json:"last_seen"`
	// Age is how many days it is past the due date first promised, as of
	// the day the register was taken (DaysLate); 0 where it is closed or
	// not yet due.
	Age int `json:"age_days"`

	key string
	// closedIn is the period whose review closed it, "" while it is open.
	closedIn string
}

// Open reports an action neither done nor dropped.
func (e RegisterEntry) Open() bool {
	switch e.Status {
	case FollowDone, FollowDoneLate, FollowDropped:
		return false
	}
	return true
}

// CarriedAction is an earlier period's action a review follows up, with the
// period that set it. Its Due is the date first promised; MovedTo the date
// a later table 4 moved it to, zero where none did.
//
// ClosedIn is set for an action an earlier review closed (done or dropped)
// that the review does not follow up: matched only where table 5 re-lists
// it, by name, so that the row is no unknown action; it stays as the
// register closed it (Status, DoneOn, Effect) and counts in no rate.
type CarriedAction struct {
	ActionRow
	FromPeriod string
	MovedTo    Date

	ClosedIn string
	Status   FollowStatus
	DoneOn   Date
	Effect   string
}

// DaysLate is how many days an action not done is past its due date as of a
// day, 0 before it or where it has none. The one rule of an action's age:
// it counts from the due date first promised (the register's Due), never
// from one a later period moved it to, so that setting an action again does
// not hide how long it has slipped; the report, fupan actions and remind
// count so, and say where it was moved (MovedTo).
func DaysLate(due, asOf Date) int {
	if !IsOverdue(due, asOf) {
		return 0
	}
	return due.DaysUntil(asOf)
}

// moved is the date a due date was moved to, zero where it was not.
func moved(first, now Date) Date {
	if first.IsZero() || now.IsZero() || now == first {
		return Date{}
	}
	return now
}

// Register is a team's action register as of a day, from its recorded
// reviews (any order): every action of table 4, closed where a later review
// followed it up as done or dropped, open otherwise. An action a later table
// 4 sets again under the same name stays one action, from its first period,
// with its first due date (the later one kept as MovedTo) and the later
// owner. Oldest first.
func Register(past []Past, asOf Date) []RegisterEntry {
	past = append([]Past(nil), past...)
	SortPast(past)
	var reg []RegisterEntry
	find := func(key, from string) int {
		// The follow-up's own origin first, then any open one of that name.
		for i := range reg {
			if reg[i].key == key && from != "" && reg[i].FromPeriod == from {
				return i
			}
		}
		for i := range reg {
			if reg[i].key == key && reg[i].Open() {
				return i
			}
		}
		return -1
	}
	closed := func(key string) int { // a closed one of that name, the latest
		for i := len(reg) - 1; i >= 0; i-- {
			if reg[i].key == key && !reg[i].Open() {
				return i
			}
		}
		return -1
	}
	for n, p := range past {
		for _, f := range p.Followups {
			key := matchKey(f.Action)
			i := find(key, f.FromPeriod)
			if i < 0 && f.FromPeriod == "" {
				switch {
				case n == 0 && !f.Unmatched && f.Ref != nil && key != "":
					// A team's first recorded review follows up actions of a
					// period the history does not hold: they are the register's
					// from here on, of an origin unknown, so that the next
					// period's table 5 rows about them match.
					e := RegisterEntry{Team: p.Team, Action: f.Action, Measure: f.Measure, Owner: f.Owner, Due: f.Due,
						Acceptance: f.Acceptance, Status: f.Status, DoneOn: f.DoneOn, Effect: f.Effect, LastSeen: p.Period.Label, key: key}
					if !e.Open() {
						e.closedIn = p.Period.Label
					}
					reg = append(reg, e)
				case f.Ref != nil:
					// A later review's row of no earlier table 4 (the history
					// does not keep Unmatched): no action of the register. One
					// naming a closed action re-lists it, which stays closed.
					if c := closed(key); c >= 0 {
						reg[c].LastSeen = p.Period.Label
					}
				}
				continue
			}
			if i < 0 || f.Status == FollowUnknown {
				if i >= 0 && reg[i].Open() {
					reg[i].Status = FollowUnknown
				}
				continue
			}
			e := &reg[i]
			wasOpen := e.Open()
			e.Status, e.DoneOn, e.Effect = f.Status, f.DoneOn, f.Effect
			switch {
			case e.Open():
				e.closedIn = ""
			case wasOpen:
				e.closedIn = p.Period.Label
			}
			if e.Due.IsZero() { // first promised here
				e.Due = f.Due
			}
			if f.Ref != nil {
				e.LastSeen = p.Period.Label
			}
		}
		for _, a := range p.Actions {
			key := matchKey(firstNonEmpty(a.Item, a.Measure))
			if key == "" {
				continue
			}
			status := FollowOpen
			switch {
			case ReadStatus(a.Status).State == ProgressDropped:
				status = FollowDropped
			case a.Done:
				status = statusOn(a.Due, Date{}, true, p.Period.End)
			}
			if i := find(key, ""); i >= 0 && reg[i].Open() {
				e := &reg[i]
				if e.Due.IsZero() {
					e.Due, e.DueText = a.Due, a.DueText
				} else if m := moved(e.Due, a.Due); !m.IsZero() {
					e.MovedTo = m
				}
				e.Owner, e.Status, e.LastSeen = firstNonEmpty(a.Owner, e.Owner), status, p.Period.Label
				if !e.Open() {
					e.closedIn = p.Period.Label
				}
				continue
			}
			e := RegisterEntry{Team: p.Team, Action: firstNonEmpty(a.Item, a.Measure), Measure: a.Measure, Owner: a.Owner,
				Due: a.Due, DueText: a.DueText, Acceptance: a.Acceptance, FromPeriod: p.Period.Label, Status: status, LastSeen: p.Period.Label, key: key}
			if !e.Open() {
				e.closedIn = p.Period.Label
			}
			reg = append(reg, e)
		}
	}
	for i := range reg {
		e := &reg[i]
		if e.Open() && e.Status != FollowUnknown {
			e.Status = statusOn(e.Due, Date{}, false, asOf)
		}
		if e.Open() {
			e.Age = DaysLate(e.Due, asOf)
		}
	}
	return reg
}

// Carried are the actions a review of period p follows up: every action of
// the previous review (prev, -1 for none), and every action still open from
// any period before it, oldest first; then those an earlier review closed
// (ClosedIn), which table 5 may re-list. Nil where the team has no review
// before p.
func Carried(past []Past, prev int, p Period) []CarriedAction {
	if prev < 0 {
		return nil
	}
	var before []Past
	for _, q := range past {
		if q.Period.End.Before(p.Start) {
			before = append(before, q)
		}
	}
	from := past[prev].Period.Label
	out := []CarriedAction{}
	var closed []CarriedAction
	for _, e := range Register(before, p.Start) {
		c := CarriedAction{ActionRow: ActionRow{Item: e.Action, Measure: e.Measure, Owner: e.Owner, Owners: ParseOwners(e.Owner),
			Due: e.Due, Acceptance: e.Acceptance}, FromPeriod: e.FromPeriod, MovedTo: e.MovedTo}
		// The previous review's own, every one (the follow-up says what
		// became of them), but one its own table 4 already closed; an
		// older one while it is open.
		if e.Open() || e.FromPeriod == from && e.closedIn != from {
			out = append(out, c)
			continue
		}
		c.ClosedIn, c.Status, c.DoneOn, c.Effect = firstNonEmpty(e.closedIn, e.LastSeen), e.Status, e.DoneOn, e.Effect
		closed = append(closed, c)
	}
	return append(out, closed...)
}

// SortRegister orders a register by team, open before closed, the most
// overdue first, then by origin.
func SortRegister(reg []RegisterEntry) {
	sort.SliceStable(reg, func(i, j int) bool {
		a, b := reg[i], reg[j]
		if a.Team != b.Team {
			return a.Team < b.Team
		}
		if a.Open() != b.Open() {
			return a.Open()
		}
		return a.Age > b.Age
	})
}

// MissingFollowThrough is what a team that has not handed in period p counts
// in the company's follow-through for p, as a review with an empty table 5
// would: the actions it would follow up (Carried), but those dropped; done
// those the register closed as done, overdue those open past their due date
// at p's end.
func MissingFollowThrough(past []Past, p Period) FollowThrough {
	var f FollowThrough
	prev := PreviousOf(past, p)
	if prev < 0 {
		return f
	}
	var before []Past
	for _, q := range past {
		if q.Period.End.Before(p.Start) {
			before = append(before, q)
		}
	}
	from := past[prev].Period.Label
	for _, e := range Register(before, p.End.AddDays(1)) {
		if e.FromPeriod != from && !e.Open() || e.Status == FollowDropped {
			continue
		}
		f.Total++
		switch {
		case !e.Open():
			f.Done++
		case e.Age > 0:
			f.Overdue++
		}
	}
	return f
}
