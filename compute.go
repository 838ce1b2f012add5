package fupan

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// Thresholds of the review, from the seed's rules.
const (
	// OnTrackLimit is the deviation past which a milestone needs its cause
	// analysed (seed 2.3: 偏差超过10%).
	OnTrackLimit = 0.10
	// CloseLimit is the achievement from which a missed metric counts as close.
	CloseLimit = 0.90
	// StatedTolerance is how far a team's own rate may be from fupan's before it
	// is reported: half a percentage point.
	StatedTolerance = 0.005
	// MagnitudeLimit (written 1000 in the finding) is how many times apart a target and its actual may be
	// before a forgotten unit (1200万 against 1080) is reported.
	MagnitudeLimit = 1000
	eps            = 1e-9
)

// MetricStatus classifies an achievement: achieved from 100%, close from 90%,
// missed below.
func MetricStatus(achievement float64) OutcomeStatus {
	switch {
	case achievement >= 1-eps:
		return StatusAchieved
	case achievement >= CloseLimit-eps:
		return StatusClose
	}
	return StatusMissed
}

// Achievement of a metric: actual ÷ target, or target ÷ actual where lower is
// better. A negative target (a loss to cut) counts the distance from it in
// its own size: 1 + (actual − target) ÷ |target|, the mirror where lower is
// better (target −200万, actual −100万: 150%). A zero actual where lower is
// better is achieved: 100%. ok is false where it cannot be computed (a
// zero target).
func Achievement(target, actual float64, direction Direction) (float64, bool) {
	switch {
	case target < 0 && direction == Lower:
		return 1 - (actual-target)/-target, true
	case target < 0:
		return 1 + (actual-target)/-target, true
	case direction == Lower && actual == 0:
		return 1, target >= 0
	case direction == Lower:
		return target / actual, true
	case target == 0:
		return 0, false
	}
	return actual / target, true
}

// DateDeviation of a dated milestone: days late ÷ days from the baseline to the
// planned date, both ends counted. Positive is late. ok is false where the
// planned date is before the baseline.
func DateDeviation(baseline, planned, actual Date) (float64, bool) {
	span := baseline.DaysUntil(planned) + 1
	if span <= 0 {
		return 0, false
	}
	return float64(planned.DaysUntil(actual)) / float64(span), true
}

func ptr[T any](v T) *T { return &v }

func compute(r *Review, fs *findings, asOf Date) {
	computeTracking(r, fs, asOf)
	for i := range r.Outcomes {
		o := &r.Outcomes[i]
		if o.Target == nil || o.Actual == nil {
			continue
		}
		if *o.Target == 0 {
			if !o.directionKnown {
				fs.add(CodeTargetZero, o.Cells[ColTarget], o.Metric)
				continue
			}
			// No ratio to a zero: met (100%) or missed (0%), so the count,
			// the chart and the mean say the same.
			met := *o.Actual >= 0
			if o.Direction == Lower {
				met = *o.Actual <= 0
			}
			if o.targetStrict && *o.Actual == 0 {
				met = false // <0 is not met at 0
			}
			o.Achievement = ptr(0.0)
			if met {
				o.Achievement = ptr(1.0)
			}
			o.Status = MetricStatus(*o.Achievement)
			continue
		}
		if ratio := math.Abs(*o.Actual / *o.Target); *o.Actual != 0 && (ratio >= MagnitudeLimit || ratio <= 1.0/MagnitudeLimit) {
			fs.add(CodeMagnitudeDiffers, o.Cells[ColActual], o.Metric, o.TargetText, o.ActualText, "1000")
		}
		if a, ok := Achievement(*o.Target, *o.Actual, o.Direction); ok {
			if o.targetStrict && *o.Actual == *o.Target {
				// <2% at 2%: the bound is not met. Just under 100%, so the
				// status, the chart and the mean agree: close, 99.9%.
				a = 1 - 1e-6
			}
			o.Achievement = ptr(a)
			o.Status = MetricStatus(a)
			if *o.Target < 0 {
				fs.add(CodeNegativeTarget, o.Cells[ColTarget], o.Metric, Word("formula.negative."+string(o.Direction)), FormatPercent(a, false))
			}
		}
		// Signed against the target's size: above a negative target is +.
		o.Deviation = ptr((*o.Actual - *o.Target) / math.Abs(*o.Target))
	}
	summarize(r)
}

