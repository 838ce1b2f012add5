package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/fupan-review/fupan"
	"github.com/rs/zerolog"
)

// WatchOptions steer Watch.
type WatchOptions struct {
	Poll   time.Duration // how often the folder is looked at, events or not
	Settle time.Duration // how long a file must stay the same before it is read
	Events bool          // also react to file events (network shares often send none)
	// OnRun, where set, is told of each run's summary.
	OnRun func(*Summary)
	// OnScan, where set, is told after each look at the folder how many
	// workbooks it saw and how many of them had settled.
	OnScan func(seen, settled int)
	// Reopen, where set, opens the history again before a run while the
	// one asked for could not be opened (Options.HistoryProblem: a server
	// down when the watch began); the runs after it record, what was
	// missed too.
	Reopen func(context.Context) (fupan.History, error)
}

// fileMark is what tells that a file changed: its size and time.
type fileMark struct {
	size  int64
	mtime time.Time
}

// Watch keeps the output folder up to date as workbooks arrive or change,
// until ctx is done. A file is read once it has settled: no Excel lock file
// beside it, size and time unchanged for Settle.
func Watch(ctx context.Context, o Options, w WatchOptions) error {
	if w.Poll <= 0 {
		w.Poll = 5 * time.Second
	}
	if w.Settle <= 0 {
		w.Settle = 3 * time.Second
	}
	wake := make(chan struct{}, 1)
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	if w.Events {
		defer watchEvents(ctx, o.Input, poke)()
	}
	// The settled files are named as Run's discovery names them: absolute, links resolved.
	dir, err := filepath.Abs(o.Input)
	if err == nil {
		dir, err = filepath.EvalSymlinks(dir)
	}
	if err != nil {
		return err
	}
	out, err := filepath.Abs(o.Output)
	if err != nil {
		return err
	}
	s := &settler{settle: w.Settle, seen: map[string]fileMark{}, since: map[string]time.Time{}, done: map[string]fileMark{}}
	ticker := time.NewTicker(w.Poll)
	defer ticker.Stop()
	poke()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
		case <-wake:
			// Events come in bursts while a file is copied: look again once it
			// may have settled.
			time.AfterFunc(w.Settle+w.Settle/4, poke)
		}
		if stop := w.look(ctx, &o, s, dir, out); stop {
			return nil
		}
	}
}

// watchEvents pokes on every file event in dir, where the system gives
// events (network shares often do not: polling covers them); it returns
// what stops it.
func watchEvents(ctx context.Context, dir string, poke func()) (stop func()) {
	log := zerolog.Ctx(ctx)
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		log.Warn().Err(err).Msg("no file events; polling only")
		return func() {}
	}
	if err := watcher.Add(dir); err != nil {
		log.Warn().Err(err).Msg("no file events for the folder; polling only")
	}
	go func() {
		for {
			select {
			case _, ok := <-watcher.Events:
				if !ok {
					return
				}
				poke()
			case err, ok := <-watcher.Errors:
				if !ok {
					return
				}
				log.Warn().Err(err).Msg("file events")
			}
		}
	}()
	return func() { _ = watcher.Close() }
}

// look scans the folder once and runs where a settled file is new or
// changed; stop is true once the watch is being stopped.
func (w WatchOptions) look(ctx context.Context, o *Options, s *settler, dir, out string) (stop bool) {
	log := zerolog.Ctx(ctx)
	changed, err := s.scan(dir, time.Now(), o.Recursive, func(p string) bool {
		return p == out || strings.HasPrefix(p, out+string(filepath.Separator))
	})
	if err != nil {
		log.Warn().Err(err).Msg("cannot list the folder")
		return false
	}
	if w.OnScan != nil {
		w.OnScan(s.counts())
	}
	if !changed {
		return false
	}
	if o.History == nil && o.HistoryProblem != nil && w.Reopen != nil {
		if h, err := w.Reopen(ctx); err == nil {
			o.History, o.HistoryProblem = h, nil
			log.Info().Str("history", h.Path()).Msg("the review history is open again")
		}
	}
	ro := *o
	ro.Settled = s.settled
	sum, err := Run(ctx, ro)
	switch {
	case ctx.Err() != nil: // Ctrl-C or SIGTERM: stopping, not failing
		return true
	case errors.Is(err, ErrLocked):
		log.Warn().Err(err).Msg("the output folder is busy; trying again later")
		s.forget()
		return false
	case err != nil:
		log.Error().Err(err).Msg("run failed")
		s.forget()
		return false
	}
	s.commit()
	if w.OnRun != nil {
		w.OnRun(sum)
	}
	return false
}

