package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/fupan-review/fupan/login"
)

// exchangeTimeout bounds a platform's answers at the callback: a slow
// platform is down for this login, not a request held for minutes.
const exchangeTimeout = 20 * time.Second

func (s *Server) way(kind string) login.Way {
	for _, w := range s.cfg.Auth.Ways {
		if w.Kind() == kind {
			return w
		}
	}
	return nil
}

func (s *Server) audit(r *http.Request, rec AuditRecord) {
	if s.cfg.Audit == nil {
		return
	}
	rec.At = s.cfg.Now()
	rec.Remote = r.RemoteAddr
	s.cfg.Audit(rec)
}

// secure says whether cookies are Secure: the public address is https, or
// this request came over TLS.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.cfg.Auth.PublicURL, "https://")
}

type loginData struct {
	Ways []string
	// InApp: one of the ways is an app's own (企业微信, 钉钉, 飞书), whose
	// browser logs in by itself; the note says so only then.
	InApp bool
}

// loginPage offers the configured ways in; inside 企业微信, 钉钉 or 飞书
// (their browsers name themselves in the user agent) it goes straight to
// that app's silent login, unless the person asked to choose.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.Auth.LoginMode() {
		s.notFound(w, r)
		return
	}
	if r.URL.Query().Get("choose") == "" {
		for _, way := range s.cfg.Auth.Ways {
			if way.InApp(r.UserAgent()) {
				http.Redirect(w, r, "/login/"+way.Kind(), http.StatusSeeOther)
				return
			}
		}
	}
	var d loginData
	for _, way := range s.cfg.Auth.Ways {
		d.Ways = append(d.Ways, way.Kind())
		d.InApp = d.InApp || way.Kind() != "oidc"
	}
	s.render(w, r, http.StatusOK, "login", "login.title", d)
}

// loginStart sends the browser to the platform with a fresh state, nonce
// and PKCE verifier, kept here; the state is bound to this browser by a
// cookie, so a callback carried to another browser is refused.
func (s *Server) loginStart(w http.ResponseWriter, r *http.Request) {
	way := s.way(r.PathValue("way"))
	if !s.cfg.Auth.LoginMode() || way == nil {
		s.notFound(w, r)
		return
	}
	req := login.Request{State: token(), Nonce: token(), Verifier: token(),
		Redirect: strings.TrimRight(s.cfg.Auth.PublicURL, "/") + "/login/" + way.Kind() + "/callback",
		InApp:    way.InApp(r.UserAgent())}
	ctx, cancel := context.WithTimeout(r.Context(), exchangeTimeout)
	defer cancel()
	target, err := way.AuthURL(ctx, req)
	if err != nil {
		s.refuse(w, r, way.Kind(), "", err)
		return
	}
	if !s.sessions.start(req.State, &pending{Way: way.Kind(), Request: req, Created: s.cfg.Now()}, s.cfg.Now()) {
		s.refuse(w, r, way.Kind(), "", login.ErrUnavailable)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: req.State, Path: "/login/", MaxAge: int(pendingLife / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// loginCallback is where the platform sends the person back: the state
// must be one this server gave this browser, unused and young; the code is
// exchanged for the person's id; a new session replaces any the browser
// held.
func (s *Server) loginCallback(w http.ResponseWriter, r *http.Request) {
	way := s.way(r.PathValue("way"))
	if !s.cfg.Auth.LoginMode() || way == nil {
		s.notFound(w, r)
		return
	}
	// The login cookie has done its work, whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: "", Path: "/login/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	q := r.URL.Query()
	state := q.Get("state")
	p := s.sessions.take(state, s.cfg.Now())
	c, cerr := r.Cookie(loginCookie)
	if p == nil || p.Way != way.Kind() || cerr != nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		s.refuse(w, r, way.Kind(), "state", nil)
		return
	}
	if q.Get("error") != "" {
		s.refuse(w, r, way.Kind(), "denied", nil)
		return
	}
	code := q.Get("code")
	if code == "" {
		code = q.Get("authCode") // 钉钉
	}
	if code == "" {
		s.refuse(w, r, way.Kind(), "denied", nil)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), exchangeTimeout)
	defer cancel()
	id, err := way.Exchange(ctx, code, p.Request)
	if err != nil {
		if ctx.Err() != nil {
			err = errors.Join(login.ErrUnavailable, errors.New("no answer in time"))
		}
		s.refuse(w, r, way.Kind(), "", err)
		return
	}
	person := s.resolve(id.ID, id.Name, id.Groups)
	person.Way, person.Session = way.Kind(), true
	old := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		old = c.Value
	}
	tok := s.sessions.create(old, &session{Person: person, Way: way.Kind(), Remote: r.RemoteAddr}, s.cfg.Auth.SessionLife, s.cfg.Now())
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", MaxAge: int(s.cfg.Auth.SessionLife / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	s.audit(r, AuditRecord{Event: "login", Identity: person.Identity, Way: way.Kind(), Roles: roles(person)})
	http.Redirect(w, r, landing(person), http.StatusSeeOther)
}