func computeTracking(r *Review, fs *findings, asOf Date) {
	for i := range r.Tracking {
		t := &r.Tracking[i]
		plan := matchPlanTask(r.Plan, t.Task, t.Owners)
		if plan != nil {
			t.PlanTask = plan.Task
		}
		p, a := t.Planned, t.Actual
		switch {
		case a.Done:
			t.Done = true
		case !a.Date.IsZero():
			t.Done = true
		case a.Kind == value.KindPercent && a.Value >= 1-eps:
			t.Done = true
		case a.Kind != value.KindNone && p.Kind != value.KindNone && p.Kind != value.KindPercent && a.Value >= p.Value:
			t.Done = true
		}
		switch {
		case !p.Date.IsZero() && !a.Date.IsZero():
			t.Baseline = trackingBaseline(r.Meta, t, plan)
			// Never false here: the baseline is never after the planned date.
			if d, ok := DateDeviation(t.Baseline, p.Date, a.Date); ok {
				t.Deviation = ptr(d)
			}
		case p.Kind != value.KindNone && a.Kind != value.KindNone:
			pq, aq := value.Quantity{Value: p.Value, Kind: p.Kind}, value.Quantity{Value: a.Value, Kind: a.Kind}
			switch {
			case !pq.Compatible(aq):
				fs.unitMismatch(t.Cells[ColActual], t.Task, p.Text, a.Text, pq, aq)
			case p.Value != 0:
				t.Deviation = ptr((a.Value - p.Value) / p.Value)
			}
		case !p.Date.IsZero() && a.Kind == value.KindPercent:
			// A share done against a dated milestone (完成80% against
			// 7月31日前完成) is progress, judged by its day below.
		case (!p.Date.IsZero() && a.Kind != value.KindNone) || (p.Kind != value.KindNone && !a.Date.IsZero()):
			fs.add(CodeUnitMismatch, t.Cells[ColActual], t.Task, p.Text, a.Text,
				milestoneKind(p), milestoneKind(a))
		}
		if t.Deviation == nil && overdueMilestone(t, asOf) {
			// Not done past its planned day: late by at least the days
			// since, and off track whatever that comes to, for it is not
			// done yet (还没完成 against 7月31日前完成, as of 10月8日).
			t.Baseline = trackingBaseline(r.Meta, t, plan)
			if d, ok := DateDeviation(t.Baseline, p.Date, asOf); ok {
				t.Deviation, t.Overdue = ptr(d), true
				t.State, t.OnTrack = StateOffTrack, ptr(false)
				continue
			}
		}
		if t.Deviation != nil {
			t.State = milestoneState(*t.Deviation, !p.Date.IsZero())
			t.OnTrack = ptr(t.State != StateOffTrack)
		}
	}
}

// LateTo is the day an overdue milestone's deviation is counted to (the
// review's day): its planned day and the days late; false for any other.
func (t TrackingRow) LateTo() (Date, bool) {
	if !t.Overdue || t.Deviation == nil {
		return Date{}, false
	}
	span := t.Baseline.DaysUntil(t.Planned.Date) + 1
	return t.Planned.Date.AddDays(int(math.Round(*t.Deviation * float64(span)))), true
}

