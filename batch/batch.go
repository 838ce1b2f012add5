package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
)

// Options steer a run.
type Options struct {
	Input, Output string
	Workers       int  // parallel workbooks; zero: the number of cores
	Force         bool // redo workbooks that did not change
	Recursive     bool // read subfolders too
	Settings      Settings
	Version       string // recorded: a new version redoes every workbook
	// Settled, where set, says whether a file may be read now (watch uses it
	// to leave files that are still being written); others wait for a later run.
	Settled func(path string) bool
	// Progress, where set, is told after each input.
	Progress func(done, total int)
	// History, where set, records every review reported and sets each
	// against the team's previous periods; Identity says which reviews are
	// of one team. HistoryProblem says why a history asked for is not there:
	// summary.json says so.
	History        fupan.History
	Identity       fupan.Identity
	HistoryProblem error
	// Teams are the teams expected to hand in (fupan.yaml's teams:); none:
	// the teams of the history's latest comparable periods (fupan.RosterOf).
	Teams []string
	// Site is recorded with each review: where it was made, when several
	// sites share one history.
	Site string
}

// Run processes every workbook of the input folder into the output folder and
// writes summary.json and overview.pdf there. The error is for the run itself
// (a locked or unreadable folder, Ctrl-C); a workbook that fails is an entry
// with status "failed".
func Run(ctx context.Context, o Options) (*Summary, error) {
	started := time.Now()
	r, err := o.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer r.close()
	// The input folder as read, absolute and links resolved: mail and
	// notify refuse a config inside it from any working directory.
	// The audit times are the real clock's; --as-of (Settings.Analyze.Now) judges
	// the reviews only.
	sum := &Summary{Input: r.in, Output: o.Output, StartedAt: started}
	entries, unjudged := r.process(ctx)
	interrupted := r.markUnjudged(entries, unjudged)
	if err := flushFS(r.out); err != nil {
		return sum, fmt.Errorf("flushing the outputs to disk: %w", err)
	}
	sum.History = r.historyStatus(ctx, entries)
	sum.Entries = r.kept(entries)
	sum.tally()
	sum.Roster = r.rosters(ctx, sum.Entries)
	if err := r.o.writeOverview(ctx, sum, r.out); err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Msg("cannot write the overview")
	}
	sum.Finished = time.Now()
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return sum, err
	}
	if err := writeFileAtomic(filepath.Join(r.out, "summary.json"), b); err != nil {
		return sum, err
	}
	if interrupted > 0 {
		return sum, fmt.Errorf("interrupted: %d of %d inputs left unjudged (marked in summary.json; the next run does them): %w", interrupted, len(r.cands), context.Cause(ctx))
	}
	if err := r.st.save(sum.Entries); err != nil {
		return sum, fmt.Errorf("saving the record: %w", err)
	}
	return sum, nil
}

// run is one run under way: its folders, record, inputs and history.
type run struct {
	o     Options
	in    string // the input folder, absolute, links resolved
	out   string
	st    *state
	cands []candidate
	root  *os.Root
	hist  *runHistory
}

// begin checks the folders, locks OUT and reads its record, lists the
// inputs, and opens the history: everything a run needs before the first
// workbook.
func (o Options) begin(ctx context.Context) (*run, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.Settings.Analyze.Now.IsZero() {
		o.Settings.Analyze.Now = time.Now()
	}
	// The font is taken apart once for the run, not once per PDF.
	font, err := o.Settings.Font.Ready()
	if err != nil {
		return nil, err
	}
	o.Settings.Font = font
	in, out, err := o.folders()
	if err != nil {
		return nil, err
	}
	r := &run{o: o, out: out}
	if r.st, err = openState(out, settingsKey(o)); err != nil {
		return nil, err
	}
	removeTemporaries(out)
	if err := r.inputs(in); err != nil {
		r.close()
		return nil, err
	}
	if r.hist, err = openRunHistory(ctx, o, out); err != nil {
		// The reports are still written; summary.json says the history was not updated.
		zerolog.Ctx(ctx).Error().Err(err).Msg("the review history cannot be read: the run goes on without it")
		r.o.HistoryProblem, r.hist = err, nil
	}
	return r, nil
}

