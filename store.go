package fupan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// History is the review history as the jobs use it, whatever keeps it: the
// SQLite file of one site (package sqlite, the default) or a PostgreSQL
// database shared by several (package postgres). internal/historytest holds
// both to the same behaviour.
type History interface {
	// Path names the history for people and logs: a file, or a URL
	// without its password.
	Path() string
	Close() error

	// Record keeps a review, replacing the team's entry for the same
	// period, in one transaction: a review is kept whole or not at all.
	Record(ctx context.Context, r Recording) error
	// RecordOver is Record, returning the review it replaced, if any. A
	// review whose workbook was modified before the one the history holds
	// is not kept: the error is ErrHistoryHeldNewer.
	RecordOver(ctx context.Context, r Recording) (replaced Holder, found bool, err error)
	// Forget removes one team's review of one period; false when there
	// was none.
	Forget(ctx context.Context, teamKey, period string) (bool, error)

	// Reviews lists the recorded reviews ordered by team and period;
	// teamKey "" lists every team's. EachReview is the same, one at a time.
	Reviews(ctx context.Context, teamKey string) ([]HistoryEntry, error)
	EachReview(ctx context.Context, teamKey string, fn func(HistoryEntry) error) error
	// Snapshot is the history as it stands now, until it is closed.
	Snapshot(ctx context.Context) (HistorySnapshot, error)
	// Past is every recorded review of a team, oldest first.
	Past(ctx context.Context, teamKey string) ([]Past, error)
	// Latest is each team's latest review with the rows remind and next
	// need, and the team keys.
	Latest(ctx context.Context) ([]*Review, []string, error)
	// Lessons are the 经验/教训 of every review, newest period first.
	Lessons(ctx context.Context) ([]Lesson, error)

	// LastReminded is the day (ISO) a robot last reminded of an item in a
	// state; "" where it never did. MarkReminded records one, and
	// ForgetReminded takes it back.
	LastReminded(ctx context.Context, robotID, teamKey, item, state string) (string, error)
	MarkReminded(ctx context.Context, robotID, teamKey, item, state, day string) error
	ForgetReminded(ctx context.Context, robotID, teamKey, item, state string) error

	// Rename puts every review of team key from under key to, and its team
	// name to name (unless ""), in one transaction. Where both keys hold a
	// period, the review recorded later is kept (on a tie, to's) and the
	// other listed in Dropped. The record of reminders follows.
	Rename(ctx context.Context, from, to, name string) (Renamed, error)
	// TeamKeys are the keys the history holds reviews under, with the name
	// of each key's latest review.
	TeamKeys(ctx context.Context) (map[string]string, error)
	// LastReview is a team's latest recorded review with the rows the next
	// period's workbook is made from; nil where the history holds none.
	LastReview(ctx context.Context, teamKey string) (*Review, error)

	HistoryPages
}

// HistorySnapshot is the history as it stood when it was taken: a run looks
// up previous periods in it, so the order in which its workers finish (and
// record) changes nothing.
type HistorySnapshot interface {
	// Holder is whose review the history held of a team's period; found is
	// false where it held none.
	Holder(ctx context.Context, teamKey, period string) (holder Holder, found bool, err error)
	Past(ctx context.Context, teamKey string) ([]Past, error)
	Close() error
}

// Recording is one review to keep.
type Recording struct {
	Review  *Review
	TeamKey string // Identity.TeamKey of the review's team
	SHA256  string // of the workbook as read
	// MetricKey folds a metric's name (Identity.MetricKey).
	MetricKey  func(string) string
	RecordedAt time.Time
	Version    string // fupan's
	// Output is the run's output folder and Input the workbook, absolute:
	// which run's review the history holds (Holder).
	Output, Input string
	// Site is where the review was made (site: in fupan.yaml, by default
	// the host name): several sites may record into one history.
	Site string
	// Modified is when the workbook was last modified. Of two recordings of
	// one team's period the later-modified is kept, whichever comes last;
	// zero always replaces (report, a history copied from one without it),
	// and so does Force (run --force: the user's word).
	Modified time.Time
	Force    bool
}