// overdueMilestone reports a dated milestone whose progress the team gave
// in words that say it is not done (进行中, 还没完成, 未开始, words fupan
// does not know) or as a share under 100% (完成80%), and whose planned day
// is before asOf. A blank actual is a missing value, not progress; a
// dropped milestone is late for nobody.
func overdueMilestone(t *TrackingRow, asOf Date) bool {
	p, a := t.Planned, t.Actual
	progress := a.Kind == value.KindPercent || a.Kind == value.KindNone && a.Read.State != ""
	return !t.Done && !asOf.IsZero() && !p.Date.IsZero() && a.Date.IsZero() && progress &&
		a.Read.State != ProgressDropped && IsOverdue(p.Date, asOf)
}

// TrackState is where a milestone with a deviation stands against its plan.
type TrackState string

// States of a milestone with a deviation.
const (
	StateAhead    TrackState = "ahead"
	StateOnTrack  TrackState = "on_track"
	StateOffTrack TrackState = "off_track"
)

// Key is the state's label in the catalogue.
func (s TrackState) Key() string {
	switch s {
	case StateAhead:
		return "ahead"
	case StateOnTrack:
		return "on.track"
	case StateOffTrack:
		return "off.track"
	}
	return string(s)
}

// milestoneState is the one rule for a milestone everywhere: ahead of plan
// (earlier, or more done) is never off track; on track up to 10% late (or
// behind); off track past that. A dated milestone's positive deviation is
// late, a percentage or count milestone's negative one behind.
func milestoneState(deviation float64, dated bool) TrackState {
	late := deviation
	if !dated {
		late = -deviation
	}
	switch {
	case late < -eps:
		return StateAhead
	case late <= OnTrackLimit+eps:
		return StateOnTrack
	}
	return StateOffTrack
}

// OffTrack reports a milestone more than 10% late or behind.
func (t TrackingRow) OffTrack() bool { return t.State == StateOffTrack }

// milestoneKind names what a milestone holds, for a message: a date or a kind of quantity.
func milestoneKind(m Milestone) Arg {
	if !m.Date.IsZero() {
		return Word("word.date")
	}
	return quantityKind{Kind: m.Kind}
}

// trackingBaseline is the day a milestone's deviation counts from: the first
// day of the tracking month named in the header, else the start of the matching
// task of table 1, else the first day of the planned date's month: never a
// day after the planned date.
func trackingBaseline(meta Meta, t *TrackingRow, plan *PlanRow) Date {
	p := t.Planned.Date
	if y, m := value.NoteMonth(t.Month); m != 0 {
		if y == 0 {
			y = p.Year
			// A December tracking month for a January milestone is last year's.
			if meta.PeriodStart.Year != 0 {
				y = meta.PeriodStart.Year
				if m < meta.PeriodStart.Month && meta.PeriodEnd.Year > y {
					y++
				}
			}
		}
		base := firstOfMonth(y, m)
		if !p.Before(base) {
			return base
		}
	}
	if plan != nil && !plan.Start.IsZero() && !p.Before(plan.Start) {
		return plan.Start
	}
	return firstOfMonth(p.Year, p.Month)
}

// matchPlanTask finds the task of table 1 a tracked task belongs to: the same
// name, one name inside the other, or the most shared character pairs (a
// milestone "首场地推活动" belongs to "开展区域地推活动"), the owner deciding a tie.
func matchPlanTask(plan []PlanRow, task string, owners []string) *PlanRow {
	key := matchKey(task)
	if key == "" {
		return nil
	}
	var best *PlanRow
	bestScore := 0.0
	var taskGrams map[string]int // the task's, made once when first needed
	for i := range plan {
		pk := matchKey(plan[i].Task)
		if pk == "" {
			continue
		}
		var score float64
		switch {
		case pk == key:
			score = 10
		case strings.Contains(pk, key) || strings.Contains(key, pk):
			score = 5
		default:
			if taskGrams == nil {
				taskGrams = bigrams(task)
			}
			score = dice(taskGrams, bigrams(plan[i].Task))
		}
		if sameOwner(owners, plan[i].Owners) {
			score += 0.15
		}
		if score > bestScore {
			best, bestScore = &plan[i], score
		}
	}
	if bestScore < 0.3 {
		return nil
	}
	return best
}

