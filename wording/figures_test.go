package wording

import (
	"testing"

	"github.com/fupan-review/fupan"
)

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		lang fupan.Lang
		key  string
		n    int
		want string
	}{
		{fupan.English, "count.warnings", 1, "1 warning"},
		{fupan.English, "count.warnings", 2, "2 warnings"},
		{fupan.English, "count.errors", 0, "0 errors"},
		{fupan.English, "count.errors", 1, "1 error"},
		{fupan.English, "count.infos", 1, "1 note"},
		{fupan.Simplified, "count.warnings", 1, "1 个警告"},
		{fupan.Traditional, "count.errors", 2, "2 個錯誤"},
	} {
		if got := Count(tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("Count(%s, %s, %d) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
}

func TestFormatResources(t *testing.T) {
	b, p, one := 120000.0, 3.0, 1.0
	for _, tc := range []struct {
		budget, people *float64
		lang           fupan.Lang
		want           string
	}{
		{&b, &p, fupan.Simplified, "预算 12万 · 3人"},
		{&b, &p, fupan.Traditional, "預算 12萬 · 3人"},
		{&b, &p, fupan.English, "Budget 120,000 · 3 people"},
		{nil, &one, fupan.English, "1 person"},
		{&b, nil, fupan.Simplified, "预算 12万"},
		{nil, nil, fupan.Simplified, ""},
	} {
		if got := FormatResources(tc.budget, tc.people, tc.lang); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

// Money in the currency the team wrote: 元 is ¥ in English, as the team's
// own amounts show beside it, and no sign in Chinese (16万).
func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		currency string
		lang     fupan.Lang
		want     string
	}{
		{"CNY", fupan.English, "¥160,000"},
		{"CNY", fupan.Simplified, "16万"},
		{"CNY", fupan.Traditional, "16萬"},
		{"", fupan.English, "160,000"},
		{"", fupan.Simplified, "16万"},
		{"EUR", fupan.Simplified, "EUR 160,000"},
	} {
		if got := FormatMoney(160000, tc.currency, tc.lang); got != tc.want {
			t.Errorf("FormatMoney(160000, %q, %s) = %q, want %q", tc.currency, tc.lang, got, tc.want)
		}
	}
}
