package fupan

import (
	"time"

	"github.com/fupan-review/fupan/value"
)

// The values of package value, under the domain's names: the rest of
// fupan, and its callers, speak of fupan.Date and fupan.ParsePeriod.
type (
	Date      = value.Date
	Period    = value.Period
	Quantity  = value.Quantity
	Kind      = value.Kind
	Cmp       = value.Cmp
	Resources = value.Resources
)

// Kinds of quantity, comparators and kinds of period.
const (
	KindNone    = value.KindNone
	KindNumber  = value.KindNumber
	KindAmount  = value.KindAmount
	KindCount   = value.KindCount
	KindPercent = value.KindPercent

	CmpAtLeast = value.CmpAtLeast
	CmpAtMost  = value.CmpAtMost

	PeriodMonth   = value.PeriodMonth
	PeriodQuarter = value.PeriodQuarter
	PeriodHalf    = value.PeriodHalf
	PeriodYear    = value.PeriodYear
)

// Errors of value parsing.
var (
	ErrNoDate        = value.ErrNoDate
	ErrBadDate       = value.ErrBadDate
	ErrNoYear        = value.ErrNoYear
	ErrNotRange      = value.ErrNotRange
	ErrBackwards     = value.ErrBackwards
	ErrUnknownPeriod = value.ErrUnknownPeriod
)

// DateOf returns the day of t.
func DateOf(t time.Time) Date { return value.DateOf(t) }

// MakeDate returns the date, or false where the day does not exist.
func MakeDate(y int, m time.Month, d int) (Date, bool) { return value.MakeDate(y, m, d) }

// ParseDate reads a date as teams write it; year is for one written without.
func ParseDate(s string, year int) (Date, error) { return value.ParseDate(s, year) }

// ParseRange reads a start–end range.
func ParseRange(s string, year int) (Date, Date, error) { return value.ParseRange(s, year) }

// ParsePeriod reads a review period: 2025Q3, 2025-07, 2025年第三季度…
func ParsePeriod(s string) (Period, error) { return value.ParsePeriod(s) }

// NextPeriod is the period after p, of the same kind.
func NextPeriod(p Period) (Period, error) { return value.NextPeriod(p) }

// NextPeriodText is the period after the one written, written the same way.
func NextPeriodText(s string) (string, error) { return value.NextPeriodText(s) }

// ParseQuantity reads an amount, count, percentage or number.
func ParseQuantity(s string) (Quantity, error) { return value.ParseQuantity(s) }

// ParseRate reads a rate (达成率, 偏差率) as a fraction.
func ParseRate(s string) (float64, error) { return value.ParseRate(s) }

// ParseResources reads a task's budget and people.
func ParseResources(s string) (Resources, error) { return value.ParseResources(s) }

// StripControls is a team's text without control and bidi characters, for
// a PDF's metadata, a file name, a terminal (value.IsControl says which).
func StripControls(s string) string { return value.StripControls(s) }

// IsControl reports a control or bidi character (value.IsControl).
func IsControl(r rune) bool { return value.IsControl(r) }

// ParseOwners splits an owner cell into names.
func ParseOwners(s string) []string { return value.ParseOwners(s) }

// NoteMonth reads the month a header's note names ("7月", "2025年7月"):
// year 0 where it names none.
func NoteMonth(note string) (year int, month time.Month) { return value.NoteMonth(note) }

// FoldText applies the width folding to a whole string.
func FoldText(s string) string { return value.FoldText(s) }

// Simplify folds width and the Traditional characters of the vocabulary.
func Simplify(s string) string { return value.Simplify(s) }

// The value package's folding and scanning, for the domain's own files.
func matchKey(s string) string                    { return value.MatchKey(s) }
func splitNote(s string) (name, note string)      { return value.SplitNote(s) }
func scriptCounts(s string) (trad, simp, han int) { return value.ScriptCounts(s) }
func firstOfMonth(y int, m time.Month) Date       { return value.FirstOfMonth(y, m) }

// ParsePeriodStrict reads a period typed for a command: the whole text is one.
func ParsePeriodStrict(s string) (Period, error) { return value.ParsePeriodStrict(s) }