// Holder is what the history holds of one team's period: whose review it is.
type Holder struct {
	File   string `json:"file"`             // the workbook's name, as recorded
	SHA256 string `json:"sha256,omitempty"` // of the workbook as read
	Output string `json:"output,omitempty"` // the run's output folder; empty where unknown
	Input  string `json:"input,omitempty"`  // the workbook's path; empty where unknown
	Site   string `json:"site,omitempty"`   // where it was recorded; empty where unknown
}

// HistoryEntry is one recorded review as `fupan history --json` lists it.
type HistoryEntry struct {
	Team   string `json:"team"`
	Period string `json:"period"`
	Start  Date   `json:"start"`
	End    Date   `json:"end"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Site   string `json:"site,omitempty"`
	// Summary is the review's key figures (Summary) as stored: a listing
	// passes them through without decoding them.
	Summary    json.RawMessage `json:"summary"`
	RecordedAt time.Time       `json:"recorded_at"`
	TeamKey    string          `json:"-"`
}

// Figures decodes the entry's key figures.
func (e HistoryEntry) Figures() (Summary, error) {
	var s Summary
	if err := json.Unmarshal(e.Summary, &s); err != nil {
		return s, fmt.Errorf("%w: summary of %s %s: %v", ErrHistoryDamaged, e.Team, e.Period, err)
	}
	return s, nil
}

// Errors of a history, whichever store keeps it.
var (
	ErrHistoryDamaged = errors.New("the history is damaged or not a fupan history: restore it from a backup (fupan history backup), or use another --history")
	// ErrHistoryBusy is another process holding the history past the time
	// a write waits: the run's later reviews are not tried.
	ErrHistoryBusy = errors.New("the history is busy")
	// ErrHistoryHeldNewer is a review not kept: the history holds one of
	// the same team and period from a workbook modified later.
	ErrHistoryHeldNewer = errors.New("the history holds a review of this team and period from a workbook modified later")
	// ErrHistoryUnreachable is a history server that cannot be reached.
	ErrHistoryUnreachable = errors.New("the history's server cannot be reached (is PostgreSQL running, and the URL's host and port right?)")
)

// HistoryError is a failure of the history, naming it.
type HistoryError struct {
	Path string // the file, or the URL without its password
	Op   string // "open", "record", "read", "forget", "backup"
	Err  error
}

func (e *HistoryError) Error() string {
	return fmt.Sprintf("history %s: %s: %v", e.Path, e.Op, e.Err)
}
func (e *HistoryError) Unwrap() error { return e.Err }

// ParseRef reads a cell as Ref.String writes it ('Sheet 1'!B4, 表!C3, or a
// sheet alone); ok is false for anything else. A history stores cells so.
func ParseRef(s string) (ref Ref, ok bool) {
	sheet, cell := s, ""
	if strings.HasPrefix(s, "'") {
		end := strings.LastIndex(s, "'!")
		if end < 1 {
			return Ref{}, false
		}
		sheet, cell = strings.ReplaceAll(s[1:end], "''", "'"), s[end+2:]
	} else if i := strings.LastIndexByte(s, '!'); i >= 0 {
		sheet, cell = s[:i], s[i+1:]
	}
	ref.Sheet = sheet
	if cell == "" {
		return ref, !strings.HasPrefix(s, "'")
	}
	i := 0
	for i < len(cell) && cell[i] >= 'A' && cell[i] <= 'Z' {
		ref.Col = ref.Col*26 + int(cell[i]-'A'+1)
		i++
	}
	row, err := strconv.Atoi(cell[i:])
	if i == 0 || err != nil || row < 1 {
		return Ref{}, false
	}
	ref.Row = row
	return ref, true
}

// Reminder is what fupan remind recorded of one reminder sent.
type Reminder struct {
	Robot, TeamKey, Item, State string
	SentOn                      string // the day, ISO
}

// HistoryExport is a history that gives up all it holds, each review whole
// as it was recorded: fupan history copy moves a history between stores
// with it.
type HistoryExport interface {
	// EachRecording calls fn with every review, ordered by team and
	// period, as a Recording that records it again the same.
	EachRecording(ctx context.Context, fn func(Recording) error) error
	Reminders(ctx context.Context) ([]Reminder, error)
}