// folders are the input and output folders, absolute, checked, OUT made.
func (o Options) folders() (in, out string, err error) {
	if in, err = filepath.Abs(o.Input); err != nil {
		return "", "", err
	}
	if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
		return "", "", fmt.Errorf("%s is not a folder", o.Input)
	}
	if out, err = filepath.Abs(o.Output); err != nil {
		return "", "", err
	}
	if err := CheckFolders(in, out); err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", "", fmt.Errorf("creating the output folder: %w", err)
	}
	return in, out, nil
}

// inputs lists the run's inputs and opens the input folder they are read
// from: as listed, so a file swapped for a link out of it since is refused.
func (r *run) inputs(in string) error {
	var err error
	r.cands, err = discover(in, r.o.Recursive, func(path string) bool {
		return path == r.out || strings.HasPrefix(path, r.out+string(filepath.Separator))
	})
	if err != nil {
		return err
	}
	claimOutputNames(r.cands)
	realIn, err := filepath.EvalSymlinks(in)
	if err != nil {
		return fmt.Errorf("input folder: %w", err)
	}
	if r.root, err = os.OpenRoot(realIn); err != nil {
		return fmt.Errorf("input folder: %w", err)
	}
	r.in = realIn
	return nil
}

func (r *run) close() {
	r.hist.close()
	if r.root != nil {
		_ = r.root.Close()
	}
	_ = r.st.close()
}

// process hands the inputs to the workers and waits for them; a stopped run
// hands out no more. An entry with no status was not reached: left for a
// later run (not settled), or unjudged because the run was stopped.
func (r *run) process(ctx context.Context) (entries []Entry, unjudged []bool) {
	log := zerolog.Ctx(ctx)
	entries = make([]Entry, len(r.cands))
	unjudged = make([]bool, len(r.cands))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	report := func() {
		mu.Lock()
		done++
		if r.o.Progress != nil {
			r.o.Progress(done, len(r.cands))
		}
		mu.Unlock()
	}
	for w := 0; w < r.o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				entries[i] = r.processOne(ctx, r.cands[i])
				// No status: the worker found the run stopped.
				unjudged[i] = entries[i].Status == ""
				if !entries[i].Skipped && entries[i].Status != "" {
					if err := r.st.done(entries[i]); err != nil {
						log.Error().Err(err).Str("file", r.cands[i].rel).Msg("cannot record the workbook")
					}
				}
				report()
			}
		}()
	}
	for i, c := range r.cands {
		switch {
		case c.reason != "":
			entries[i] = rejected(c, r.o.lang(), time.Now())
			ev := log.Warn()
			if c.ignore {
				ev = log.Info()
			}
			ev.Str("file", c.rel).Str("reason", c.why(fupan.English)).Msg("not read")
			report()
		case r.o.Settled != nil && !r.o.Settled(c.path):
			entries[i] = Entry{File: c.rel, Status: ""} // left for a later run
			report()
		case ctx.Err() != nil:
			unjudged[i] = true // stopped: handed out no more
		default:
			select {
			case jobs <- i:
			case <-ctx.Done():
				unjudged[i] = true
			}
		}
	}
	close(jobs)
	wg.Wait()
	return entries, unjudged
}

// historyStatus is summary.json's word on the history, duplicates marked.
func (r *run) historyStatus(ctx context.Context, entries []Entry) *HistoryStatus {
	if r.hist != nil {
		r.hist.markDuplicates(ctx, entries)
		return r.hist.status(entries)
	}
	if r.o.HistoryProblem == nil {
		return nil
	}
	st := &HistoryStatus{Error: r.o.HistoryProblem.Error()}
	var he *fupan.HistoryError
	if errors.As(r.o.HistoryProblem, &he) {
		st.Path = he.Path
	}
	return st
}

