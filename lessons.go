package fupan

import (
	"sort"
	"strings"

	"github.com/fupan-review/fupan/value"
)

// Kinds of lesson (seed 4.3).
const (
	LessonExperience = "experience" // what worked: to repeat
	LessonAvoid      = "lesson"     // what failed: to avoid
)

// Lesson is one 经验/教训 of a recorded review, for the library.
type Lesson struct {
	Team        string        `json:"team"`
	Period      string        `json:"period"`
	Metric      string        `json:"metric"`
	Kind        string        `json:"kind"`
	Text        string        `json:"text"`
	Cause       string        `json:"cause"`
	Achievement *float64      `json:"achievement"`
	Status      OutcomeStatus `json:"status"`
	File        string        `json:"-"` // where it came from
	End         Date          `json:"-"` // the period's end, for ordering
	TeamKey     string        `json:"-"`
	MetricKey   string        `json:"metric_key,omitempty"`
}

// LessonKind tells experience from lesson: by the word the team wrote
// first (经验…, 教训…, Experience…, Lesson…), else by the metric: an achieved
// one's is experience, a close or missed one's a lesson.
func LessonKind(text string, status OutcomeStatus) string {
	k := matchKey(text)
	for _, w := range []string{"经验", "experience", "做法", "亮点"} {
		if strings.HasPrefix(k, w) {
			return LessonExperience
		}
	}
	for _, w := range []string{"教训", "lesson", "改进"} {
		if strings.HasPrefix(k, w) {
			return LessonAvoid
		}
	}
	if status == StatusAchieved {
		return LessonExperience
	}
	return LessonAvoid
}

// LessonFilter picks lessons from the library; zero fields pick all.
type LessonFilter struct {
	Search string // in any script: a Simplified search finds Traditional text
	Team   string // a team key
	Kind   string
	Since  Date // periods ending on or after
	// Metrics, where set, are the metric keys wanted; ExceptTeam leaves a
	// team out (fupan next: other teams' lessons on the same metrics).
	Metrics    map[string]bool
	ExceptTeam string
}

// Match reports whether a lesson passes the filter; id folds the search and
// the texts alike.
func (f LessonFilter) Match(l Lesson, id Identity) bool {
	switch {
	case f.Team != "" && l.TeamKey != f.Team,
		f.ExceptTeam != "" && l.TeamKey == f.ExceptTeam,
		f.Kind != "" && l.Kind != f.Kind,
		!f.Since.IsZero() && l.End.Before(f.Since),
		f.Metrics != nil && !f.Metrics[l.MetricKey]:
		return false
	}
	if f.Search == "" {
		return true
	}
	q := id.fold(f.Search)
	return strings.Contains(id.fold(l.Text+" "+l.Cause+" "+l.Metric+" "+l.Team), q)
}

// Theme is lessons that say the same thing about one metric: the same
// metric (its key) and kind, and texts that share most of their character
// pairs (Dice ≥ ThemeSimilarity, the prefix 经验/教训 left out), joined
// transitively. A theme of several teams recurs.
type Theme struct {
	Metric  string
	Kind    string
	Lessons []Lesson
	Teams   int // distinct teams
}

// ThemeSimilarity is how alike two lessons' texts must be to be one theme:
// the seed's "地推活动客群画像需更精准" and "地推活动的客群画像要更精准" are
// (0.7); two lessons that only share a metric are not (below 0.2).
const ThemeSimilarity = 0.45

// Themes groups lessons into themes, those of the most teams first, then
// lessons before experience, then by metric.
func Themes(lessons []Lesson) []Theme {
	grams := make([]map[string]int, len(lessons))
	for i, l := range lessons {
		grams[i] = bigrams(lessonBody(l.Text))
	}
	// Lessons alike, of one metric and kind, join; a theme is what is joined.
	sets := newDisjointSets(len(lessons))
	for i := range lessons {
		for j := i + 1; j < len(lessons); j++ {
			a, b := lessons[i], lessons[j]
			if a.MetricKey == b.MetricKey && a.Kind == b.Kind && dice(grams[i], grams[j]) >= ThemeSimilarity {
				sets.join(i, j)
			}
		}
	}
	index := map[int]int{}
	var themes []Theme
	for i, l := range lessons {
		root := sets.find(i)
		k, ok := index[root]
		if !ok {
			k = len(themes)
			index[root] = k
			themes = append(themes, Theme{Metric: l.Metric, Kind: l.Kind})
		}
		themes[k].Lessons = append(themes[k].Lessons, l)
	}
	for i := range themes {
		teams := map[string]bool{}
		for _, l := range themes[i].Lessons {
			teams[l.TeamKey+"\x00"+l.Team] = true
		}
		themes[i].Teams = len(teams)
	}
	sort.SliceStable(themes, func(i, j int) bool {
		a, b := themes[i], themes[j]
		if a.Teams != b.Teams {
			return a.Teams > b.Teams
		}
		if a.Kind != b.Kind {
			return a.Kind == LessonAvoid
		}
		return a.Metric < b.Metric
	})
	return themes
}

// disjointSets is union-find over 0…n-1: alike is transitive, so a theme
// holds lessons that are alike only through another.
type disjointSets []int

func newDisjointSets(n int) disjointSets {
	parent := make(disjointSets, n)
	for i := range parent {
		parent[i] = i
	}
	return parent
}

func (p disjointSets) find(i int) int {
	for p[i] != i {
		p[i] = p[p[i]]
		i = p[i]
	}
	return i
}

func (p disjointSets) join(i, j int) { p[p.find(j)] = p.find(i) }

// lessonBody is a lesson without its 经验:/教训: prefix, which every lesson
// of a kind shares and would make unrelated ones look alike.
func lessonBody(s string) string {
	t := strings.TrimSpace(value.FoldText(s))
	for _, p := range []string{"经验", "經驗", "教训", "教訓", "experience", "Experience", "lesson", "Lesson", "lessons", "Lessons"} {
		if strings.HasPrefix(t, p) {
			t = strings.TrimLeft(strings.TrimPrefix(t, p), ": ")
			break
		}
	}
	return t
}

// LessonsOf are a review's lessons, keyed by id.
func LessonsOf(rv *Review, id Identity) []Lesson {
	var out []Lesson
	for _, o := range rv.Outcomes {
		if strings.TrimSpace(o.Lesson) == "" {
			continue
		}
		out = append(out, Lesson{Team: rv.Meta.Team, Period: rv.Meta.Period, Metric: o.Metric, Kind: LessonKind(o.Lesson, o.Status),
			Text: o.Lesson, Cause: o.Cause, Achievement: o.Achievement, Status: o.Status, File: rv.File, End: rv.Meta.PeriodEnd,
			TeamKey: id.TeamKey(rv.Meta.Team), MetricKey: id.MetricKey(o.Metric)})
	}
	return out
}

// OfKind are the lessons of a kind, in their order.
func OfKind(lessons []Lesson, kind string) []Lesson {
	var out []Lesson
	for _, l := range lessons {
		if l.Kind == kind {
			out = append(out, l)
		}
	}
	return out
}

// ByMetric groups lessons by metric (one metric across scripts, by its
// key), in the order metrics first appear.
func ByMetric(lessons []Lesson) [][]Lesson {
	index := map[string]int{}
	var groups [][]Lesson
	for _, l := range lessons {
		k := l.MetricKey
		if k == "" {
			k = l.Metric
		}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], l)
	}
	return groups
}
