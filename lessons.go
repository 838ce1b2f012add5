package fupan

import "strings"

// Kinds of lesson (seed 4.3).
const (
	LessonExperience = "experience" // what worked: to repeat
	LessonAvoid      = "lesson"     // what failed: to avoid
)

// Lesson is one 经验/教训 of a recorded review, for the library.
type Lesson struct {
	Team        string   `json:"team"`
	Period      string   `json:"period"`
	Metric      string   `json:"metric"`
	Kind        string   `json:"kind"`
	Text        string   `json:"text"`
	Cause       string   `json:"cause"`
	Achievement *float64 `json:"achievement"`
	Status      string   `json:"status"`
	File        string   `json:"file,omitempty"` // where it came from
	End         Date     `json:"-"`              // the period's end, for ordering
	TeamKey     string   `json:"-"`
	MetricKey   string   `json:"-"`
}

// LessonKind tells experience from lesson: by the word the team wrote
// first (经验…, 教训…, Experience…, Lesson…), else by the metric: an achieved
// one's is experience, a close or missed one's a lesson.
func LessonKind(text, status string) string {
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