// settler tracks which files have settled and which changed since the last run.
type settler struct {
	settle time.Duration
	mu     sync.Mutex
	seen   map[string]fileMark  // as last looked at
	since  map[string]time.Time // when the mark was first seen
	done   map[string]fileMark  // as last run
	ready  map[string]fileMark  // settled in this scan
}

// scan looks at the folder and reports whether a settled file is new or
// changed since the last run.
func (s *settler) scan(root string, now time.Time, recursive bool, skip func(string) bool) (bool, error) {
	dirs := []string{root}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready = map[string]fileMark{}
	changed := false
	present := map[string]bool{}
	for len(dirs) > 0 {
		dir := dirs[0]
		dirs = dirs[1:]
		entries, err := os.ReadDir(dir)
		if err != nil {
			if dir == root {
				return false, err
			}
			continue
		}
		names := map[string]bool{}
		for _, e := range entries {
			names[e.Name()] = true
		}
		for _, e := range entries {
			path := filepath.Join(dir, e.Name())
			if e.IsDir() {
				if recursive && !isTemporary(e.Name()) && !skip(path) {
					dirs = append(dirs, path)
				}
				continue
			}
			if s.notice(e, path, names, now, present) {
				changed = true
			}
		}
	}
	for p := range s.seen {
		if !present[p] {
			delete(s.seen, p)
			delete(s.since, p)
		}
	}
	return changed, nil
}

// notice notes a file of the folder: a workbook is seen (present), starts to
// settle when its size or time changes, and is ready once it has kept them
// for the settle time with no Excel lock file beside it. It reports whether
// a ready workbook differs from the one last run.
func (s *settler) notice(e os.DirEntry, path string, names map[string]bool, now time.Time, present map[string]bool) bool {
	name := e.Name()
	ext := strings.ToLower(filepath.Ext(name))
	if isTemporary(name) || (ext != ".xlsx" && ext != ".xlsm") {
		return false
	}
	info, err := e.Info()
	if err != nil {
		return false
	}
	present[path] = true
	m := fileMark{info.Size(), info.ModTime()}
	if old, ok := s.seen[path]; !ok || old != m {
		s.seen[path], s.since[path] = m, now
		return false
	}
	if now.Sub(s.since[path]) < s.settle || lockedByExcel(names, name) || openElsewhere(path) {
		return false
	}
	s.ready[path] = m
	return s.done[path] != m
}

// counts are the workbooks the last scan saw and those that had settled.
func (s *settler) counts() (seen, settled int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen), len(s.ready)
}

// lockedByExcel reports whether Excel's owner file for a workbook is beside
// it: "~$" and the name, or the name with its first two characters replaced.
func lockedByExcel(names map[string]bool, name string) bool {
	if names["~$"+name] {
		return true
	}
	rs := []rune(name)
	return len(rs) > 2 && names["~$"+string(rs[2:])]
}

func (s *settler) settled(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.ready[path]
	return ok
}

// commit records the settled files as run.
func (s *settler) commit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p, m := range s.ready {
		s.done[p] = m
	}
}

// forget drops what this scan found, so the next scan tries again.
func (s *settler) forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready = nil
}
