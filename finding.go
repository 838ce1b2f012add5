package fupan

import (
	"fmt"
	"sort"

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

// Finding is one problem in a workbook, at a cell, in the workbook's language.
type Finding struct {
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"`
	Sheet    string   `json:"sheet"`
	Cell     string   `json:"cell"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint"`

	Ref Ref `json:"-"`
	// Args are what the message quotes, as the team wrote it, for a text
	// in another language (what needs a decision, in a robot's message).
	Args []string `json:"-"`
}

func (f Finding) String() string {
	where := f.Ref.String()
	if where == "" {
		where = "-"
	}
	return fmt.Sprintf("%s %s [%s] %s", where, f.Severity, f.Code, f.Message)
}

// findings collects the findings of one review in one language.
type findings struct {
	lang Lang
	list []Finding
}

// add records a finding of a code from the catalogue, with its arguments
// already in the workbook's language.
func (fs *findings) add(code Code, ref Ref, args ...any) {
	sev, ok := severity[code]
	if !ok {
		sev = SevError // a code without a severity is a bug: shown, never lost
	}
	key := "finding." + string(code)
	hint := catalog.T(fs.lang, key+".hint")
	if r, ok := rules[code]; ok && r.Threshold != 0 {
		hint = catalog.F(fs.lang, key+".hint", FormatPercent(r.Threshold, false)) // the limit, never written in the text
	}
	fs.list = append(fs.list, Finding{
		Severity: sev,
		Code:     code,
		Sheet:    ref.Sheet,
		Cell:     ref.Cell(),
		Message:  catalog.F(fs.lang, key, args...),
		Hint:     hint,
		Ref:      ref,
		Args:     argTexts(args),
	})
}

// addText records a finding of a code whose message at this place is not
// the code's usual one (period-unknown at the period's cell).
func (fs *findings) addText(code Code, ref Ref, key, hintKey string, args ...any) {
	fs.add(code, ref)
	f := &fs.list[len(fs.list)-1]
	f.Message, f.Hint = catalog.F(fs.lang, key, args...), catalog.T(fs.lang, hintKey)
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

// argTexts are a finding's arguments as texts.
func argTexts(args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprint(a)
	}
	return out
}
