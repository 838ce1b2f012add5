package pdf

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/wording"
)

// oneOrigin reports a follow-up whose actions all come from one period: the
// title names it. Carried older actions name theirs in their row.
func oneOrigin(list []fupan.FollowUp) bool {
	for _, f := range list {
		if f.FromPeriod != list[0].FromPeriod {
			return false
		}
	}
	return true
}

// followAge is an open action's age as of the report's day ("逾期 54 天，
// 来自 2025Q2"), the one age page 1, the overview and fupan actions give;
// "" for one closed, or of an unknown period.
func followAge(l fupan.Lang, f fupan.FollowUp, asOf fupan.Date) string {
	switch f.Status {
	case fupan.FollowOpen, fupan.FollowOverdue, fupan.FollowUnknown:
		return wording.FollowAge(l, f.Due, f.FromPeriod, asOf)
	}
	return ""
}