// needsAttention orders the overview's rows by what leadership must look at
// first: failed workbooks, then the most metrics not achieved, then the most
// milestones off schedule; then by team.
func needsAttention(a, b pdf.OverviewRow) bool {
	if a.Failed != b.Failed {
		return a.Failed
	}
	missed := func(r pdf.OverviewRow) (int, int) {
		if r.Figures == nil {
			return 0, 0
		}
		return r.Figures.Metrics - r.Figures.MetricsAchieved, r.Figures.Judged() - r.Figures.OnSchedule
	}
	am, ao := missed(a)
	bm, bo := missed(b)
	if am != bm {
		return am > bm
	}
	if ao != bo {
		return ao > bo
	}
	if a.Team != b.Team {
		return a.Team < b.Team
	}
	return a.File < b.File
}

// claimOutputNames refuses an input whose outputs would take the name of
// another's: OutputBase makes that impossible but for a hash collision and
// for names that differ only in case, which are one file on a disk that
// ignores case. The check keeps one workbook's report from ever overwriting
// another's; the first in order keeps its name.
func claimOutputNames(cands []candidate) {
	taken := map[string]string{}
	for i, c := range cands {
		if c.reason != "" {
			continue
		}
		// Compared without case: on a disk that ignores it (an SMB share),
		// Sales.pdf and sales.pdf are one file.
		base := OutputBase(c.rel)
		key := strings.ToLower(base)
		if other, ok := taken[key]; ok {
			cands[i].reason, cands[i].args = "skip.name-taken", []any{other, base}
			continue
		}
		taken[key], cands[i].base = c.rel, base
	}
}

// outsideCause reports a review that failed for its settings rather than its
// content: over a limit, or a password missing or wrong.
func outsideCause(rv *fupan.Review) bool {
	for _, f := range rv.Findings {
		if f.Severity == fupan.SevError && (f.Code == fupan.CodeFileTooLarge || f.Code == fupan.CodeFileEncrypted) {
			return true
		}
	}
	return false
}

// lang is the language of messages for files that were never read.
func (o Options) lang() fupan.Lang {
	return fupan.LangOf(o.Settings.Analyze.Lang)
}

// settingsKey names what every output depends on beyond its input.
func settingsKey(o Options) string {
	a := o.Settings.Analyze
	hist := ""
	if o.History != nil {
		hist = o.History.Path()
	}
	return strings.Join([]string{o.Version, string(a.Lang), a.Team, a.Period, o.Settings.Font.Name(), hist}, "|")
}

func rejected(c candidate, l fupan.Lang, now time.Time) Entry {
	st := StatusFailed
	if c.ignore {
		st = StatusIgnored
	}
	return Entry{File: c.rel, Status: st, Reason: c.why(l), ProcessedAt: now, rejected: true}
}

// pipeline is the run's path of a workbook: compared with the history as
// it stood when the run began, its outputs kept.
func (r *run) pipeline() Pipeline {
	p := Pipeline{Settings: r.o.Settings, Identity: r.o.Identity, Outputs: true}
	if r.hist != nil {
		p.Compare = r.hist.snap
	}
	return p
}

