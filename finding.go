package fupan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/fupan-review/fupan/catalog"
)

// Severity of a finding.
type Severity string

// The severities. Errors make a workbook unusable for the report; warnings are
// about the quality of the review; infos only tell.
const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Code is a finding's stable code; scripts and the README's table rely on it.
type Code string

// Finding is one problem in a workbook, at a cell. It keeps what it says as
// a catalogue key and arguments and is rendered when shown: in the language it
// was found in (Lang, the workbook's) unless a reader asks for another (In).
type Finding struct {
	Severity Severity
	Code     Code
	Sheet    string
	Cell     string
	Ref      Ref
	Lang     Lang
	// Args are what the message quotes: the team's words as written, or
	// words of the catalogue shown in the reader's language.
	Args []Arg

	key, hintKey string
	hintArgs     []Arg
	// A finding read back from JSON keeps the words it was written with.
	text, hint string
}

// Arg is a value a finding's message quotes, shown in a language.
type Arg interface{ In(Lang) string }

// Quote is the team's own words or a figure, shown as written in every language.
type Quote string

// In returns the words as written.
func (q Quote) In(Lang) string { return string(q) }

// Word is a catalogue key, shown in the reader's language.
type Word string

// In returns the catalogue's text of the key in l.
func (w Word) In(l Lang) string { return catalog.T(l, string(w)) }

// joined is a list of the team's words with the catalogue's separator between
// them ("、" in Chinese, ", " in English).
type joined struct {
	items []Arg
	sep   string // its catalogue key
}

func (j joined) In(l Lang) string {
	parts := make([]string, len(j.items))
	for i, a := range j.items {
		parts[i] = a.In(l)
	}
	return strings.Join(parts, catalog.T(l, j.sep))
}

// quotes are the team's words as Args.
func quotes(words []string) []Arg {
	out := make([]Arg, len(words))
	for i, w := range words {
		out[i] = Quote(w)
	}
	return out
}

// Message is what the finding says, in its language.
func (f Finding) Message() string {
	if f.key == "" {
		return f.text
	}
	return catalog.F(f.Lang, f.key, render(f.Lang, f.Args)...)
}

// Hint is what to do about it, in its language.
func (f Finding) Hint() string {
	switch {
	case f.hintKey == "":
		return f.hint
	case f.hintArgs == nil:
		return catalog.T(f.Lang, f.hintKey) // a hint without arguments may hold a bare %
	}
	return catalog.F(f.Lang, f.hintKey, render(f.Lang, f.hintArgs)...)
}

// In is the finding shown in l. A finding read back from JSON stays in the
// language it was written in.
func (f Finding) In(l Lang) Finding {
	if f.key != "" {
		f.Lang = l
	}
	return f
}

// Quoted are the message's arguments as shown in the finding's language.
func (f Finding) Quoted() []string {
	out := make([]string, len(f.Args))
	for i, a := range f.Args {
		out[i] = a.In(f.Lang)
	}
	return out
}

func render(l Lang, args []Arg) []any {
	if len(args) == 0 {
		return nil
	}
	out := make([]any, len(args))
	for i, a := range args {
		if lit, ok := a.(literal); ok {
			out[i] = lit.v // a number keeps its verb (%d)
		} else {
			out[i] = a.In(l)
		}
	}
	return out
}

// literal is a figure quoted as Go formats it.
type literal struct{ v any }

func (x literal) In(Lang) string { return fmt.Sprint(x.v) }

// findingJSON is a finding as scripts read it, rendered in its language.
type findingJSON struct {
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"`
	Sheet    string   `json:"sheet"`
	Cell     string   `json:"cell"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`
}

// MarshalJSON writes the finding with its message and hint rendered.
func (f Finding) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the caller's encoder decides, as for any string
	err := enc.Encode(findingJSON{f.Severity, f.Code, f.Sheet, f.Cell, f.Message(), f.Hint()})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads a finding written by MarshalJSON; its words stay as written.
