package fupan

import "strings"

// FollowupRow is a row of table 5: one of last period's actions, as the team
// reports on it.
type FollowupRow struct {
	Ref        Ref    `json:"ref"`
	Item       string `json:"item"`
	Measure    string `json:"measure"`
	Owner      string `json:"owner"`
	Due        Date   `json:"due"`
	Acceptance string `json:"acceptance"`
	Status     string `json:"status"` // as written: 已完成, 进行中, 未开始, 已取消
	DoneOn     Date   `json:"done_on"`
	Effect     string `json:"effect"`
	// StatusRead is Status as fupan reads it.
	StatusRead StatusRead `json:"status_read"`

	Cells map[Col]Ref `json:"-"`
}

// FollowStatus is what became of a previous period's action this period.
type FollowStatus string

// Statuses of a previous period's action this period.
const (
	FollowDone     FollowStatus = "done"      // done on or before its due date (or no date given)
	FollowDoneLate FollowStatus = "done_late" // done after its due date
	FollowOpen     FollowStatus = "open"      // not done, due after this period's end
	FollowOverdue  FollowStatus = "overdue"   // not done, due on or before this period's end
	FollowDropped  FollowStatus = "dropped"   // 已取消, with a reason in 效果
	FollowUnknown  FollowStatus = "unknown"   // mentioned neither in table 5 nor as a task of table 2
)

// Key is the status's word in the catalogue.
func (s FollowStatus) Key() string {
	switch s {
	case FollowDone:
		return "follow.done"
	case FollowDoneLate:
		return "follow.done_late"
	case FollowOpen:
		return "follow.open"
	case FollowOverdue:
		return "follow.overdue"
	case FollowDropped:
		return "follow.dropped"
	case FollowUnknown:
		return "follow.unknown"
	}
	return "follow." + string(s)
}

// FollowUp is one of the previous review's actions, followed up this period.
type FollowUp struct {
	Action  string `json:"action"`
	Measure string `json:"measure"`
	Owner   string `json:"owner"`
	// Due is the due date first promised, which the status and the age
	// count from (DaysLate); MovedTo the date a later table 4 (or table 5's
	// 完成时间) set instead, zero where none did.
	Due        Date         `json:"due"`
	MovedTo    Date         `json:"due_moved_to,omitzero"`
	Acceptance string       `json:"acceptance,omitempty"`
	FromPeriod string       `json:"from_period"`
	Status     FollowStatus `json:"status"`
	DoneOn     Date         `json:"done_on"`
	Effect     string       `json:"effect"`
	Ref        *Ref         `json:"ref"` // where it is mentioned; nil where it is not
	// StatusRead is the status table 5 gives it, the team's words kept;
	// zero where table 5 does not mention it.
	StatusRead StatusRead `json:"status_read"`
	// Unmatched is a row of table 5 that names no earlier action the
	// history knows (a followup-unknown-action finding): listed, not
	// counted in the follow-through rate.
	Unmatched bool `json:"unmatched,omitempty"`
	// ClosedBefore is the period whose review closed the action, where
	// table 5 re-lists one an earlier review closed: it stays as the
	// register closed it (Status, DoneOn, Effect; StatusRead the team's
	// words now), listed, not counted in the follow-through rate.
	ClosedBefore string `json:"closed_before,omitempty"`
}

// Counts reports whether a follow-up counts in the follow-through rate
// (done ÷ all but dropped): not a row of no earlier action (Unmatched), nor
// one re-listing an action an earlier review closed (ClosedBefore).
func (f FollowUp) Counts() bool {
	return f.Status != FollowDropped && !f.Unmatched && f.ClosedBefore == ""
}

// Done reports a follow-up done, on time or late.
func (f FollowUp) Done() bool { return f.Status == FollowDone || f.Status == FollowDoneLate }

