package fupan

import (
	"strconv"

	"github.com/fupan-review/fupan/value"
)

// Review is one workbook's review: what the team wrote, what fupan computed from
// it and what is wrong with it. Its JSON form is what `fupan inspect --json`
// prints; the keys are a contract with scripts.
type Review struct {
	File     string        `json:"file"`
	Meta     Meta          `json:"meta"`
	Plan     []PlanRow     `json:"plan"`
	Tracking []TrackingRow `json:"tracking"`
	Outcomes []OutcomeRow  `json:"outcomes"`
	Actions  []ActionRow   `json:"actions"`
	// FollowupRows are table 5's rows; Followup is last period's actions
	// followed up (from the history, else table 5 alone).
	FollowupRows []FollowupRow `json:"followup_rows,omitempty"`
	Followup     []FollowUp    `json:"followup"`
	Summary      Summary       `json:"summary"`
	Findings     []Finding     `json:"findings"`

	// Tables says where each table was found, for the writers.
	Tables []TableLoc `json:"-"`
	// Compared is the review set against the team's history; nil where
	// there is no history.
	Compared *Comparison `json:"-"`
	// AsOf is the day the review is judged as of (--as-of, else the day it
	// was analysed); zero for a review read back from a history.
	AsOf Date `json:"-"`
}

// Meta holds the review facts.
type Meta struct {
	Team        string `json:"team"`
	Period      string `json:"period"`
	PeriodText  string `json:"period_text,omitempty"` // as the team wrote it (2025年第三季度); next keeps its way
	PeriodStart Date   `json:"period_start"`
	PeriodEnd   Date   `json:"period_end"`
	Reviewer    string `json:"reviewer,omitempty"`
	Lang        Lang   `json:"lang"`
	// Where team and period came from: "workbook", "file name", "option" or "".
	TeamFrom   string `json:"team_from,omitempty"`
	PeriodFrom string `json:"period_from,omitempty"`
}

// PlanRow is a row of table 1, the execution plan.
type PlanRow struct {
	Ref        Ref      `json:"ref"`
	Goal       string   `json:"goal"`
	Task       string   `json:"task"`
	Owner      string   `json:"owner"`
	Owners     []string `json:"owners"`
	Period     string   `json:"period"`
	Start      Date     `json:"start"`
	End        Date     `json:"end"`
	Resources  string   `json:"resources"`
	Budget     *float64 `json:"budget"`
	Currency   string   `json:"currency,omitempty"` // of the budget, where written
	People     *float64 `json:"people"`
	Acceptance string   `json:"acceptance"`

	Cells map[Col]Ref `json:"-"`
}

// Milestone is a planned or actual progress value of table 2: a date, a
// percentage or a count, or only a status word ("已完成").
type Milestone struct {
	Text  string
	Kind  value.Kind // KindNone for a date or a status word
	Date  Date
	Value float64
	Done  bool       // a status word that says done
	Read  StatusRead // the actual progress as a status, where it is words
}

// IsZero reports whether the milestone says nothing.
func (m Milestone) IsZero() bool {
	return m.Date.IsZero() && m.Kind == value.KindNone && !m.Done && !m.Read.Known()
}

// MarshalJSON writes an ISO date, a number, or null.
func (m Milestone) MarshalJSON() ([]byte, error) {
	switch {
	case !m.Date.IsZero():
		return m.Date.MarshalJSON()
	case m.Kind != value.KindNone:
		return []byte(strconv.FormatFloat(m.Value, 'g', -1, 64)), nil
	}
	return []byte("null"), nil
}

