package batch

import (
	"context"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/rs/zerolog"
)

// What the history holds of an input (Entry.History).
const (
	HistoryRecorded   = "recorded"   // this review is in the history
	HistorySuperseded = "superseded" // another input of the same team and period, modified later, is
	HistoryFailed     = "failed"     // not recorded: the next run records it
	// HistoryNoPeriod is a review with no period (period-unknown says so):
	// reported, never recorded, and no failure of the run.
	HistoryNoPeriod = "no_period"
)

// HistoryStatus is summary.json's word on the history.
type HistoryStatus struct {
	Path     string `json:"path"`
	Updated  bool   `json:"updated"` // every review of the run is recorded
	Recorded int    `json:"recorded"`
	Error    string `json:"error,omitempty"`
}

// runHistory is the history during one run: the snapshot previous periods are
// looked up in, and which input holds each team's period.
type runHistory struct {
	db      *sqlite.DB
	snap    *sqlite.Snapshot
	id      fupan.Identity
	version string
	now     time.Time

	mu      sync.Mutex
	claimed map[string]claim // by team key and period
	failed  error            // the first write that failed
}

type claim struct {
	file  string
	mtime time.Time
}

func openRunHistory(ctx context.Context, o Options) (*runHistory, error) {
	if o.History == nil {
		return nil, nil
	}
	snap, err := o.History.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return &runHistory{db: o.History, snap: snap, id: o.Identity, version: o.Version, now: o.Settings.Now, claimed: map[string]claim{}}, nil
}

func (h *runHistory) close() {
	if h != nil {
		_ = h.snap.Close()
	}
}

// compare sets the review against the team's reviews as the history stood
// when the run began.
func (h *runHistory) compare(ctx context.Context, rv *fupan.Review) error {
	past, err := h.snap.Past(ctx, h.id.TeamKey(rv.Meta.Team))
	if err != nil {
		return err
	}
	rv.Compared = fupan.Compare(rv, past, h.id)
	return nil
}

// record keeps the review unless another input of the run for the same team
// and period was modified later; it says which happened.
func (h *runHistory) record(ctx context.Context, rv *fupan.Review, rel, sha string, mtime time.Time) string {
	if rv.Meta.Period == "" {
		return HistoryNoPeriod
	}
	team := h.id.TeamKey(rv.Meta.Team)
	key := team + "\x00" + rv.Meta.Period
	this := claim{rel, mtime}
	h.mu.Lock()
	defer h.mu.Unlock()
	if other, ok := h.claimed[key]; ok && !newer(this, other) {
		return HistorySuperseded
	}
	err := h.db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: team, SHA256: sha, MetricKey: h.id.MetricKey, RecordedAt: h.now, Version: h.version})
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Str("file", rv.File).Msg("cannot record the review in the history")
		if h.failed == nil {
			h.failed = err
		}
		return HistoryFailed
	}
	h.claimed[key] = this
	return HistoryRecorded
}

// newer orders two inputs of one team and period: modified later wins, then
// the later name, so the outcome does not depend on which finished first.
func newer(a, b claim) bool {
	if !a.mtime.Equal(b.mtime) {
		return a.mtime.After(b.mtime)
	}
	return a.file > b.file
}

// markDuplicates tells both entries of inputs of the run that fold to one
// team and period (warning team-period-duplicate), and which the history keeps.
func (h *runHistory) markDuplicates(ctx context.Context, entries []Entry) {
	groups := map[string][]int{}
	for i, e := range entries {
		if e.Status == StatusOK && !e.Skipped && e.History != "" {
			key := h.id.TeamKey(e.Team) + "\x00" + e.Period
			groups[key] = append(groups[key], i)
		}
	}
	for _, idx := range groups {
		if len(idx) < 2 {
			continue
		}
		// The one the history holds: the last claim, modified last.
		kept := ""
		h.mu.Lock()
		if c, ok := h.claimed[h.id.TeamKey(entries[idx[0]].Team)+"\x00"+entries[idx[0]].Period]; ok {
			kept = c.file
		}
		h.mu.Unlock()
		for _, i := range idx {
			e := &entries[i]
			// Recorded first, then replaced by one modified later.
			if e.History == HistoryRecorded && e.File != kept {
				e.History = HistorySuperseded
			}
			for _, j := range idx {
				if i != j {
					e.Duplicates = append(e.Duplicates, entries[j].File)
				}
			}
			sort.Strings(e.Duplicates)
			e.Warnings = append(e.Warnings, fupan.RunFinding(e.Lang, fupan.CodeTeamPeriodDuplicate, strings.Join(e.Duplicates, catalog.T(e.Lang, "sep.list")), kept))
			e.Findings.Warnings++
			zerolog.Ctx(ctx).Warn().Str("code", string(fupan.CodeTeamPeriodDuplicate)).Str("file", e.File).
				Strs("others", e.Duplicates).Str("kept", kept).Msg("another workbook of the run is of the same team and period")
		}
	}
}

// status is summary.json's history entry after the run.
func (h *runHistory) status(entries []Entry) *HistoryStatus {
	st := &HistoryStatus{Path: h.db.Path(), Updated: h.failed == nil}
	for _, e := range entries {
		if e.History == HistoryRecorded && !e.Skipped {
			st.Recorded++
		}
	}
	if h.failed != nil {
		st.Error = h.failed.Error()
	}
	return st
}

// modTime is when an input was last modified, as listed.
func modTime(root *os.Root, rel string) time.Time {
	fi, err := root.Stat(rel)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}
