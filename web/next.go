package web

import (
	"bytes"
	"net/http"
	"os"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/xlsx"
)

// maxNextLessons is how many other teams' lessons the next workbook lists,
// as fupan next does.
const maxNextLessons = 20

// next downloads a team's workbook for the period after its latest recorded
// one, as `fupan next OUT` writes it: read from the run's reviewed workbook
// (inside OUT) through batch.Load, unfinished tasks, the metrics, this
// period's actions to follow up, and other teams' lessons on its metrics.
func (s *Server) next(w http.ResponseWriter, r *http.Request) {
	p, key, ok := s.knownTeam(w, r)
	if !ok {
		return
	}
	list, err := s.cfg.History.TeamFiled(r.Context(), key)
	if err != nil || len(list) == 0 {
		s.notFound(w, r)
		return
	}
	latest := list[len(list)-1]
	out, e := s.entryOf(latest)
	if e == nil || e.Outputs.Reviewed == "" {
		s.notFound(w, r)
		return
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		s.notFound(w, r)
		return
	}
	data, err := xlsx.ReadInput(root, e.Outputs.Reviewed, s.maxFile())
	_ = root.Close()
	if err != nil {
		s.notFound(w, r)
		return
	}
	settings := s.cfg.Settings
	settings.Analyze.Now = s.cfg.Now()
	rv, err := batch.Load(r.Context(), settings, e.Outputs.Reviewed, data)
	if err != nil || rv.HasErrors() || rv.Meta.Team == "" {
		s.fail(w, r, http.StatusConflict, "error.next")
		return
	}
	period, err := fupan.NextPeriodText(rv.Meta.Period)
	if err != nil {
		s.fail(w, r, http.StatusConflict, "error.next")
		return
	}
	n := fupan.PlanNext(rv, period)
	want := map[string]bool{}
	for _, m := range n.Metrics {
		want[s.cfg.Identity.MetricKey(m.Metric)] = true
	}
	if lessons, err := s.cfg.History.Lessons(r.Context()); err == nil {
		filter := fupan.LessonFilter{Metrics: want, ExceptTeam: key}
		for _, l := range lessons {
			// Other teams' lessons only where the person may see them.
			if len(n.Lessons) < maxNextLessons && p.Sees(l.TeamKey) && filter.Match(l, s.cfg.Identity) {
				n.Lessons = append(n.Lessons, l)
			}
		}
	}
	var buf bytes.Buffer
	if err := xlsx.WriteNext(&buf, n); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	attachment(w, rv.Meta.Team+"_"+period+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	_, _ = w.Write(buf.Bytes())
}