func readFollowups(t tableReader) []FollowupRow {
	out := []FollowupRow{}
	for _, row := range t.loc.Rows {
		f := FollowupRow{Ref: t.rowRef(row), Cells: t.cellsOf(row)}
		f.Item = t.text(row, ColItem)
		t.required(row, ColItem)
		f.Measure = t.text(row, ColMeasure)
		f.Owner = t.text(row, ColOwner)
		f.Due, _ = t.date(row, ColDue)
		f.Acceptance = t.text(row, ColAcceptance)
		f.Status = t.text(row, ColStatus)
		f.StatusRead = t.status(row, ColStatus)
		if words := t.text(row, ColDoneOn); ReadStatus(words).SaysNotDone() {
			// 未完成 in the done-date cell: words, not a date to read. Beside
			// a status of done it contradicts it: not done, as the cell says.
			if f.StatusRead.Done() {
				t.fs.addText(CodeStatusDateConflict, t.ref(row, ColDoneOn), "status.done_on_says_not_done", "status.done_on_says_not_done.hint",
					t.colName(ColDoneOn), words, t.colName(ColStatus), f.StatusRead.Words)
				f.StatusRead.State, f.StatusRead.DoneOn = ProgressUnknown, Date{}
			}
		} else {
			f.DoneOn, _ = t.date(row, ColDoneOn)
		}
		if !f.DoneOn.IsZero() && !t.asOf.IsZero() && t.asOf.Before(f.DoneOn) {
			// A done day after the review's is a day to come: not done,
			// whatever the status says (已完成 beside it contradicts it,
			// as 已于10月20日完成 does in the status cell).
			t.fs.addText(CodeStatusDateConflict, t.ref(row, ColDoneOn), "status.done_on_to_come", "status.done_on_to_come.hint",
				t.colName(ColDoneOn), f.DoneOn.String(), t.asOf.String())
			f.DoneOn = Date{}
			if f.StatusRead.Done() {
				f.StatusRead.State, f.StatusRead.DoneOn = ProgressUnknown, Date{}
			}
		} else if f.StatusRead.SaysNotDone() && !f.DoneOn.IsZero() {
			t.fs.add(CodeStatusDateConflict, t.ref(row, ColStatus), t.colName(ColStatus), f.StatusRead.Words, f.DoneOn.String(), f.StatusRead.Words)
		}
		f.Effect = t.text(row, ColEffect)
		out = append(out, f)
	}
	return out
}

// statusOn judges an action as of a day: done (on time or late) where the
// status or an actual date says so, else open or overdue by its due date
// (IsOverdue: the due day itself is not overdue).
func statusOn(due, doneOn Date, done bool, asOf Date) FollowStatus {
	switch {
	case done || !doneOn.IsZero():
		if !doneOn.IsZero() && !due.IsZero() && due.Before(doneOn) {
			return FollowDoneLate
		}
		return FollowDone
	case IsOverdue(due, asOf):
		return FollowOverdue
	}
	return FollowOpen
}

// FollowUpActions follows up the previous period's actions (prev, from the
// history, fromPeriod its period) in this review, as of the period's end:
// each by table 5's row that names it, else by a tracked task of table 2
// that is it, else unknown. With no previous review, table 5's own rows are
// the list. It sets Followup, the summary's counts and the findings of
// follow-up, replacing those of an earlier call, and finishes the review.
func (r *Review) FollowUpActions(prev []ActionRow, fromPeriod string) {
	var carried []CarriedAction
	if prev != nil {
		carried = make([]CarriedAction, 0, len(prev))
		for _, a := range prev {
			carried = append(carried, CarriedAction{ActionRow: a, FromPeriod: fromPeriod})
		}
	}
	r.FollowUpCarried(carried)
}

