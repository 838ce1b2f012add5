package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// knownTeam is the person and the team the route names, where the person
// may see that team and there is a history; anyone else gets 404, so a team
// that exists but is not theirs is not revealed.
func (s *Server) knownTeam(w http.ResponseWriter, r *http.Request) (*Person, string, bool) {
	p, ok := s.known(w, r)
	if !ok {
		return nil, "", false
	}
	key := r.PathValue("team")
	if !p.Sees(key) || s.cfg.History == nil {
		s.notFound(w, r)
		return nil, "", false
	}
	return p, key, true
}

// reader is the person, where they may read some team's figures (leadership,
// the operator, or a team of their own); anyone else gets 404.
func (s *Server) reader(w http.ResponseWriter, r *http.Request) (*Person, bool) {
	p, ok := s.known(w, r)
	if !ok {
		return nil, false
	}
	if !p.Everything && !p.Leadership && len(p.Teams) == 0 {
		s.notFound(w, r)
		return nil, false
	}
	return p, true
}

// known is the person of a request who has a role. Else: someone logged in
// whom the access list does not name sees their id to give the operator
// (403) and nothing else; nobody logged in is sent to log in where fupan
// has its own login (a GET), else refused (403).
func (s *Server) known(w http.ResponseWriter, r *http.Request) (*Person, bool) {
	p := s.person(r)
	switch {
	case p != nil && p.Known():
		return p, true
	case p != nil:
		s.render(w, r, http.StatusForbidden, "waiting", "waiting.title", p)
	case s.cfg.Auth.LoginMode() && r.Method == http.MethodGet:
		http.Redirect(w, r, "/login", http.StatusSeeOther)
	default:
		s.fail(w, r, http.StatusForbidden, "error.no-access")
	}
	return nil, false
}

type homeData struct {
	HandIn bool
	Langs  []catalog.Lang
}

// home is the upload form: a plain multipart form, no script.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.known(w, r); !ok {
		return
	}
	s.render(w, r, http.StatusOK, "home", "home.title", homeData{HandIn: s.cfg.AcceptUploads != "", Langs: catalog.Langs()})
}

// findingsData is a checked workbook: its findings by sheet, in the
// workbook's language, and its page-1 figures.
type findingsData struct {
	File      string
	Lang      catalog.Lang
	Team      string
	Period    string
	Errors    int
	Warnings  int
	Infos     int
	Verdict   string
	Counts    string
	Sheets    []sheetFindings
	Figures   []wording.Figure
	Attention []string
	HandIn    bool
	// Refused is why a hand-in was not taken: a key of the page's texts.
	Refused string
}

type sheetFindings struct {
	Sheet    string
	Findings []fupan.Finding
}

// check reads an upload into a private temporary file within the batch's
// limits, checks it through the batch's one-workbook path (batch.Load), and
// shows the findings; with action=handin, a workbook without errors is
// handed in; with action=preview, its report is drawn and sent. Nothing is
// recorded.
func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	p, ok := s.known(w, r)
	if !ok {
		return
	}
	up, err := s.receive(w, r)
	if err != nil {
		key := "error.upload"
		if errors.Is(err, errNoWorkbook) {
			key = "error.no-workbook"
		}
		s.fail(w, r, http.StatusBadRequest, key)
		return
	}
	defer up.remove()
	rv, src, err := s.analyse(r, up, s.lang(w, r), up.action == "preview")
	if err != nil {
		// Waiting for a free analysis ends with the request; anything
		// else (the history unreadable) is the server's fault.
		status, key := http.StatusInternalServerError, "error.internal"
		if r.Context().Err() != nil {
			status, key = http.StatusServiceUnavailable, "error.busy"
		}
		s.fail(w, r, status, key)
		return
	}
	d := newFindings(rv, up.name, s.cfg.Now())
	d.HandIn = s.cfg.AcceptUploads != ""
	if up.action == "preview" {
		if src != nil && !rv.HasErrors() && s.preview(w, r, rv, src, up.name) {
			return
		}
		d.Refused = "preview.has-errors"
	}
	if up.action == "handin" && d.HandIn {
		rc, why := s.handIn(p, rv, up)
		if why == "" {
			s.render(w, r, http.StatusOK, "receipt", "receipt.title", rc)
			return
		}
		d.Refused = why
	}
	s.render(w, r, http.StatusOK, "findings", "findings.title", d)
}

// upload is a received workbook in its temporary file.
type upload struct {
	name   string // the name it was sent under, base only
	path   string
	size   int64
	action string // check, handin or preview
}

