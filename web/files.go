package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/xlsx"
)

// attachment names a download as RFC 6266 and RFC 5987 say: an ASCII
// fallback for old clients and the UTF-8 name, so a Chinese name survives
// every browser.
func attachment(w http.ResponseWriter, name, ctype string) {
	fallback := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			return '_'
		}
		return r
	}, name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+fallback+`"; filename*=UTF-8''`+rfc5987(name))
}

// rfc5987 percent-encodes all but the attr-chars of RFC 5987.
func rfc5987(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// template downloads the blank review template in a language.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.known(w, r); !ok {
		return
	}
	l, ok := catalog.ParseLang(r.PathValue("lang"))
	if !ok {
		s.notFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, l); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	attachment(w, catalog.T(l, "web.template.file"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	_, _ = w.Write(buf.Bytes())
}

// reportFile and reviewedFile serve a recorded period's outputs.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request)   { s.output(w, r, false) }
func (s *Server) reviewedFile(w http.ResponseWriter, r *http.Request) { s.output(w, r, true) }

// output finds a team's period in the history, its run's entry in that
// run's summary.json, and opens the file the entry names inside the output
// folder (os.Root: the entry cannot lead outside it). Nothing of the path
// comes from the URL; what the person may not see is not found.
func (s *Server) output(w http.ResponseWriter, r *http.Request, reviewed bool) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	team, period := r.PathValue("team"), r.PathValue("period")
	if !p.Sees(team) || s.cfg.History == nil {
		s.notFound(w, r)
		return
	}
	list, err := s.cfg.History.TeamFiled(r.Context(), team)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	for _, rec := range list {
		if rec.Period != period {
			continue
		}
		out, e := s.entryOf(rec)
		if e == nil {
			break
		}
		rel := e.Outputs.PDF
		ctype := "application/pdf"
		if reviewed {
			rel = e.Outputs.Reviewed
			ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			if strings.HasSuffix(strings.ToLower(rel), ".xlsm") {
				ctype = "application/vnd.ms-excel.sheet.macroEnabled.12"
			}
		}
		if rel == "" {
			break
		}
		s.serveInside(w, r, out, rel, ctype)
		return
	}
	s.notFound(w, r)
}

// serveInside sends a file inside an output folder, opened through os.Root.
func (s *Server) serveInside(w http.ResponseWriter, r *http.Request, out, rel, ctype string) {
	root, err := os.OpenRoot(out)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer func() { _ = root.Close() }()
	f, err := root.Open(rel)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	name := rel
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if p := s.person(r); p != nil {
		s.audit(r, AuditRecord{Event: "download", Identity: p.Identity, Way: p.Way, What: r.URL.Path})
	}
	attachment(w, name, ctype)
	w.Header().Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
	_, _ = io.Copy(w, f)
}

// entryOf is the summary.json entry of the run that recorded a review: its
// output folder where the history names one that is served, else any served
// folder's entry of the same workbook (by SHA-256).
func (s *Server) entryOf(rec fupan.Filed) (string, *batch.Entry) {
	outs := s.outs
	for _, o := range s.outs {
		if o == rec.Output {
			outs = []string{o}
		}
	}
	for _, o := range outs {
		sum, err := s.summary(o)
		if err != nil {
			continue
		}
		for i := range sum.Entries {
			e := &sum.Entries[i]
			if e.SHA256 == rec.SHA256 && e.Status == batch.StatusOK && s.cfg.Identity.TeamKey(e.Team) == rec.TeamKey {
				return o, e
			}
		}
	}
	return "", nil
}

// overviewFile serves a run's overview PDF: {run} is the output folder's
// place in the server's list, never a path.
func (s *Server) overviewFile(w http.ResponseWriter, r *http.Request) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	i, err := strconv.Atoi(r.PathValue("run"))
	if err != nil || i < 0 || i >= len(s.outs) || !(p.Operator || p.Leadership || p.Everything) {
		s.notFound(w, r)
		return
	}
	sum, err := s.summary(s.outs[i])
	if err != nil || sum.Overview == "" {
		s.notFound(w, r)
		return
	}
	s.serveInside(w, r, s.outs[i], sum.Overview, "application/pdf")
}

// summaryCache holds each output folder's summary.json as last read, until
// the file changes: a dashboard reads it for every team.
type summaryCache struct {
	mu sync.Mutex
	m  map[string]cachedSummary
}

type cachedSummary struct {
	mod  time.Time
	size int64
	sum  *batch.Summary
}

// summary reads an output folder's summary.json, opened inside the folder.
func (s *Server) summary(out string) (*batch.Summary, error) {
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, err
	}
	defer func() { _ = root.Close() }()
	f, err := root.Open("summary.json")
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	c := &s.cache
	c.mu.Lock()
	if got, ok := c.m[out]; ok && got.mod.Equal(fi.ModTime()) && got.size == fi.Size() {
		c.mu.Unlock()
		return got.sum, nil
	}
	c.mu.Unlock()
	var sum batch.Summary
	if err := json.NewDecoder(io.LimitReader(f, 256<<20)).Decode(&sum); err != nil {
		return nil, fmt.Errorf("%s: summary.json: %w", out, err)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]cachedSummary{}
	}
	c.m[out] = cachedSummary{fi.ModTime(), fi.Size(), &sum}
	c.mu.Unlock()
	return &sum, nil
}

// seg escapes a path segment of a link (a team's key may be Chinese).
func seg(s string) string { return url.PathEscape(s) }