// FollowUpCarried is FollowUpActions with each action's own period: the
// action register's open actions of any earlier period (Carried). A row of
// table 5 that names none of them is listed as the team tells it, with a
// followup-unknown-action finding: never silently left out.
func (r *Review) FollowUpCarried(carried []CarriedAction) {
	// As of the period's end, or of the review's day where that is later:
	// an action due between the two, not done, is overdue by the days its
	// age counts (DaysLate, to the review's day), never 进行中 beside them.
	asOf := r.Meta.PeriodEnd.AddDays(1) // the period is over
	if asOf.Before(r.AsOf) {
		asOf = r.AsOf
	}
	var list []FollowUp
	used := make([]bool, len(r.FollowupRows))
	if carried == nil {
		for i, f := range r.FollowupRows {
			list = append(list, fromRow(f, "", asOf))
			used[i] = true
		}
	}
	for _, c := range carried {
		if c.ClosedIn != "" {
			continue // matched below, once the actions followed up have their rows
		}
		a, fromPeriod := c.ActionRow, c.FromPeriod
		fu := FollowUp{Action: a.Item, Measure: a.Measure, Owner: a.Owner, Due: a.Due, MovedTo: c.MovedTo, Acceptance: a.Acceptance, FromPeriod: fromPeriod, Status: FollowUnknown}
		if i := r.matchFollowup(a, used); i >= 0 {
			used[i] = true
			f := r.FollowupRows[i]
			if !a.Due.IsZero() {
				// Judged by the date first promised; a 完成时间 the team
				// wrote otherwise moved it.
				if m := moved(a.Due, f.Due); !m.IsZero() {
					fu.MovedTo = m
				}
				f.Due = a.Due
			}
			row := fromRow(f, fromPeriod, asOf)
			row.Action, row.Measure, row.Owner = a.Item, firstNonEmpty(a.Measure, row.Measure), firstNonEmpty(a.Owner, row.Owner)
			// A move shows wherever the due date does, done or not: 延期完成
			// against 原定 6-15，改至 8-31 says why it was late.
			row.MovedTo = fu.MovedTo
			if !row.Done() && row.Status != FollowDropped {
				row.MovedTo = r.movedBy(a, fu.MovedTo)
			}
			list = append(list, row)
			continue
		}
		if t := r.trackedAs(a); t != nil {
			ref := t.Ref
			fu.Ref = &ref
			doneOn := Date{}
			if t.Done {
				doneOn = t.Actual.Date
			}
			fu.Status, fu.DoneOn = statusOn(a.Due, doneOn, t.Done, asOf), doneOn
		}
		if !fu.Done() && fu.Status != FollowDropped {
			fu.MovedTo = r.movedBy(a, fu.MovedTo)
		}
		list = append(list, fu)
	}
	for _, c := range carried {
		if c.ClosedIn == "" {
			continue
		}
		if i := r.matchName(c.Item, used); i >= 0 {
			used[i] = true
			list = append(list, relisted(c, r.FollowupRows[i]))
		}
	}
	for i, f := range r.FollowupRows {
		if !used[i] && matchKey(f.Item) != "" {
			fu := fromRow(f, "", asOf)
			fu.Unmatched = true
			list = append(list, fu)
		}
	}
	if list == nil {
		list = []FollowUp{}
	}
	r.Followup = list
	r.recountFollowup()
	r.finish()
}

// movedBy is the date this review's table 4 moves a carried action to,
// setting it again under its name with another due date; else was.
func (r *Review) movedBy(a ActionRow, was Date) Date {
	if t := r.setAgain(a.Item, a.Measure); t != nil {
		if m := moved(a.Due, t.Due); !m.IsZero() {
			return m
		}
	}
	return was
}

// setAgain is the action of table 4 that sets an earlier action again: the
// same name folded, as the register keys it; nil where none does.
func (r *Review) setAgain(item, measure string) *ActionRow {
	key := matchKey(firstNonEmpty(item, measure))
	if key == "" {
		return nil
	}
	for i, a := range r.Actions {
		if matchKey(firstNonEmpty(a.Item, a.Measure)) == key {
			return &r.Actions[i]
		}
	}
	return nil
}