func (u *upload) remove() {
	if u.path != "" {
		_ = os.Remove(u.path)
	}
}

// errNoWorkbook is an upload without a file under the form's field: none
// chosen, another field name, or not a form at all.
var errNoWorkbook = errors.New("no workbook in the upload")

// receive streams the multipart form's workbook to a temporary file only the
// server's user reads, never more than the batch's size limit (and a little
// for the form around it).
func (s *Server) receive(w http.ResponseWriter, r *http.Request) (*upload, error) {
	limit := s.maxFile()
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		return nil, errNoWorkbook
	}
	if err != nil {
		return nil, err
	}
	up := &upload{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			up.remove()
			return nil, err
		}
		switch part.FormName() {
		case "action":
			v, _ := io.ReadAll(io.LimitReader(part, 16))
			up.action = string(v)
		case "workbook", "file": // file: what curl -F users often name it
			if part.FileName() == "" {
				// A field, not a file: no workbook was chosen.
				break
			}
			if up.path != "" {
				up.remove()
				return nil, errors.New("two workbooks in one upload")
			}
			if err := s.saveTemp(up, part, limit); err != nil {
				up.remove()
				return nil, err
			}
			if up.size > limit {
				// The rest is not read: the reader says too large, as
				// the batch does, whatever else the form held.
				return up, nil
			}
		}
		_ = part.Close()
	}
	if up.path == "" {
		return nil, errNoWorkbook
	}
	return up, nil
}