// landing is the page a person starts on: the dashboard for who reads
// teams, the runs for the operator, else the page with their id.
func landing(p *Person) string {
	switch {
	case p.Leadership || len(p.Teams) > 0:
		return "/dashboard"
	case p.Operator:
		return "/runs"
	}
	return "/"
}

// roles says what a person may see, for the audit log.
func roles(p *Person) string {
	var out []string
	if p.Leadership {
		out = append(out, RoleLeadership)
	}
	if len(p.Teams) > 0 {
		out = append(out, RoleTeam)
	}
	if p.Operator {
		out = append(out, RoleOperator)
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ",")
}

// refuse ends a login with a page that says what happened and what to do;
// the audit log gets why (the platform's code and message, never a code,
// state, token or secret).
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, way, reason string, err error) {
	key, status := "login.error."+reason, http.StatusForbidden
	switch {
	case reason != "":
	case errors.Is(err, login.ErrUntrustedIP):
		key, status = "login.error.untrusted-ip", http.StatusBadGateway
	case errors.Is(err, login.ErrCredentials):
		key, status = "login.error.credentials", http.StatusBadGateway
	case errors.Is(err, login.ErrCode):
		key = "login.error.code"
	case errors.Is(err, login.ErrToken):
		key = "login.error.token"
	case errors.Is(err, login.ErrNotMember):
		key = "login.error.not-member"
	default:
		key, status = "login.error.down", http.StatusBadGateway
	}
	what := reason
	if err != nil {
		what = err.Error()
	}
	s.audit(r, AuditRecord{Event: "refused", Way: way, What: what})
	s.render(w, r, status, "error", "login.error.title", errorData{Key: key, Retry: true})
}

// logout ends the session and its cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if se := s.sessions.get(c.Value, s.cfg.Now()); se != nil {
			s.sessions.end(se.Key)
			s.audit(r, AuditRecord{Event: "logout", Identity: se.Person.Identity, Way: se.Way})
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	target := "/"
	if s.cfg.Auth.LoginMode() {
		target = "/login?choose=1"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

type sessionRow struct {
	Key, Short, Identity, Name, Way, Remote, Roles string
	Created, Expires, LastSeen                     string
}

// sessionList is the operator's list of who is logged in.
func (s *Server) sessionList(w http.ResponseWriter, r *http.Request) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	if !p.Operator || !s.cfg.Auth.LoginMode() {
		s.notFound(w, r)
		return
	}
	var rows []sessionRow
	const layout = "2006-01-02 15:04"
	for _, se := range s.sessions.list(s.cfg.Now()) {
		rows = append(rows, sessionRow{Key: se.Key, Short: se.Key[:12], Identity: se.Person.Identity, Name: se.Person.Name,
			Way: se.Way, Remote: se.Remote, Roles: roles(se.Person), Created: se.Created.Format(layout),
			Expires: se.Expires.Format(layout), LastSeen: se.LastSeen.Format(layout)})
	}
	s.render(w, r, http.StatusOK, "sessions", "sessions.title", rows)
}

// sessionEnd ends a session from the list: that person logs in again.
func (s *Server) sessionEnd(w http.ResponseWriter, r *http.Request) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	if !p.Operator || !s.cfg.Auth.LoginMode() {
		s.notFound(w, r)
		return
	}
	key := r.PostFormValue("session")
	who := ""
	for _, se := range s.sessions.list(s.cfg.Now()) {
		if se.Key == key {
			who = se.Person.Identity
		}
	}
	if who == "" || !s.sessions.end(key) {
		s.notFound(w, r)
		return
	}
	s.audit(r, AuditRecord{Event: "revoked", Identity: p.Identity, What: "session of " + who})
	http.Redirect(w, r, "/sessions", http.StatusSeeOther)
}
