package templates

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
	if !due.IsZero() && !asOf.IsZero() && due.Before(asOf) {
		return catalog.F(l, "follow.age.overdue", due.DaysUntil(asOf), from)
	}
	return catalog.F(l, "follow.age.from", from)
}