func (s *Server) saveTemp(up *upload, part *multipart.Part, limit int64) error {
	up.name = filepath.Base(strings.ReplaceAll(part.FileName(), `\`, "/"))
	if up.name == "." || up.name == "/" || up.name == "" {
		up.name = "workbook.xlsx"
	}
	f, err := os.CreateTemp(s.cfg.TempDir, "fupan-upload-*") // mode 0600
	if err != nil {
		return err
	}
	up.path = f.Name()
	// One byte over the limit is enough to know it is too large.
	n, err := io.Copy(f, io.LimitReader(part, limit+1))
	up.size = n
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		up.size, err = limit+1, nil // the reader below says so as a finding
	}
	return err
}

func (s *Server) maxFile() int64 {
	if m := s.cfg.Settings.Reader.MaxFileSize; m > 0 {
		return m
	}
	return xlsx.DefaultMaxFileSize
}

// analyse checks the upload as validate and run check a workbook, under the
// limit of analyses at once. A file with no tables to tell its language by
// is told of in the person's.
// With keep, it also returns what the report is written from (nil where
// the file could not be read), as run's LoadSource does.
func (s *Server) analyse(r *http.Request, up *upload, person catalog.Lang, keep bool) (*fupan.Review, *xlsx.Source, error) {
	ctx := r.Context()
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	settings := s.cfg.Settings
	lang := settings.Analyze.Lang
	if lang == "" {
		lang = person
	}
	if up.size > s.maxFile() {
		f := xlsx.TooLarge(up.name, up.size, s.maxFile()).Finding(lang)
		return fupan.Unreadable(up.name, lang, f), nil, nil
	}
	settings.Analyze.Now = s.cfg.Now()
	p := batch.Pipeline{Settings: settings, Outputs: keep}
	wb := p.Read(nil, up.path, up.name, lang)
	if wb.Unreadable != nil {
		return wb.Review, nil, nil
	}
	err := p.Analyse(ctx, wb)
	if err == nil && len(wb.Review.Tables) == 0 && settings.Analyze.Lang == "" && wb.Review.Meta.Lang != lang {
		// Nothing read to tell the workbook's language: say it again in
		// the person's (a file that cannot be read fails at once).
		p.Settings.Analyze.Lang = lang
		wb = p.Bytes(up.name, wb.Data)
		err = p.Analyse(ctx, wb)
	}
	if err == nil && s.cfg.History != nil && len(wb.Review.Tables) > 0 {
		// Set against the team's history as validate and run set it: last
		// period's actions followed up change the findings and figures.
		p.Compare, p.Identity = s.cfg.History, s.cfg.Identity
		err = p.CompareStep(ctx, wb, true)
	}
	return wb.Review, wb.Source, err
}

// preview draws the report of a checked workbook without errors, as run
// draws it, into a private temporary folder, and sends the PDF; nothing is
// kept. False where it could not be drawn.
func (s *Server) preview(w http.ResponseWriter, r *http.Request, rv *fupan.Review, src *xlsx.Source, name string) bool {
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-r.Context().Done():
		return false
	}
	dir, err := os.MkdirTemp(s.cfg.TempDir, "fupan-preview-*")
	if err != nil {
		return false
	}
	defer func() { _ = os.RemoveAll(dir) }()
	settings := s.cfg.Settings
	settings.Analyze.Now = s.cfg.Now()
	outs, err := batch.Report(r.Context(), settings, rv, src, filepath.Join(dir, "preview"), filepath.Ext(name))
	if err != nil {
		return false
	}
	b, err := os.ReadFile(outs.PDF)
	if err != nil {
		return false
	}
	attachment(w, strings.TrimSuffix(name, filepath.Ext(name))+".pdf", "application/pdf")
	_, _ = w.Write(b)
	return true
}

func newFindings(rv *fupan.Review, name string, now time.Time) findingsData {
	l := fupan.LangOf(rv.Meta.Lang)
	d := findingsData{File: name, Lang: l, Team: rv.Meta.Team, Period: rv.Meta.Period}
	index := map[string]int{}
	for _, f := range rv.Findings {
		switch f.Severity {
		case fupan.SevError:
			d.Errors++
		case fupan.SevWarning:
			d.Warnings++
		default:
			d.Infos++
		}
		i, ok := index[f.Sheet]
		if !ok {
			i = len(d.Sheets)
			index[f.Sheet] = i
			d.Sheets = append(d.Sheets, sheetFindings{Sheet: f.Sheet})
		}
		d.Sheets[i].Findings = append(d.Sheets[i].Findings, f)
	}
	d.Verdict = catalog.T(l, "file.ok")
	if d.Errors > 0 {
		d.Verdict = catalog.T(l, "file.bad")
	}
	d.Counts = strings.Join([]string{wording.Count(l, "count.errors", d.Errors),
		wording.Count(l, "count.warnings", d.Warnings), wording.Count(l, "count.infos", d.Infos)}, catalog.T(l, "sep.parts"))
	if len(rv.Tables) > 0 {
		d.Figures = wording.KeyFigures(rv, l)
		d.Attention = wording.AttentionTexts(rv, l, fupan.DateOf(now))
	}
	return d
}

// receipt is what a hand-in gives back.
type receipt struct {
	File, Team, Period, SHA256 string
	At                         time.Time
}

// handIn writes a checked workbook without errors into the shared folder
// under its own name, never over another file: written beside it hidden,
// then linked to the first free name (a link fails where the name is
// taken), so run and watch never see half a workbook. "" why: done.
func (s *Server) handIn(p *Person, rv *fupan.Review, up *upload) (receipt, string) {
	switch {
	case rv.Summary.Errors > 0 || len(rv.Tables) == 0:
		return receipt{}, "handin.has-errors"
	case !p.Sees(s.cfg.Identity.TeamKey(rv.Meta.Team)):
		return receipt{}, "handin.not-your-team"
	}
	name, ok := safeName(up.name)
	if !ok {
		return receipt{}, "handin.bad-name"
	}
	data, err := os.ReadFile(up.path)
	if err != nil {
		return receipt{}, "handin.failed"
	}
	root, err := os.OpenRoot(s.cfg.AcceptUploads)
	if err != nil {
		return receipt{}, "handin.failed"
	}
	defer func() { _ = root.Close() }()
	sum := sha256.Sum256(data)
	tmp := fmt.Sprintf(".fupan-handin-%x.part", sum[:8])
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return receipt{}, "handin.failed"
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	defer func() { _ = root.Remove(tmp) }()
	if err != nil {
		return receipt{}, "handin.failed"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; i <= 100; i++ {
		target := name
		if i > 1 {
			target = fmt.Sprintf("%s-%d%s", stem, i, ext)
		}
		err := root.Link(tmp, target)
		if err == nil {
			return receipt{File: target, Team: rv.Meta.Team, Period: rv.Meta.Period, SHA256: hex.EncodeToString(sum[:]), At: s.cfg.Now()}, ""
		}
		if !errors.Is(err, fs.ErrExist) {
			return receipt{}, "handin.failed"
		}
	}
	return receipt{}, "handin.failed"
}

// safeName is a workbook's name fit for the shared folder: one name, no
// folder, not hidden, no control characters, .xlsx or .xlsm.
func safeName(name string) (string, bool) {
	name = strings.TrimSpace(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '/' || r == '\\' || r == ':' {
			return -1
		}
		return r
	}, name)
	ext := strings.ToLower(filepath.Ext(name))
	if (ext != ".xlsx" && ext != ".xlsm") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || len(name) > 200 || len(name) <= len(ext) {
		return "", false
	}
	return strings.TrimSuffix(name, filepath.Ext(name)) + ext, true
}
