package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/rs/zerolog"
)

// What the history holds of an input (Entry.History).
const (
	HistoryRecorded   = "recorded"   // this review is in the history
	HistorySuperseded = "superseded" // another input of the same team and period, modified later, is
	HistoryFailed     = "failed"     // not recorded: the next run records it
	HistoryReplaced   = "replaced"   // another output folder's review of the same team and period is
	HistoryPending    = "pending"    // not tried, the history being locked: the next run records it
	// HistoryNoPeriod is a review with no period (period-unknown says so):
	// reported, never recorded, and no failure of the run.
	HistoryNoPeriod = "no_period"
)

// HistoryStatus is summary.json's word on the history.
type HistoryStatus struct {
	Path     string `json:"path"`
	Updated  bool   `json:"updated"` // every review of the run is recorded
	Recorded int    `json:"recorded"`
	// Replaced counts the inputs whose review another output folder's
	// replaced (History "replaced").
	Replaced int `json:"replaced,omitempty"`
	// Pending counts the reviews not tried once the history was found
	// locked (History "pending"): the next run records them.
	Pending int    `json:"pending,omitempty"`
	Error   string `json:"error,omitempty"`
}

// runHistory is the history during one run: the snapshot previous periods are
// looked up in, and which input holds each team's period.
type runHistory struct {
	db      fupan.History
	snap    fupan.HistorySnapshot
	id      fupan.Identity
	version string
	now     time.Time
	out     string // the run's output folder, absolute: whose reviews are its own
	site    string // recorded with each review
	force   bool   // --force: record over a later-modified workbook's review

	mu      sync.Mutex
	claimed map[string]claim // by team key and period
	failed  error            // the first write that failed
	// busy is set once a write waited out the busy timeout: another
	// process holds the history, and every later review would wait as
	// long again, so none is tried (pending: the next run records them).
	busy bool
}

type claim struct {
	file  string
	mtime time.Time
}

func openRunHistory(ctx context.Context, o Options, out string) (*runHistory, error) {
	if o.History == nil {
		return nil, nil
	}
	snap, err := o.History.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return &runHistory{db: o.History, snap: snap, id: o.Identity, version: o.Version, now: time.Now(), out: out, site: o.Site, force: o.Force, claimed: map[string]claim{}}, nil
}

// done reports whether an unchanged input, as an earlier run left it, needs
// nothing of the history, and says what the history holds of it. OUT's
// record alone is not enough: the history may have been emptied, deleted,
// restored from an old backup, or a review forgotten, and then the input is
// done again. An input whose review another output folder's has replaced is
// done, and says so: a re-run taking it back would only start the two
// folders replacing each other (--force takes it back).
func (h *runHistory) done(ctx context.Context, prev Entry, path string) (Entry, bool) {
	if h == nil || prev.Status != StatusOK || prev.History == HistoryNoPeriod {
		return prev, true
	}
	holder, found, err := h.snap.Holder(ctx, h.id.TeamKey(prev.Team), prev.Period)
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Str("file", prev.File).Msg("cannot read the history: the workbook is done again")
		return prev, false
	}
	if !found {
		return prev, false
	}
	prev.Replaced, prev.ReplacedBy = nil, nil // told by the run that replaced it
	if holder.Output != "" && holder.Output != h.out {
		prev.History, prev.ReplacedBy = HistoryReplaced, source(holder)
		zerolog.Ctx(ctx).Warn().Str("file", prev.File).Str("team", prev.Team).Str("period", prev.Period).
			Str("held_by", holder.Output).Str("held_file", holder.File).
			Msg("the history holds another output folder's review of this team and period, not this one: run with --force to record this one again")
		return prev, true
	}
	own := holder.Input == path || holder.Input == "" && holder.File == filepath.Base(path)
	switch {
	case own && holder.SHA256 == prev.SHA256:
		prev.History = HistoryRecorded
		return prev, true
	case !own && prev.History == HistorySuperseded:
		return prev, true
	}
	return prev, false
}

// source names a recorded review for summary.json.
func source(h fupan.Holder) *Source {
	return &Source{Output: h.Output, Input: h.Input, File: h.File}
}

