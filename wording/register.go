package wording

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// FollowAge is how old an open action of the register is, as of a day:
// "逾期 47 天，来自 2025Q2" past the due date first promised (fupan.DaysLate),
// "来自 2025Q2" before it; "" where the period it came from is not known.
func FollowAge(l fupan.Lang, due fupan.Date, from string, asOf fupan.Date) string {
	if from == "" {
		return ""
	}
	return ageText(l, fupan.DaysLate(due, asOf), from)
}

// FollowState is a follow-up's status as of a day, each thing said once:
// status, the open action's age beside it ("逾期 58 天，来自 2025Q2" stands
// for 已逾期, saying by how much). The team's words where fupan read them
// otherwise follow in brackets; 已完成 beside a done day to come (read as
// not done) says so: "（表内写“已完成”，完成日期未到）", never "已逾期（已完成）".
// age is "" where the status says it all.
func FollowState(f fupan.FollowUp, l fupan.Lang, asOf fupan.Date) (status, age string) {
	status = catalog.T(l, f.Status.Key())
	note := ""
	switch f.StatusRead.State {
	case fupan.ProgressUnknown, fupan.ProgressPartly:
		switch words := f.StatusRead.Words; {
		case f.StatusRead.State == fupan.ProgressUnknown && fupan.ReadStatus(words).Done():
			note = catalog.F(l, "follow.done_to_come", words)
		case words != status:
			note = words
		}
	}
	switch f.Status {
	case fupan.FollowOpen, fupan.FollowOverdue, fupan.FollowUnknown:
		age = FollowAge(l, f.Due, f.FromPeriod, asOf)
	}
	if f.Status == fupan.FollowOverdue && age != "" && fupan.DaysLate(f.Due, asOf) > 0 {
		status, age = age, ""
	}
	if note != "" {
		status += catalog.T(l, "paren.open") + note + catalog.T(l, "paren.close")
	}
	return status, age
}

// DueText is an action's due date as a reader reads it: the date first
// promised, which its age counts from, and where a later period moved it,
// both: "原定 2025-09-10，改至 2025-12-15".
func DueText(l fupan.Lang, due, movedTo fupan.Date) string {
	if movedTo.IsZero() {
		return due.String()
	}
	return Moved(l, due, movedTo)
}

// Moved says where an action's due date was moved ("原定 2025-09-10，改至
// 2025-12-15"); "" where it was not.
func Moved(l fupan.Lang, due, movedTo fupan.Date) string {
	if movedTo.IsZero() {
		return ""
	}
	return catalog.F(l, "follow.moved", due.String(), movedTo.String())
}

// ageText is an earlier action's age: how many days overdue, and the period
// it came from.
func ageText(l fupan.Lang, overdueDays int, from string) string {
	if overdueDays > 0 {
		return catalog.F(l, "follow.age.overdue", overdueDays, from)
	}
	return catalog.F(l, "follow.age.from", from)
}

// NotCounted says why a follow-up's row is left out of the follow-through
// rate where it is not a dropped one: an action an earlier review closed,
// re-listed ("已于 2025Q2 落实，不计入落实率"), or one no earlier table 4 set;
// "" for a row the rate counts, or a dropped one (the rate's line says so).
func NotCounted(f fupan.FollowUp, l fupan.Lang) string {
	switch {
	case f.Unmatched:
		return catalog.T(l, "followup.not_counted.unknown")
	case f.ClosedBefore != "" && f.Status == fupan.FollowDropped:
		return catalog.F(l, "followup.not_counted.dropped", f.ClosedBefore)
	case f.ClosedBefore != "":
		return catalog.F(l, "followup.not_counted.done", f.ClosedBefore)
	}
	return ""
}
