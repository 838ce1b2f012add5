// Package web is fupan serve: the pages where a team lead checks a workbook
// before handing it in, leadership reads every team across periods and the
// operator sees the last runs. Server-rendered with net/http and
// html/template; nothing is loaded from outside the server and every page
// works without JavaScript. It reads what run and watch write (the history,
// the output folders' summary.json) and records nothing.
package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"path/filepath"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
)

// Config is what a server serves and how.
type Config struct {
	// Outs are the output folders of run and watch whose files are served.
	Outs []string
	// History is the review history; nil serves checks and runs only.
	History fupan.HistoryPages
	// Teams are the teams expected to hand in every period (fupan.yaml's
	// teams:); none: those of the history's latest periods
	// (fupan.RosterOf), as a run's overview has them.
	Teams    []string
	Identity fupan.Identity
	// Settings check an upload as the batch checks a workbook: the reader's
	// limits (size, unzip, cells, text) and the analysis options.
	Settings batch.Settings
	Auth     Auth
	Access   []Grant
	// AcceptUploads is the shared folder a checked workbook is handed in
	// to; empty: checks only.
	AcceptUploads string
	// MaxAnalyses is how many uploads are analysed at once (default 2).
	MaxAnalyses int
	// TempDir holds uploads while they are checked (default os.TempDir).
	TempDir string
	// Log receives one record per request: no workbook contents.
	Log func(AccessRecord)
	// Audit receives one record per login, refusal, log-out, session ended
	// and file downloaded: who, what, when.
	Audit func(AuditRecord)
	Now   func() time.Time
}

// AccessRecord is one line of the access log.
type AccessRecord struct {
	Method, Path, Identity, Remote string
	Status                         int
	Bytes                          int64
	Duration                       time.Duration
}

// AuditRecord is one line of the audit log. Nothing in it logs anyone in:
// no code, state, token or secret.
type AuditRecord struct {
	At       time.Time
	Event    string // login, refused, logout, revoked, download
	Identity string // who (the platform's id), "" when unknown
	Way      string // wecom, dingtalk, feishu, oidc, proxy, local
	Roles    string // what the person may see, at login
	What     string // the file downloaded, the session ended, why refused
	Remote   string
}

// Server is fupan serve's handler.
type Server struct {
	cfg     Config
	pages   *engine
	sem     chan struct{}
	outs    []string // absolute, cleaned
	mux     *http.ServeMux
	handler http.Handler
	cache   summaryCache
	board   boardCache
	// sessions are the logins, in memory (see session.go).
	sessions *sessionStore
}

// New makes a server; its templates are parsed here, once.
func New(cfg Config) (*Server, error) {
	if cfg.MaxAnalyses <= 0 {
		cfg.MaxAnalyses = 2
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	pages, err := newEngine()
	if err != nil {
		return nil, err
	}
	if cfg.Auth.SessionLife <= 0 {
		cfg.Auth.SessionLife = DefaultSessionLife
	}
	s := &Server{cfg: cfg, pages: pages, sem: make(chan struct{}, cfg.MaxAnalyses), sessions: newSessionStore()}
	for _, o := range cfg.Outs {
		abs, err := filepath.Abs(o)
		if err != nil {
			return nil, err
		}
		s.outs = append(s.outs, filepath.Clean(abs))
	}
	s.routes()
	return s, nil
}

// routes are every page, one handler each.
func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("POST /check", s.check)
	m.HandleFunc("GET /template/{lang}", s.template)
	m.HandleFunc("GET /dashboard", s.dashboard)
	m.HandleFunc("GET /teams/{team}", s.team)
	m.HandleFunc("GET /teams/{team}/next", s.next)
	m.HandleFunc("GET /teams/{team}/{period}/report.pdf", s.reportFile)
	m.HandleFunc("GET /teams/{team}/{period}/reviewed", s.reviewedFile)
	m.HandleFunc("GET /lessons", s.lessons)
	m.HandleFunc("GET /runs", s.runs)
	m.HandleFunc("GET /runs/{run}/overview.pdf", s.overviewFile)
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("GET /login/{way}", s.loginStart)
	m.HandleFunc("GET /login/{way}/callback", s.loginCallback)
	m.HandleFunc("POST /logout", s.logout)
	m.HandleFunc("GET /sessions", s.sessionList)
	m.HandleFunc("POST /sessions/end", s.sessionEnd)
	s.mux = m
	cop := http.NewCrossOriginProtection()
	s.handler = s.logged(s.secured(cop.Handler(m)))
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// HTTPServer is an http.Server for the handler with timeouts that a slow
// client cannot hold open.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // an upload of the largest workbook on a slow line
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// Serve listens until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, addr string) error {
	srv := s.HTTPServer(addr)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

type ctxKey int

const nonceKey ctxKey = 0

// secured sets the headers of every answer: a Content-Security-Policy whose
// only inline style is the page's own (by its nonce), no framing, no
// caching of figures.
func (s *Server) secured(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [16]byte
		_, _ = rand.Read(b[:])
		nonce := base64.RawURLEncoding.EncodeToString(b[:]) // no + for html/template to escape
		h := w.Header()
		h.Set("Content-Security-Policy", csp(nonce))
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey, nonce)))
	})
}

// csp is the policy of a page with its nonce: nothing from elsewhere, no
// script at all, forms posting only here.
func csp(nonce string) string {
	return "default-src 'none'; style-src 'nonce-" + nonce + "'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}

// logged writes the access log: method, path, who, status, size, time;
// never a query string's or a workbook's contents.
func (s *Server) logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if s.cfg.Log == nil {
			return
		}
		who := ""
		if p := s.person(r); p != nil {
			who = p.Identity
		}
		s.cfg.Log(AccessRecord{Method: r.Method, Path: r.URL.Path, Identity: who, Remote: r.RemoteAddr,
			Status: rec.status, Bytes: rec.bytes, Duration: time.Since(start)})
	})
}

type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
