package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
)

// maxLessons is how many lessons a search shows: enough to read, few enough
// for a phone.
const maxLessons = 200

type lessonsData struct {
	Query, Kind string
	Lessons     []fupan.Lesson
	More        bool
	NoHistory   bool
}

// lessons searches the 经验/教训 of the teams the person may see, in any
// script (a Simplified search finds Traditional text), by metric, team or
// period as written.
func (s *Server) lessons(w http.ResponseWriter, r *http.Request) {
	p, ok := s.reader(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	d := lessonsData{Query: strings.TrimSpace(q.Get("q")), Kind: q.Get("kind")}
	if d.Kind != fupan.LessonExperience && d.Kind != fupan.LessonAvoid {
		d.Kind = ""
	}
	if s.cfg.History == nil {
		d.NoHistory = true
		s.render(w, r, http.StatusOK, "lessons", "lessons.title", d)
		return
	}
	all, err := s.cfg.History.Lessons(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	f := fupan.LessonFilter{Kind: d.Kind}
	for _, l := range all {
		if !p.Sees(l.TeamKey) {
			continue
		}
		// The period is searched as written, the rest folded by the filter.
		f.Search = d.Query
		if d.Query != "" && strings.EqualFold(l.Period, d.Query) {
			f.Search = ""
		}
		if !f.Match(l, s.cfg.Identity) {
			continue
		}
		if len(d.Lessons) == maxLessons {
			d.More = true
			break
		}
		d.Lessons = append(d.Lessons, l)
	}
	s.render(w, r, http.StatusOK, "lessons", "lessons.title", d)
}

type runRow struct {
	Index     int
	Output    string
	Started   time.Time
	Finished  time.Time
	Processed int
	OK        int
	Failed    int
	Skipped   int
	Overview  bool
	History   *batch.HistoryStatus
	Problems  []batch.Entry
	Missing   bool
	Delivered []batch.Delivery
}

type runsData struct {
	Runs        []runRow
	HistoryPath string
	HistorySize int64
}

// runs is the operator's page: each output folder's last run, what failed
// and why, and the history's place and size.
func (s *Server) runs(w http.ResponseWriter, r *http.Request) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	if !p.Operator && !p.Everything {
		s.notFound(w, r)
		return
	}
	var d runsData
	for i, o := range s.outs {
		row := runRow{Index: i, Output: o}
		sum, err := s.summary(o)
		if err != nil {
			row.Missing = true
			d.Runs = append(d.Runs, row)
			continue
		}
		row.Started, row.Finished = sum.StartedAt, sum.Finished
		row.Processed, row.OK, row.Failed, row.Skipped = sum.Processed, sum.OK, sum.Failed, sum.Skipped
		row.Overview, row.History = sum.Overview != "", sum.History
		row.Delivered, _ = batch.Deliveries(o) // an unreadable record: shown as none
		for _, e := range sum.Entries {
			if e.Status == batch.StatusFailed {
				row.Problems = append(row.Problems, e)
			}
		}
		d.Runs = append(d.Runs, row)
	}
	if h := s.cfg.History; h != nil {
		d.HistoryPath = h.Path()
		d.HistorySize, _ = h.Size(r.Context())
	}
	s.render(w, r, http.StatusOK, "runs", "runs.title", d)
}