// TrackingRow is a row of table 2, the progress tracking.
type TrackingRow struct {
	Ref         Ref       `json:"ref"`
	Task        string    `json:"task"`
	PlanTask    string    `json:"plan_task,omitempty"`
	Month       string    `json:"month,omitempty"`
	Planned     Milestone `json:"planned"`
	PlannedText string    `json:"planned_text"`
	Actual      Milestone `json:"actual"`
	ActualText  string    `json:"actual_text"`
	// StatusRead is the actual progress as a status, where it is words.
	StatusRead      *StatusRead `json:"status_read,omitempty"`
	Baseline        Date        `json:"baseline"`
	Deviation       *float64    `json:"deviation"`
	StatedDeviation *float64    `json:"stated_deviation"`
	OnTrack         *bool       `json:"on_track"`        // on time or ahead
	State           TrackState  `json:"state,omitempty"` // StateAhead, StateOnTrack or StateOffTrack
	Done            bool        `json:"done"`
	// Overdue is a milestone not done past its planned day as of the
	// review: its deviation is how late it is so far, and it is off track.
	Overdue        bool     `json:"overdue,omitempty"`
	Problem        string   `json:"problem"`
	Countermeasure string   `json:"countermeasure"`
	Owner          string   `json:"owner"`
	Owners         []string `json:"owners"`

	Cells map[Col]Ref `json:"-"`
}

// OutcomeStatus is how a metric came out against its target.
type OutcomeStatus string

// Statuses of a metric.
const (
	StatusAchieved OutcomeStatus = "achieved"
	StatusClose    OutcomeStatus = "close"
	StatusMissed   OutcomeStatus = "missed"
)

// Key is the status's word in the catalogue.
func (s OutcomeStatus) Key() string {
	switch s {
	case StatusAchieved:
		return "status.achieved"
	case StatusClose:
		return "status.close"
	case StatusMissed:
		return "status.missed"
	}
	return "status." + string(s)
}

// Direction is which way a metric is better: higher or lower.
type Direction string

// Directions of a metric.
const (
	Higher Direction = "higher"
	Lower  Direction = "lower"
)

// Key is the direction's word in the catalogue, as the template offers it.
func (d Direction) Key() string {
	switch d {
	case Higher:
		return "template.choice.direction.higher"
	case Lower:
		return "template.choice.direction.lower"
	}
	return "template.choice.direction." + string(d)
}

// OutcomeRow is a row of table 3, the outcome review.
type OutcomeRow struct {
	Ref               Ref           `json:"ref"`
	Metric            string        `json:"metric"`
	Target            *float64      `json:"target"`
	TargetText        string        `json:"target_text"`
	Actual            *float64      `json:"actual"`
	ActualText        string        `json:"actual_text"`
	Kind              value.Kind    `json:"kind"`
	Unit              string        `json:"unit,omitempty"`
	Currency          string        `json:"currency,omitempty"` // where written: EUR 2M
	Direction         Direction     `json:"direction"`
	Achievement       *float64      `json:"achievement"`
	StatedAchievement *float64      `json:"stated_achievement"`
	Deviation         *float64      `json:"deviation"`
	Status            OutcomeStatus `json:"status"`
	Cause             string        `json:"cause"`
	Lesson            string        `json:"lesson"`

	Cells map[Col]Ref `json:"-"`
	// directionKnown: the team wrote the direction (指标方向, or ≤/≥ before
	// the target), so a zero target can be judged; else Higher is a guess.
	directionKnown bool
	// targetStrict: a bound that excludes itself (<2%): not met at 2%.
	targetStrict bool
}

// ActionRow is a row of table 4, the follow-up actions.
type ActionRow struct {
	Ref        Ref      `json:"ref"`
	Item       string   `json:"item"`
	Measure    string   `json:"measure"`
	Owner      string   `json:"owner"`
	Owners     []string `json:"owners"`
	Due        Date     `json:"due"`
	DueText    string   `json:"due_text"`
	Support    string   `json:"support"`
	Acceptance string   `json:"acceptance"`
	Status     string   `json:"status"`
	// StatusRead is the status as fupan reads it, the team's words kept.
	StatusRead StatusRead `json:"status_read"`
	Done       bool       `json:"done"`

	Cells map[Col]Ref `json:"-"`
}

// Dropped reports an action the team cancelled (状态 取消, 已取消, 终止):
// neither done nor open. A row read back from the history has only the
// words.
func (a ActionRow) Dropped() bool {
	read := a.StatusRead
	if read.State == "" && a.Status != "" {
		read = ReadStatus(a.Status)
	}
	return read.State == ProgressDropped
}

