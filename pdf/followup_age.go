package pdf

import "github.com/fupan-review/fupan"

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
