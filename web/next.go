package web

import (
	"bytes"
	"net/http"
	"os"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/xlsx"
)

// next downloads a team's workbook for the period after its latest recorded
// one, as `fupan next OUT` writes it (batch.NextWorkbook plans both): read
// from the run's reviewed workbook (inside OUT) through batch.Load,
// unfinished tasks, the metrics, the open actions to follow up, and other
// teams' lessons on its metrics the person may see.
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
	// The team's past and the lessons as fupan next reads them: open
	// actions of older periods are carried into table 5.
	past, err := s.cfg.History.Past(r.Context(), key)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	lessons, err := s.cfg.History.Lessons(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	name, n, err := batch.NextWorkbook(rv, batch.NextPlan{Past: past, Lessons: lessons, Identity: s.cfg.Identity,
		Sees: p.Sees}) // other teams' lessons only where the person may see them
	if err != nil {
		s.fail(w, r, http.StatusConflict, "error.next")
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteNext(&buf, n); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	attachment(w, name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	_, _ = w.Write(buf.Bytes())
}
