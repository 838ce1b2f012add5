package batch

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
)

// MaxNextLessons keeps a next workbook's lessons sheet to what a team reads.
const MaxNextLessons = 60

// ErrNoNextPeriod is a review whose period has no next one fupan can write:
// the caller names the period itself.
var ErrNoNextPeriod = errors.New("no period to follow")

// NextPlan is what a team's next workbook is planned from besides its
// review: the team's past, the history's lessons and who may read them.
type NextPlan struct {
	// Period is the next period as given; "" for the one after the
	// review's, written as the team writes it.
	Period string
	// Past is the team's recorded reviews: every older action still open
	// goes into table 5. Nil where there is no history.
	Past     []fupan.Past
	Lessons  []fupan.Lesson // the history's, newest period first
	Identity fupan.Identity
	// Sees limits the other teams' lessons to those the reader may see;
	// nil: all of them.
	Sees func(teamKey string) bool
}

// NextWorkbook plans the next workbook of a review, for fupan next and the
// page alike: the comparison with the team's past (its open actions
// carried into table 5), the next period in the team's notation, other
// teams' lessons on its metrics, and the file's safe name. rv is changed:
// it gets its comparison.
func NextWorkbook(rv *fupan.Review, p NextPlan) (string, fupan.NextReview, error) {
	period := p.Period
	if period == "" {
		// The team's way of writing it: 2025年第三季度 → 2025年第四季度.
		var err error
		if period, err = fupan.NextPeriodText(firstNonEmpty(rv.Meta.PeriodText, rv.Meta.Period)); err != nil {
			return "", fupan.NextReview{}, fmt.Errorf("%w %q: %w", ErrNoNextPeriod, rv.Meta.Period, err)
		}
	}
	if p.Past != nil {
		rv.SetComparison(fupan.Compare(rv, p.Past, p.Identity))
	}
	n := fupan.PlanNext(rv, period)
	AddNextLessons(&n, rv, p)
	return NextFileName(rv.Meta.Team, period), n, nil
}

// AddNextLessons lists in n other teams' lessons on n's metrics, at most
// MaxNextLessons, newest first: for a next workbook planned from rv, also
// one made from a team's last good review.
func AddNextLessons(n *fupan.NextReview, rv *fupan.Review, p NextPlan) {
	want := map[string]bool{}
	for _, m := range n.Metrics {
		want[p.Identity.MetricKey(m.Metric)] = true
	}
	filter := fupan.LessonFilter{Metrics: want, ExceptTeam: p.Identity.TeamKey(rv.Meta.Team)}
	for _, l := range p.Lessons {
		if len(n.Lessons) < MaxNextLessons && (p.Sees == nil || p.Sees(l.TeamKey)) && filter.Match(l, p.Identity) {
			n.Lessons = append(n.Lessons, l)
		}
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// maxTeamNameBytes bounds the team's part of a next workbook's name, so the
// name with its period and ".xlsx" stays within the 255 bytes file systems
// allow.
const maxTeamNameBytes = 180

// NextFileName is the name of a team's next workbook, <team>_<period>.xlsx,
// made safe from the team's cell: no way out of the folder (a path
// separator becomes _, a leading dot gets _), no control, bidi or invisible
// characters (a U+202E turns "xslx.exe" around), nothing Windows refuses
// (<>:"|?*, a name that is CON, AUX, COM1… before its first dot), no leading dash a
// shell would take for an option, and at most maxTeamNameBytes of the team.
func NextFileName(team, period string) string {
	safe := func(s string) string {
		s = fupan.StripControls(s)
		return strings.Map(func(r rune) rune {
			switch {
			case fupan.IsInvisible(r):
				return -1
			case r == utf8.RuneError, strings.ContainsRune(`<>:"|?*\/`, r):
				return '_'
			}
			return r
		}, s)
	}
	t := strings.TrimSpace(safe(team))
	for len(t) > maxTeamNameBytes {
		_, size := utf8.DecodeLastRuneInString(t)
		t = t[:len(t)-size]
	}
	if t == "" {
		t = "_"
	}
	if t[0] == '.' || t[0] == '-' {
		t = "_" + t
	}
	name := t + "_" + strings.TrimSpace(safe(period)) + ".xlsx"
	if reservedWindowsName(name) {
		name = "_" + name
	}
	return name
}

// reservedWindowsName reports a name Windows takes for a device whatever
// follows its first dot (CON.xlsx, aux.销售部_2025Q4.xlsx): a share mounted
// from Windows could not hold it.
func reservedWindowsName(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) && stem[3] >= '0' && stem[3] <= '9' {
		return true
	}
	for _, sup := range []string{"¹", "²", "³"} { // COM¹ and LPT³ are devices too
		if stem == "COM"+sup || stem == "LPT"+sup {
			return true
		}
	}
	return false
}