// Open reports an action neither done nor dropped: one that can be overdue.
func (a ActionRow) Open() bool { return !a.Done && !a.Dropped() }

// Summary holds the review's key figures.
type Summary struct {
	Metrics         int      `json:"metrics"`
	MetricsAchieved int      `json:"metrics_achieved"`
	MetricsClose    int      `json:"metrics_close"`
	MetricsMissed   int      `json:"metrics_missed"`
	MeanAchievement *float64 `json:"mean_achievement"`
	// MeanAchievementCapped counts each metric at most 100%, so that one
	// over-achievement cannot hide misses: the average a report shows.
	MeanAchievementCapped *float64 `json:"mean_achievement_capped"`
	// MetricsRated counts the metrics with an achievement, the means' weight
	// in a company's figures over every team's metrics.
	MetricsRated int      `json:"metrics_rated"`
	Tasks        int      `json:"tasks"`
	Tracked      int      `json:"tracked"`
	TrackedDone  int      `json:"tracked_done"`
	Completion   *float64 `json:"completion"`
	OnSchedule   int      `json:"on_schedule"`
	// MilestonesJudged counts the milestones with a state, on track or off:
	// what 里程碑按期 and "N 个里程碑中 M 个偏差过大" count of. A milestone
	// done without a date, not yet due, or cancelled is none. Nil in a
	// summary written before it (Judged falls back to Tracked).
	MilestonesJudged *int    `json:"milestones_judged,omitempty"`
	Budget           float64 `json:"budget"`
	// BudgetCurrency is the one currency the budgets are written in, ""
	// where none is written (the team's own) or they differ.
	BudgetCurrency string  `json:"budget_currency,omitempty"`
	People         float64 `json:"people"`
	// BudgetGiven and PeopleGiven count the tasks that state them: a total
	// of none is not a zero but unknown.
	BudgetGiven int `json:"budget_given"`
	PeopleGiven int `json:"people_given"`
	Actions     int `json:"actions"`
	ActionsDone int `json:"actions_done"`
	ActionsOpen int `json:"actions_open"`
	// ActionsDropped are the actions the team cancelled (状态 已取消): neither
	// done nor open, never overdue.
	ActionsDropped int `json:"actions_dropped"`
	// ActionsOpenAll are all the team's open actions as of the review: this
	// period's (ActionsOpen) and every earlier one followed up and not yet
	// done or dropped, an action table 4 sets again counted once.
	ActionsOpenAll int `json:"actions_open_all"`
	// Last period's actions followed up: all but dropped, done (late
	// included), overdue.
	FollowupTotal   int `json:"followup_total"`
	FollowupDone    int `json:"followup_done"`
	FollowupOverdue int `json:"followup_overdue"`
	Errors          int `json:"errors"`
	Warnings        int `json:"warnings"`
	Infos           int `json:"infos"`
}

// TableLoc says where a table was found in the workbook.
type TableLoc struct {
	ID        TableID
	Sheet     string
	TitleRow  int // 0 when the table has no title row
	HeaderRow int
	FirstCol  int
	LastCol   int
	Columns   map[Col]int    // 1-based column of each column found
	Headers   map[Col]string // the header text as written
	Notes     map[Col]string // the bracketed note of a header ("7月")
	Extra     map[int]string // the team's own columns (备注): header by column
	Rows      []int          // the data rows, blank rows left out
	LastRow   int            // the last row that belongs to the table
}

// Loc returns where a table was found, or false.
func (r *Review) Loc(id TableID) (TableLoc, bool) {
	for _, t := range r.Tables {
		if t.ID == id {
			return t, true
		}
	}
	return TableLoc{}, false
}

// HasErrors reports whether the review has findings of severity error.
func (r *Review) HasErrors() bool { return r.Summary.Errors > 0 }

// Judged is the milestones with a state (MilestonesJudged), or Tracked for a
// summary written before it was kept.
func (s Summary) Judged() int {
	if s.MilestonesJudged != nil {
		return *s.MilestonesJudged
	}
	return s.Tracked
}