func (f *Finding) UnmarshalJSON(b []byte) error {
	var j findingJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	ref := Ref{Sheet: j.Sheet}
	if j.Cell != "" {
		ref, _ = ParseRef("'" + strings.ReplaceAll(j.Sheet, "'", "''") + "'!" + j.Cell)
		ref.Sheet = j.Sheet
	}
	*f = Finding{Severity: j.Severity, Code: j.Code, Sheet: j.Sheet, Cell: j.Cell, Ref: ref, text: j.Message, hint: j.Hint}
	return nil
}

func (f Finding) String() string {
	where := f.Ref.String()
	if where == "" {
		where = "-"
	}
	return fmt.Sprintf("%s %s [%s] %s", where, f.Severity, f.Code, f.Message())
}

// findings collects the findings of one review in one language.
type findings struct {
	lang Lang
	list []Finding
}

// add records a finding of a code from the catalogue. Args that are not an
// Arg are quoted as written.
func (fs *findings) add(code Code, ref Ref, args ...any) {
	sev, ok := severity[code]
	if !ok {
		sev = SevError // a code without a severity is a bug: shown, never lost
	}
	key := "finding." + string(code)
	var hintArgs []Arg
	if r, ok := rules[code]; ok && r.Threshold != 0 {
		hintArgs = []Arg{Quote(FormatPercent(r.Threshold, false))} // the limit, never written in the text
	}
	fs.list = append(fs.list, Finding{
		Severity: sev,
		Code:     code,
		Sheet:    ref.Sheet,
		Cell:     ref.Cell(),
		Ref:      ref,
		Lang:     fs.lang,
		Args:     argsOf(args),
		key:      key,
		hintKey:  key + ".hint",
		hintArgs: hintArgs,
	})
}

// addText records a finding of a code whose message at this place is not
// the code's usual one (period-unknown at the period's cell).
func (fs *findings) addText(code Code, ref Ref, key, hintKey string, args ...any) {
	fs.add(code, ref, args...)
	f := &fs.list[len(fs.list)-1]
	f.key, f.hintKey, f.hintArgs = key, hintKey, nil
}

// hintWith replaces the last finding's hint by another of the catalogue.
func (fs *findings) hintWith(key string, args ...any) {
	f := &fs.list[len(fs.list)-1]
	f.hintKey, f.hintArgs = key, argsOf(args)
}

// SortFindings orders findings by sheet, row and column, errors first at a cell.
func SortFindings(list []Finding) {
	rank := map[Severity]int{SevError: 0, SevWarning: 1, SevInfo: 2}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].Ref, list[j].Ref
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return rank[list[i].Severity] < rank[list[j].Severity]
	})
}

// Strict turns warnings into errors, for --strict.
func Strict(list []Finding) []Finding {
	out := make([]Finding, len(list))
	for i, f := range list {
		if f.Severity == SevWarning {
			f.Severity = SevError
		}
		out[i] = f
	}
	return out
}

// FileFinding is the finding for a file that could not be read at all: reason is
// one of the Code… constants for files, detail says more (in English, from the
// reader).
func FileFinding(lang Lang, file string, code Code, detail string) Finding {
	fs := findings{lang: lang}
	fs.add(code, Ref{}, file, detail)
	return fs.list[0]
}

// RunFinding is a finding about a workbook's place in a run rather than its
// content (team-period-duplicate): args fill the message.
func RunFinding(lang Lang, code Code, args ...any) Finding {
	fs := findings{lang: lang}
	fs.add(code, Ref{}, args...)
	return fs.list[0]
}

// argsOf are a finding's arguments as Args.
func argsOf(args []any) []Arg {
	out := make([]Arg, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case Arg:
			out[i] = a
		case string:
			out[i] = Quote(a)
		default:
			out[i] = literal{a}
		}
	}
	return out
}