// processOne reads, checks and reports one workbook. A panic anywhere in it is
// a bug: the workbook fails with its stack in the log, the run goes on.
func (r *run) processOne(ctx context.Context, c candidate) (e Entry) {
	log := zerolog.Ctx(ctx)
	start := time.Now()
	e = Entry{File: c.rel, ProcessedAt: start} // the real clock, whatever --as-of says
	defer func() {
		if r := recover(); r != nil {
			log.Error().Str("file", c.rel).Str("panic", fmt.Sprint(r)).Str("stack", string(debug.Stack())).Msg("internal error: please report it")
			e.Status, e.Reason = StatusFailed, fmt.Sprintf("internal error in fupan: %v", r)
			e.Findings.Errors++
			e.Retry = true
		}
	}()
	p := r.pipeline()
	wb := p.Read(r.root, c.rel, c.path, "")
	if wb.Unreadable != nil {
		e = r.o.readFailed(e, wb.Unreadable)
		log.Warn().Str("file", c.rel).Str("reason", e.Reason).Msg("cannot read the workbook")
		return e
	}
	e.SHA256 = wb.SHA256
	if prev, ok := r.st.previous(c.rel); ok && !r.o.Force && prev.SHA256 == e.SHA256 && outputsIntact(r.out, prev) {
		if prev, done := r.hist.done(ctx, prev, c.path); done {
			prev.Skipped = true
			log.Debug().Str("file", c.rel).Msg("unchanged, skipped")
			return prev
		}
	}
	err := p.Analyse(ctx, wb)
	if ctx.Err() != nil {
		// Stopped (Ctrl-C, SIGTERM): not judged, left for the next run.
		return Entry{File: c.rel}
	}
	if err != nil {
		e.Status, e.Reason, e.Retry = StatusFailed, err.Error(), true
		return e
	}
	rv := wb.Review
	r.o.describe(ctx, &e, wb, p)
	if rv.HasErrors() {
		e.Status, e.Reason = StatusFailed, failReason(rv)
		e.errors, e.errorCount = failErrors(rv), rv.Summary.Errors
		if notFilled(rv) {
			e.Status = StatusNotFilled
		}
		e.Retry = outsideCause(rv)
		e.Figures = nil
		log.Warn().Str("file", c.rel).Int("errors", rv.Summary.Errors).Str("reason", e.Reason).Msg("workbook has errors")
		return e
	}
	if e = r.reportOne(ctx, p, wb, c, e); e.Status != StatusOK {
		return e
	}
	// Debug: on a terminal the progress bar tells it; failures are warnings.
	log.Debug().Str("file", c.rel).Int("warnings", rv.Summary.Warnings).Dur("took", time.Since(start)).Msg("workbook done")
	return e
}

// reportOne writes a usable workbook's outputs and records its review: only
// then is it done. Outputs under way are finished even when the run is
// stopped: they are small, and a workbook half reported would be done again
// anyway.
func (r *run) reportOne(ctx context.Context, p Pipeline, wb *Workbook, c candidate, e Entry) Entry {
	rv := wb.Review
	outs, err := p.Write(context.WithoutCancel(ctx), wb, filepath.Join(r.out, c.base), filepath.Ext(c.rel), syncEachOutput)
	if err != nil {
		e.Status, e.Reason, e.Retry = StatusFailed, err.Error(), true // a full disk, not the workbook
		zerolog.Ctx(ctx).Error().Err(err).Str("file", c.rel).Msg("cannot write the outputs")
		return e
	}
	e.Status = StatusOK
	e.Lessons = fupan.LessonsOf(rv, r.o.Identity)
	if r.hist != nil {
		// A review not recorded is done again by the next run.
		e.History, e.Replaced, e.ReplacedBy = r.hist.record(context.WithoutCancel(ctx), rv, c, e.SHA256, modTime(r.root, c.rel))
	}
	e.Outputs.Reviewed, _ = filepath.Rel(r.out, outs.Reviewed)
	e.Outputs.PDF, _ = filepath.Rel(r.out, outs.PDF)
	return e
}

// describe fills an entry from its review: set against the team's history
// first (following up last period's actions changes the figures and
// findings), then the team, figures, what needs a decision, the counts.
func (o Options) describe(ctx context.Context, e *Entry, wb *Workbook, p Pipeline) {
	rv := wb.Review
	if p.Compare != nil && !rv.HasErrors() {
		if err := p.CompareStep(ctx, wb, false); err != nil {
			zerolog.Ctx(ctx).Error().Err(err).Str("file", e.File).Msg("cannot read the team's previous periods")
		} else {
			e.Previous = rv.Compared.Previous
		}
	}
	e.Team, e.Period, e.Lang = rv.Meta.Team, rv.Meta.Period, rv.Meta.Lang
	fig := rv.Summary
	e.Figures = &fig
	lang := fupan.LangOf(o.Settings.Analyze.Lang, rv.Meta.Lang)
	e.AttentionItems = wording.AttentionOf(rv, fupan.DateOf(o.Settings.Analyze.Now))
	e.Attention = wording.AttentionWords(e.AttentionItems, lang)
	e.Findings = Counts{rv.Summary.Errors, rv.Summary.Warnings, rv.Summary.Infos}
}