// fromRow is a follow-up as table 5's row tells it.
func fromRow(f FollowupRow, fromPeriod string, asOf Date) FollowUp {
	ref := f.Ref
	fu := FollowUp{Action: f.Item, Measure: f.Measure, Owner: f.Owner, Due: f.Due, Acceptance: f.Acceptance, FromPeriod: fromPeriod,
		DoneOn: f.DoneOn, Effect: f.Effect, Ref: &ref}
	st := f.StatusRead
	if st.Words == "" && f.Status != "" { // a row built by hand, not read
		st = ReadStatus(f.Status)
	}
	fu.StatusRead = st
	if st.State == ProgressDropped {
		fu.Status = FollowDropped
		return fu
	}
	if st.SaysNotDone() || st.State == ProgressUnknown {
		// The status wins: readFollowups said they disagree, or
		// status-unknown that it counts as not done.
		fu.DoneOn = Date{}
	}
	if fu.DoneOn.IsZero() && st.Done() {
		fu.DoneOn = st.DoneOn // 已于9月20日完成: the day is in the status cell
	}
	fu.Status = statusOn(f.Due, fu.DoneOn, st.Done(), asOf)
	if fu.Status == FollowDone && st.State == ProgressDoneLate {
		fu.Status = FollowDoneLate // 延期完成, with no dates to tell
	}
	return fu
}

// relisted is table 5's row re-listing an action an earlier review closed:
// the action as the register closed it, the team's words kept beside.
func relisted(c CarriedAction, f FollowupRow) FollowUp {
	ref := f.Ref
	st := f.StatusRead
	if st.Words == "" && f.Status != "" { // a row built by hand, not read
		st = ReadStatus(f.Status)
	}
	return FollowUp{Action: c.Item, Measure: firstNonEmpty(c.Measure, f.Measure), Owner: firstNonEmpty(c.Owner, f.Owner), Due: c.Due, MovedTo: c.MovedTo,
		Acceptance: c.Acceptance, FromPeriod: c.FromPeriod, Status: c.Status, DoneOn: c.DoneOn, Effect: c.Effect, Ref: &ref,
		StatusRead: st, ClosedBefore: c.ClosedIn}
}

// matchName finds table 5's row named as an action, its 改进项 folded.
func (r *Review) matchName(item string, used []bool) int {
	key := matchKey(item)
	for i, f := range r.FollowupRows {
		if !used[i] && key != "" && matchKey(f.Item) == key {
			return i
		}
	}
	return -1
}

// matchFollowup finds table 5's row of a previous action: its 改进项 folded,
// else its measure and owner as similar as a tracked task to its plan task.
func (r *Review) matchFollowup(a ActionRow, used []bool) int {
	if i := r.matchName(a.Item, used); i >= 0 {
		return i
	}
	if a.Measure == "" {
		return -1
	}
	var plan []PlanRow
	var index []int
	for i, f := range r.FollowupRows {
		if !used[i] {
			plan = append(plan, PlanRow{Task: firstNonEmpty(f.Measure, f.Item), Owners: ParseOwners(f.Owner)})
			index = append(index, i)
		}
	}
	if p := matchPlanTask(plan, a.Measure, ParseOwners(a.Owner)); p != nil {
		for k := range plan {
			if &plan[k] == p {
				return index[k]
			}
		}
	}
	return -1
}

// trackedAs is the tracked task of table 2 that is the action: named as its
// 改进项 or measure, or one name inside the other. Likeness alone is not
// enough here: a milestone 首场地推活动 is not the action 优化地推活动客群画像.
func (r *Review) trackedAs(a ActionRow) *TrackingRow {
	for _, name := range []string{a.Item, a.Measure} {
		key := matchKey(name)
		if len([]rune(key)) < 2 {
			continue
		}
		for i, t := range r.Tracking {
			tk := matchKey(t.Task)
			if len([]rune(tk)) < 2 {
				continue
			}
			if tk == key || strings.Contains(tk, key) || strings.Contains(key, tk) {
				return &r.Tracking[i]
			}
		}
	}
	return nil
}

