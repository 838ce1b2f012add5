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
