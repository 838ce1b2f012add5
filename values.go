package fupan

import (
	"time"

	"github.com/fupan-review/fupan/value"
)

// The values of package value that fupan's callers use, under the domain's
// names: they speak of fupan.Date and fupan.ParsePeriod. The root's own
// files name the rest as value.X.
type (
	Date   = value.Date
	Period = value.Period
)

// DateOf returns the day of t.
func DateOf(t time.Time) Date { return value.DateOf(t) }

// ParseDate reads a date as teams write it; year is for one written without.
func ParseDate(s string, year int) (Date, error) { return value.ParseDate(s, year) }

// ParsePeriod reads a review period: 2025Q3, 2025-07, 2025年第三季度…
func ParsePeriod(s string) (Period, error) { return value.ParsePeriod(s) }

// ReadsAsQuantity reports whether s reads as a target or an actual
// (value.ParseQuantity): 1200万, ¥50000.00, 500家, 15%; not 5次/月.
func ReadsAsQuantity(s string) bool {
	_, err := value.ParseQuantity(s)
	return err == nil
}

// NextPeriodText is the period after the one written, written the same way.
func NextPeriodText(s string) (string, error) { return value.NextPeriodText(s) }

// StripControls is a team's text without control and bidi characters, for
// a PDF's metadata, a file name, a terminal (value.IsControl says which).
func StripControls(s string) string { return value.StripControls(s) }

// IsControl reports a control or bidi character (value.IsControl).
func IsControl(r rune) bool { return value.IsControl(r) }

// IsInvisible reports a format character that shows nothing (U+200B,
// U+00AD…; value.IsInvisible): folded like a space, dropped from a file name.
func IsInvisible(r rune) bool { return value.IsInvisible(r) }

// ParseOwners splits an owner cell into names.
func ParseOwners(s string) []string { return value.ParseOwners(s) }

// Simplify folds width and the Traditional characters of the vocabulary.
func Simplify(s string) string { return value.Simplify(s) }

// The value package's folding and scanning, for the domain's own files.
func matchKey(s string) string                    { return value.MatchKey(s) }
func splitNote(s string) (name, note string)      { return value.SplitNote(s) }
func scriptCounts(s string) (trad, simp, han int) { return value.ScriptCounts(s) }
func firstOfMonth(y int, m time.Month) Date       { return value.FirstOfMonth(y, m) }

// ParsePeriodStrict reads a period typed for a command: the whole text is one.
func ParsePeriodStrict(s string) (Period, error) { return value.ParsePeriodStrict(s) }