// readFailed is the entry of an input that could not be read. Whether the
// file cannot be opened, is no longer a file, or is over the limit, the next
// run looks again: only the content is judged once.
func (o Options) readFailed(e Entry, err error) Entry {
	e.Status, e.Reason, e.Retry = StatusFailed, err.Error(), true
	var fe *xlsx.FileError
	if errors.As(err, &fe) {
		e.Reason = fe.Finding(o.lang()).Message()
		e.Retry = !errors.Is(err, xlsx.ErrEmpty)
	}
	return e
}

// outputsIntact reports whether a recorded workbook's outputs are there and
// whole: a PDF ends with its %%EOF, a workbook with its zip directory's end.
// An output a power cut left short is written again.
func outputsIntact(out string, e Entry) bool {
	if e.Status != StatusOK {
		// A workbook whose content failed fails again unchanged; one that
		// failed for an outside reason (a full disk, a limit, a password) is
		// tried again.
		return (e.Status == StatusFailed || e.Status == StatusNotFilled) && !e.Retry
	}
	for _, p := range []struct{ path, tail string }{{e.Outputs.Reviewed, "PK\x05\x06"}, {e.Outputs.PDF, "%%EOF"}} {
		if p.path == "" || !endsWith(filepath.Join(out, p.path), p.tail) {
			return false
		}
	}
	return true
}

// endsWith reports whether marker is within the last bytes of a file.
func endsWith(path, marker string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil || fi.Size() < int64(len(marker)) {
		return false
	}
	// A zip's end record is 22 bytes plus a comment; excelize and fupan
	// write none, other tools a short one.
	tail := make([]byte, min(fi.Size(), 1024))
	if _, err := f.ReadAt(tail, fi.Size()-int64(len(tail))); err != nil {
		return false
	}
	return bytes.Contains(tail, []byte(marker))
}

// writeOverview draws overview.pdf for leadership from the run's entries.
func (o Options) writeOverview(ctx context.Context, sum *Summary, out string) error {
	var rows []pdf.OverviewRow
	langs := map[fupan.Lang]int{}
	for _, e := range sum.Entries {
		if e.Status != StatusIgnored {
			langs[e.Lang]++
		}
	}
	lang := fupan.LangOf(o.Settings.Analyze.Lang, fupan.MostWritten(langs))
	for _, e := range sum.Entries {
		if e.Status == StatusIgnored {
			continue
		}
		rows = append(rows, pdf.OverviewRow{File: e.File, Team: e.Team, Period: e.Period, Failed: e.Status == StatusFailed, NotFilled: e.Status == StatusNotFilled,
			Reason: e.reasonIn(lang), Figures: e.Figures, Previous: e.Previous, Lessons: e.Lessons, Errors: e.Findings.Errors, Warnings: e.Findings.Warnings})
	}
	sort.SliceStable(rows, func(i, j int) bool { return needsAttention(rows[i], rows[j]) })
	path := filepath.Join(out, "overview.pdf")
	absent, missing := o.missingTeams(ctx, sum)
	var allAbsent fupan.FollowThrough
	for _, a := range absent {
		allAbsent = allAbsent.Add(a)
	}
	err := WriteAtomic(path, func(f *os.File) error {
		return pdf.WriteOverview(f, rows, pdf.Options{Font: o.Settings.Font, Lang: lang, Now: o.Settings.Analyze.Now, Roster: sum.Roster,
			Company: o.companyTrend(ctx, sum, absent), Decisions: decisions(sum.Entries, missing, lang), Absent: allAbsent})
	})
	if err != nil {
		return err
	}
	sum.Overview = "overview.pdf"
	return nil
}
