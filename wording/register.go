package wording

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// FollowAge is how old an open action of the register is, as of a day:
// "逾期 47 天，来自 2025Q2" past its due date, "来自 2025Q2" before it; ""
// where the period it came from is not known.
func FollowAge(l fupan.Lang, due fupan.Date, from string, asOf fupan.Date) string {
	if from == "" {
		return ""
	}
	days := 0
	if !due.IsZero() && !asOf.IsZero() && due.Before(asOf) {
		days = due.DaysUntil(asOf)
	}
	return ageText(l, days, from)
}

// ageText is an earlier action's age: how many days overdue, and the period
// it came from.
func ageText(l fupan.Lang, overdueDays int, from string) string {
	if overdueDays > 0 {
		return catalog.F(l, "follow.age.overdue", overdueDays, from)
	}
	return catalog.F(l, "follow.age.from", from)
}