func sameOwner(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// bigrams are the pairs of neighbouring letters of a name; Latin words count as
// single letters so English names compare by words.
func bigrams(s string) map[string]int {
	s = strings.ToLower(Simplify(s))
	var units []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			w := word.String()
			if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				w = w[:len(w)-1] // events and event are the same word here
			}
			units = append(units, w)
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flush()
			units = append(units, string(r))
		default:
			flush()
		}
	}
	flush()
	m := map[string]int{}
	if len(units) == 1 {
		m[units[0]]++
	}
	for i := 0; i+1 < len(units); i++ {
		m[units[i]+"\x00"+units[i+1]]++
	}
	return m
}

func dice(a, b map[string]int) float64 {
	na, nb, common := 0, 0, 0
	for k, n := range a {
		na += n
		common += min(n, b[k])
	}
	for _, n := range b {
		nb += n
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(common) / float64(na+nb)
}

func summarize(r *Review) {
	s := &r.Summary
	var sum, capped float64
	n := 0
	for _, o := range r.Outcomes {
		s.Metrics++
		switch o.Status {
		case StatusAchieved:
			s.MetricsAchieved++
		case StatusClose:
			s.MetricsClose++
		case StatusMissed:
			s.MetricsMissed++
		}
		if o.Achievement != nil {
			sum += *o.Achievement
			capped += min(*o.Achievement, 1)
			n++
		}
	}
	s.MetricsRated = n
	if n > 0 {
		s.MeanAchievement = ptr(sum / float64(n))
		s.MeanAchievementCapped = ptr(capped / float64(n))
	}
	s.Tasks = len(r.Plan)
	currencies := map[string]bool{}
	for _, p := range r.Plan {
		if p.Budget != nil {
			s.Budget += *p.Budget
			s.BudgetGiven++
			currencies[p.Currency] = true
		}
		if p.People != nil {
			s.People += *p.People
			s.PeopleGiven++
		}
	}
	if len(currencies) == 1 {
		for c := range currencies {
			s.BudgetCurrency = c
		}
	}
	judged := 0
	for _, t := range r.Tracking {
		if t.Actual.Read.State == ProgressDropped {
			continue // cancelled: neither done nor to do
		}
		s.Tracked++
		if t.Done {
			s.TrackedDone++
		}
		if t.OnTrack != nil {
			judged++
			if *t.OnTrack {
				s.OnSchedule++
			}
		}
	}
	s.MilestonesJudged = &judged
	if s.Tracked > 0 {
		s.Completion = ptr(float64(s.TrackedDone) / float64(s.Tracked))
	}
	for _, a := range r.Actions {
		s.Actions++
		switch {
		case a.Done:
			s.ActionsDone++
		case a.Dropped():
			s.ActionsDropped++
		}
	}
	s.ActionsOpen = s.Actions - s.ActionsDone - s.ActionsDropped
	s.ActionsOpenAll = openActions(r)
}

// openActions counts the team's open actions as of the review: table 4's not
// done or dropped, and the earlier periods' that its follow-up finds open,
// overdue or not followed up, each once: an action table 4 sets again is
// the one table 4 closes or keeps open.
func openActions(r *Review) int {
	open, set := map[string]bool{}, map[string]bool{}
	for i, a := range r.Actions {
		key := matchKey(firstNonEmpty(a.Item, a.Measure))
		if key == "" {
			key = fmt.Sprintf("\x00%d", i) // unnamed: each its own
		}
		set[key] = true
		if a.Open() {
			open[key] = true
		}
	}
	for _, f := range r.Followup {
		key := matchKey(firstNonEmpty(f.Action, f.Measure))
		if f.Unmatched || set[key] || key == "" {
			continue
		}
		switch f.Status {
		case FollowOpen, FollowOverdue, FollowUnknown:
			open[key] = true
		}
	}
	return len(open)
}
