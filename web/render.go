package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/fupan-review/fupan/catalog"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed style.css
var styleCSS string

// pageNames are the pages, each a template file with a "content" block
// inside layout.html; TestMain fails when one was never rendered by a test.
var pageNames = []string{"home", "findings", "receipt", "dashboard", "team", "lessons", "runs", "error", "login", "waiting", "sessions"}

// engine holds the pages parsed once at start.
type engine struct {
	pages map[string]*template.Template
	// rendered, where set (by tests), is told each page rendered.
	rendered func(name string)
}

func newEngine() (*engine, error) {
	e := &engine{pages: map[string]*template.Template{}}
	funcs := template.FuncMap{
		"seg": seg,
		// bar is a share as the width of a bar in a viewBox 100 wide.
		"bar": func(v float64) string { return fmt.Sprintf("%.1f", v*100) },
	}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		e.pages[name] = t
	}
	return e, nil
}

// page is what every template gets: the words of the person's language,
// the nonce of the page's style, who is looking, and the page's own data.
type page struct {
	Lang   catalog.Lang
	Nonce  string
	Style  template.CSS
	Person *Person
	Title  string
	Path   string
	Data   any
}

// T is a text of the pages in the page's language ("web."+key).
func (p page) T(key string) string { return catalog.T(p.Lang, "web."+key) }

// F is T as a format.
func (p page) F(key string, args ...any) string { return catalog.F(p.Lang, "web."+key, args...) }

// In is the page in another language: the findings part of a checked
// workbook speaks the workbook's, so no Simplified label sits beside
// Traditional findings.
func (p page) In(l catalog.Lang) page {
	p.Lang = l
	return p
}

// Langs are the languages to switch to, with their own names.
func (p page) Langs() []langLink {
	var out []langLink
	for _, l := range catalog.Langs() {
		out = append(out, langLink{Code: string(l), Name: catalog.T(l, "web.lang."+string(l)), Current: l == p.Lang})
	}
	return out
}

type langLink struct {
	Code, Name string
	Current    bool
}

// render writes a page with its status; the page is rendered whole before
// anything is sent, so a template error is a 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	l := s.lang(w, r)
	p := page{Lang: l, Nonce: nonceOf(r), Style: template.CSS(styleCSS), Person: s.person(r), Path: r.URL.Path, Data: data}
	p.Title = p.T(title)
	var buf bytes.Buffer
	if err := s.pages.pages[name].Execute(&buf, p); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if s.pages.rendered != nil {
		s.pages.rendered(name)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail renders the error page: its title and what to do.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, key string) {
	s.render(w, r, status, "error", "error.title", errorData{Key: key})
}

type errorData struct {
	Key   string
	Retry bool // a login refused: offer to log in again
}

// notFound is the answer for anything the person may not see, the same as
// for what does not exist: nobody learns another team's periods by asking.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "error.not-found")
}

func nonceOf(r *http.Request) string {
	n, _ := r.Context().Value(nonceKey).(string)
	return n
}

// lang is the person's language: ?lang= (remembered in a cookie), else the
// cookie, else Accept-Language, else Simplified Chinese.
func (s *Server) lang(w http.ResponseWriter, r *http.Request) catalog.Lang {
	if q := r.URL.Query().Get("lang"); q != "" {
		if l, ok := catalog.ParseLang(q); ok {
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
			return l
		}
	}
	if c, err := r.Cookie("lang"); err == nil {
		if l, ok := catalog.ParseLang(c.Value); ok {
			return l
		}
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

// acceptLanguage picks the first of the browser's languages fupan speaks.
func acceptLanguage(h string) catalog.Lang {
	for _, part := range strings.Split(h, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.Split(part, ";")[0]))
		switch {
		case tag == "zh-tw" || tag == "zh-hk" || tag == "zh-mo" || strings.HasPrefix(tag, "zh-hant"):
			return catalog.Traditional
		case tag == "zh" || strings.HasPrefix(tag, "zh-"):
			return catalog.Simplified
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			return catalog.English
		}
	}
	return catalog.Simplified
}