func (h *runHistory) close() {
	if h != nil {
		_ = h.snap.Close()
	}
}

// Pasts is where a team's recorded reviews are read: the history
// (*sqlite.DB) or a run's snapshot of it (*sqlite.Snapshot).
type Pasts interface {
	Past(ctx context.Context, teamKey string) ([]fupan.Past, error)
}

// CompareWithHistory sets a review against its team's recorded reviews:
// last period's actions followed up (which changes the findings and the
// follow-through), the previous period and the trends. It is the one
// comparison of run, validate, inspect, report and serve's check, so that
// they never disagree about the same workbook.
func CompareWithHistory(ctx context.Context, h Pasts, id fupan.Identity, rv *fupan.Review) error {
	past, err := h.Past(ctx, id.TeamKey(rv.Meta.Team))
	if err != nil {
		return fmt.Errorf("reading the previous periods of %s: %w", rv.Meta.Team, err)
	}
	rv.SetComparison(fupan.Compare(rv, past, id))
	return nil
}

// record keeps the review unless another input of the run for the same team
// and period was modified later; it says which happened, and names the
// review of another output folder it replaced, or the one that the history
// keeps instead (recorded elsewhere, from a workbook modified later).
func (h *runHistory) record(ctx context.Context, rv *fupan.Review, c candidate, sha string, mtime time.Time) (status string, replaced, keptBy *Source) {
	if rv.Meta.Period == "" {
		return HistoryNoPeriod, nil, nil
	}
	team := h.id.TeamKey(rv.Meta.Team)
	key := team + "\x00" + rv.Meta.Period
	this := claim{c.rel, mtime}
	h.mu.Lock()
	defer h.mu.Unlock()
	if other, ok := h.claimed[key]; ok && !newer(this, other) {
		return HistorySuperseded, nil, nil
	}
	if h.busy {
		return HistoryPending, nil, nil
	}
	old, found, err := h.db.RecordOver(ctx, fupan.Recording{Review: rv, TeamKey: team, SHA256: sha, MetricKey: h.id.MetricKey, RecordedAt: h.now, Version: h.version,
		Output: h.out, Input: c.path, Site: h.site, Modified: mtime, Force: h.force})
	if errors.Is(err, fupan.ErrHistoryHeldNewer) {
		// Another site (or run) recorded a later-modified workbook of this
		// team and period first: the history keeps that one.
		zerolog.Ctx(ctx).Warn().Str("file", c.rel).Str("team", rv.Meta.Team).Str("period", rv.Meta.Period).
			Str("held_by", old.Output).Str("held_site", old.Site).Str("held_file", old.File).
			Msg("the history holds a review of this team and period from a workbook modified later: this one is not recorded")
		if old.Output != "" && old.Output != h.out {
			return HistoryReplaced, nil, source(old)
		}
		return HistorySuperseded, nil, nil
	}
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Str("file", rv.File).Msg("cannot record the review in the history")
		if h.failed == nil {
			h.failed = err
		}
		switch {
		case errors.Is(err, fupan.ErrHistoryBusy):
			h.busy = true
			zerolog.Ctx(ctx).Warn().Msg("the history is locked by another process: the run's other reviews are not tried, and the next run records them")
		case errors.Is(err, fupan.ErrHistoryUnreachable):
			// Each would wait for the server in vain.
			h.busy = true
			zerolog.Ctx(ctx).Warn().Msg("the history's server cannot be reached: the run's other reviews are not tried, and the next run records them")
		}
		return HistoryFailed, nil, nil
	}
	h.claimed[key] = this
	if found && old.Output != "" && old.Output != h.out {
		zerolog.Ctx(ctx).Warn().Str("file", c.rel).Str("team", rv.Meta.Team).Str("period", rv.Meta.Period).
			Str("replaced_output", old.Output).Str("replaced_file", old.File).
			Msg("this review replaces another output folder's review of the same team and period in the history")
		return HistoryRecorded, source(old), nil
	}
	return HistoryRecorded, nil, nil
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
		switch {
		case e.History == HistoryRecorded && !e.Skipped:
			st.Recorded++
		case e.History == HistoryReplaced:
			st.Replaced++
		case e.History == HistoryPending:
			st.Pending++
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
