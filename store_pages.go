package fupan

import "context"

// HistoryPages is what fupan serve's pages read of a history, whichever
// store keeps it: a dashboard over every site's teams needs PostgreSQL as
// much as one site's SQLite file.
type HistoryPages interface {
	Path() string
	// LatestTwo is each team's latest two recorded periods, newest first
	// within a team, teams ordered by key: what a dashboard compares.
	LatestTwo(ctx context.Context) ([]Filed, error)
	// TeamFiled is every recorded period of one team, oldest first.
	TeamFiled(ctx context.Context, teamKey string) ([]Filed, error)
	// Generation changes whenever a review is recorded, replaced or
	// forgotten: a page that reads the whole history keeps its answer
	// while it stays.
	Generation(ctx context.Context) (string, error)
	// Recorded is every recorded review's team and period, ordered by team
	// and period: what a roster (RosterOf) is judged from.
	Recorded(ctx context.Context) ([]Recorded, error)
	// Size is how much room the history takes, in bytes.
	Size(ctx context.Context) (int64, error)
	Lessons(ctx context.Context) ([]Lesson, error)
	Past(ctx context.Context, teamKey string) ([]Past, error)
}

// Filed is a recorded review as fupan serve's pages read it: the entry, the
// run's output folder and input file that recorded it (empty where an
// earlier fupan or report did), and its findings by severity.
type Filed struct {
	HistoryEntry
	Output   string
	Input    string
	Errors   int
	Warnings int
}

// Dropped is a review a rename left out: both names had the period, and
// the other one was recorded later.
type Dropped struct {
	Team   string `json:"team"`
	Period string `json:"period"`
	File   string `json:"file"`
}

// Renamed is what a rename did.
type Renamed struct {
	Moved   int       `json:"moved"`   // reviews now under the new key
	Dropped []Dropped `json:"dropped"` // reviews a period of both names left out
}
