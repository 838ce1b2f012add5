// Package batch is the monthly job: every workbook of a folder read, checked
// and computed in parallel, its reviewed workbook and PDF written, a summary and
// an overview for leadership, and a record that lets a re-run skip what has
// not changed and finish what a killed run left.
package batch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/wording"
)

// Statuses of an input in summary.json.
const (
	StatusOK      = "ok"      // outputs written (there may be warnings)
	StatusFailed  = "failed"  // errors: no report; Reason says why
	StatusIgnored = "ignored" // not a workbook fupan reads (a .txt, a .pdf)
	// StatusNotFilled is a workbook not filled in (review-not-filled): not
	// handed in yet. No report, not recorded, and no failure of the run.
	StatusNotFilled = "not_filled"
)

// notFilled reports a review whose one error is that it is not filled in.
func notFilled(rv *fupan.Review) bool {
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeNotFilled {
			return rv.Summary.Errors == 1
		}
	}
	return false
}

// Entry is one input's line in summary.json.
type Entry struct {
	File    string         `json:"file"` // relative to the input folder
	Status  string         `json:"status"`
	Reason  string         `json:"reason,omitempty"`
	Team    string         `json:"team,omitempty"`
	Period  string         `json:"period,omitempty"`
	Lang    fupan.Lang     `json:"lang,omitempty"`
	SHA256  string         `json:"sha256,omitempty"`
	Figures *fupan.Summary `json:"figures,omitempty"`
	// Previous is the team's previous period in the history, as the run
	// began: its period, file and figures.
	Previous *fupan.Previous `json:"previous,omitempty"`
	// Lessons are the review's 经验/教训, for the overview's page of
	// lessons across teams.
	Lessons []fupan.Lesson `json:"lessons,omitempty"`
	// Attention is what needs a decision, as of the run, in the workbook's
	// language (the report's page 1 has the same).
	Attention []string `json:"attention,omitempty"`
	// AttentionItems are the same with the team's words apart, for a
	// robot or a mail in another language to word them in its own.
	AttentionItems []wording.Attention `json:"attention_items,omitempty"`
	Findings       Counts              `json:"findings"`
	Outputs        Outputs             `json:"outputs"`
	// Skipped is set when the input was unchanged since the run that made its
	// outputs, which this run kept.
	Skipped bool `json:"skipped,omitempty"`
	// Retry is set when the input failed for a reason outside its content
	// (no space left, a limit, a password): the next run tries it again.
	Retry bool `json:"retry,omitempty"`
	// Interrupted is set (with status failed) for an input the run was
	// stopped before judging (Ctrl-C, SIGTERM): the next run does it.
	Interrupted bool `json:"interrupted,omitempty"`
	// errors are a failed workbook's first error findings, and errorCount
	// all of them, for the overview to word the reason in its language;
	// an entry read back from summary.json has only Reason.
	errors     []fupan.Finding
	errorCount int
	// History says what the review history holds of the input: recorded,
	// superseded (another input of the same team and period, modified
	// later, is), replaced (another output folder's review of the same team
	// and period is: ReplacedBy) or failed (the next run records it); empty
	// without one.
	History string `json:"history,omitempty"`
	// Replaced is the review of another output folder that this run's
	// replaced in the history: the same team and period run elsewhere.
	Replaced *Source `json:"replaced,omitempty"`
	// ReplacedBy is the review of another output folder that the history
	// holds instead of this one (History "replaced"): a re-run does not take
	// it back; --force does.
	ReplacedBy *Source `json:"replaced_by,omitempty"`
	// Duplicates are the run's other inputs of the same team and period;
	// Warnings says so (team-period-duplicate) in the workbook's language.
	Duplicates  []string        `json:"team_period_duplicates,omitempty"`
	Warnings    []fupan.Finding `json:"warnings,omitempty"`
	ProcessedAt time.Time       `json:"processed_at"`

	rejected bool // refused by its name (.xls, .csv, .txt): never read
}

// Source names a recorded review by the run that recorded it.
type Source struct {
	Output string `json:"output"`          // that run's output folder
	Input  string `json:"input,omitempty"` // the workbook it read
	File   string `json:"file"`            // the workbook's name, as the history lists it
}

// Counts are the findings of an input by severity.
type Counts struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Outputs are the files written for an input, relative to the output folder.
type Outputs struct {
	Reviewed string `json:"reviewed,omitempty"`
	PDF      string `json:"pdf,omitempty"`
}

// Summary is summary.json: one entry per input and the run's totals.
type Summary struct {
	Input     string    `json:"input"`
	Output    string    `json:"output"`
	StartedAt time.Time `json:"started_at"`
	Finished  time.Time `json:"finished_at"`
	Processed int       `json:"processed"` // inputs processed by this run
	Skipped   int       `json:"skipped"`   // unchanged inputs whose outputs were kept
	OK        int       `json:"ok"`
	Failed    int       `json:"failed"`
	NotFilled int       `json:"not_filled"` // handed in blank: not handed in yet
	Ignored   int       `json:"ignored"`
	Overview  string    `json:"overview,omitempty"`
	// History is nil for a run without one.
	History *HistoryStatus `json:"history,omitempty"`
	// Roster is, for each period of the run, the teams expected and those
	// that have not handed in; nil where nobody is known to be expected.
	Roster  []fupan.Roster `json:"roster,omitempty"`
	Entries []Entry        `json:"entries"`
}

// ReadSummary reads the summary.json of a finished run in out.
func ReadSummary(out string) (*Summary, error) {
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		return nil, fmt.Errorf("no finished run in %s: %w", out, err)
	}
	var sum Summary
	if err := json.Unmarshal(b, &sum); err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(out, "summary.json"), err)
	}
	return &sum, nil
}

// reasonIn is why the entry's workbook failed, worded in a language where
// this run judged it (its errors kept), else as summary.json has it.
func (e Entry) reasonIn(l fupan.Lang) string {
	if len(e.errors) == 0 {
		return e.Reason
	}
	return failReasonIn(e.errors, e.errorCount, l)
}

// attentionIn is what needs a decision in the entry's workbook, worded in
// the language of the message that quotes it; an older summary's, without
// the items, as it was written.
// urgency is the entry's items for wording.MoreUrgent; a summary written
// before attention_items has its words only, each of no known age.
func (e Entry) urgency() []wording.Attention {
	if len(e.AttentionItems) == 0 {
		return make([]wording.Attention, len(e.Attention))
	}
	return e.AttentionItems
}

func (e Entry) attentionIn(l fupan.Lang) []string {
	if len(e.AttentionItems) == 0 {
		return e.Attention
	}
	return wording.AttentionWords(e.AttentionItems, l)
}
