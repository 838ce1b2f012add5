package batch

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/fupan-review/fupan"
)

// CopyCounts is what a history copy did.
type CopyCounts struct {
	Reviews   int `json:"reviews"`   // recorded into the destination
	Unchanged int `json:"unchanged"` // there already, the same
	Replaced  int `json:"replaced"`  // newer there, replaced (--force)
	Reminders int `json:"reminders"` // reminders recorded
}

// ErrCopyNewer is a copy refused: the destination holds newer reviews of
// some of the same teams and periods.
var ErrCopyNewer = errors.New("the destination holds newer reviews of the same team and period")

// CopyHistory copies every review and reminder of from into to. It can be
// run again: what is there already, the same, is counted and left. Where the
// destination holds a review of the same team and period recorded later (or
// of a workbook modified later), nothing is copied unless force, and the
// error names them.
func CopyHistory(ctx context.Context, from fupan.HistoryExport, to fupan.History, force bool) (CopyCounts, error) {
	var counts CopyCounts
	held := map[string]fupan.HistoryEntry{}
	if err := to.EachReview(ctx, "", func(e fupan.HistoryEntry) error {
		held[e.TeamKey+"\x00"+e.Period] = e
		return nil
	}); err != nil {
		return counts, err
	}
	same := func(r fupan.Recording, e fupan.HistoryEntry) bool {
		return e.SHA256 == r.SHA256 && e.File == r.Review.File && e.RecordedAt.Equal(r.RecordedAt.UTC().Truncate(1e9))
	}
	// First the check, so a refused copy writes nothing.
	var newer []string
	err := from.EachRecording(ctx, func(r fupan.Recording) error {
		if e, ok := held[r.TeamKey+"\x00"+r.Review.Meta.Period]; ok && !same(r, e) && e.RecordedAt.After(r.RecordedAt) {
			newer = append(newer, r.Review.Meta.Team+" "+r.Review.Meta.Period)
		}
		return nil
	})
	if err != nil {
		return counts, err
	}
	if len(newer) > 0 && !force {
		sort.Strings(newer)
		return counts, fmt.Errorf("%w (%s): nothing is copied; give --force to replace them", ErrCopyNewer, strings.Join(newer, ", "))
	}
	err = from.EachRecording(ctx, func(r fupan.Recording) error {
		e, ok := held[r.TeamKey+"\x00"+r.Review.Meta.Period]
		if ok && same(r, e) {
			counts.Unchanged++
			return nil
		}
		// The check above decided: the copy replaces what is there.
		r.Force = true
		if err := to.Record(ctx, r); err != nil {
			return fmt.Errorf("%s %s: %w", r.Review.Meta.Team, r.Review.Meta.Period, err)
		}
		counts.Reviews++
		if ok && e.RecordedAt.After(r.RecordedAt) {
			counts.Replaced++
		}
		return nil
	})
	if err != nil {
		return counts, err
	}
	reminders, err := from.Reminders(ctx)
	if err != nil {
		return counts, err
	}
	for _, m := range reminders {
		last, err := to.LastReminded(ctx, m.Robot, m.TeamKey, m.Item, m.State)
		if err != nil {
			return counts, err
		}
		if last >= m.SentOn {
			continue
		}
		if err := to.MarkReminded(ctx, m.Robot, m.TeamKey, m.Item, m.State, m.SentOn); err != nil {
			return counts, err
		}
		counts.Reminders++
	}
	return counts, nil
}