// recountFollowup sets the summary's follow-up counts and the follow-up
// findings from Followup, in place of an earlier call's.
func (r *Review) recountFollowup() {
	s := &r.Summary
	s.FollowupTotal, s.FollowupDone, s.FollowupOverdue = 0, 0, 0
	for _, f := range r.Followup {
		if !f.Counts() {
			continue
		}
		s.FollowupTotal++
		if f.Done() {
			s.FollowupDone++
		}
		if f.Status == FollowOverdue {
			s.FollowupOverdue++
		}
	}
	s.ActionsOpenAll = openActions(r)
	// The follow-up findings of an earlier call go; this call's come.
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		switch f.Code {
		case CodeActionNotFollowed, CodeActionOverdue, CodeActionDroppedNoWhy, CodeFollowupUnknownAction, CodeFollowupClosedReopened:
			continue
		}
		kept = append(kept, f)
	}
	fs := &findings{lang: r.Meta.Lang, list: kept}
	at := Ref{}
	if l, ok := r.Loc(FollowupTable); ok {
		at = Ref{l.Sheet, l.HeaderRow, l.FirstCol}
	} else if l, ok := r.Loc(ActionTable); ok {
		at = Ref{l.Sheet, l.HeaderRow, l.FirstCol}
	}
	for _, f := range r.Followup {
		switch {
		case f.Unmatched:
			fs.add(CodeFollowupUnknownAction, *f.Ref, f.Action)
		case f.ClosedBefore != "":
			// Closed it stays; a team that writes it not done is told so,
			// and how to follow it up again (table 4 sets it anew).
			if f.StatusRead.SaysNotDone() && f.Ref != nil {
				fs.add(CodeFollowupClosedReopened, r.statusCell(*f.Ref), f.Action, f.ClosedBefore, Word(f.Status.Key()), f.StatusRead.Words)
			}
		case f.Status == FollowUnknown:
			fs.add(CodeActionNotFollowed, at, f.Action, f.FromPeriod)
		case f.Status == FollowOverdue && f.Ref != nil && f.Ref.Sheet != "" && r.isFollowupRow(*f.Ref):
			fs.add(CodeActionOverdue, *f.Ref, f.Action, f.Due.String())
		case f.Status == FollowDropped && strings.TrimSpace(f.Effect) == "" && f.Ref != nil:
			fs.add(CodeActionDroppedNoWhy, r.effectCell(*f.Ref), f.Action)
		}
	}
	r.Findings = fs.list
}

// finish is a review's last step, after Analyze's and after each follow-up:
// its findings in order of the cells, and counted in the summary.
func (r *Review) finish() {
	SortFindings(r.Findings)
	s := &r.Summary
	s.Errors, s.Warnings, s.Infos = 0, 0, 0
	for _, f := range r.Findings {
		switch f.Severity {
		case SevError:
			s.Errors++
		case SevWarning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

func (r *Review) isFollowupRow(ref Ref) bool {
	for _, f := range r.FollowupRows {
		if f.Ref == ref {
			return true
		}
	}
	return false
}

// statusCell is the 状态 cell of table 5's row, else the row's first cell.
func (r *Review) statusCell(row Ref) Ref { return r.followupCell(row, ColStatus) }

// effectCell is the 效果 cell of table 5's row, else the row's first cell.
func (r *Review) effectCell(row Ref) Ref { return r.followupCell(row, ColEffect) }

// followupCell is a column's cell of table 5's row, else the row's first cell.
func (r *Review) followupCell(row Ref, c Col) Ref {
	for _, f := range r.FollowupRows {
		if f.Ref == row {
			if ref, ok := f.Cells[c]; ok {
				return ref
			}
		}
	}
	return row
}

// FollowThrough is done ÷ all but dropped, nil where nothing counts.
func (s Summary) FollowThrough() *float64 {
	if s.FollowupTotal == 0 {
		return nil
	}
	v := float64(s.FollowupDone) / float64(s.FollowupTotal)
	return &v
}
