package value

import (
	"errors"
	"testing"
)

// A review period written as its year and two months, the second without its
// year (2025.7-9, 2025-07~09, 2025-7-9月), is the quarter, half or span it
// covers, never its first month alone.
func TestPeriodAbbreviatedRange(t *testing.T) {
	for _, tc := range []struct{ in, label string }{
		{"2025.7-9", "2025Q3"},
		{"2025/7-9", "2025Q3"},
		{"2025.07-09", "2025Q3"},
		{"2025-07~09", "2025Q3"},
		{"2025.7~9", "2025Q3"},
		{"2025.7～9", "2025Q3"},
		{"2025-07至09", "2025Q3"},
		{"2025-7-9月", "2025Q3"},
		{"2025.7-9月", "2025Q3"},
		{"2025.7月-9月", "2025Q3"},
		{"2025.7 - 9", "2025Q3"},
		{"２０２５.７-９", "2025Q3"},
		{"2025.1-6", "2025H1"},
		{"2025.7-12", "2025H2"},
		{"2025/1-12", "2025"},
		{"2025.10-12", "2025Q4"},
		{"2025.7-8", "2025-07-01~2025-08-31"},
		{"2025.8-8", "2025-08"},
		// Unchanged: a month, a date.
		{"2025.7", "2025-07"},
		{"2025-07", "2025-07"},
		{"2025.07", "2025-07"},
		{"2025/7/9", "2025-07"},
		{"2025.7.9", "2025-07"},
		{"2025-07-15", "2025-07"},
		{"2025-07-01", "2025-07"},
	} {
		p, err := ParsePeriod(tc.in)
		if err != nil || p.Label != tc.label {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %s", tc.in, p.Label, err, tc.label)
		}
	}
	// 2025-7-9 and 2025-07-09 are as much the day 9 July as July to
	// September: a review period written so is unclear, never a guess.
	for _, in := range []string{"2025-7-9", "2025-07-09", "2025-1-6", "2025.9-7", "2025.7-13", "2025.0-3"} {
		if p, err := ParsePeriod(in); !errors.Is(err, ErrUnknownPeriod) && !errors.Is(err, ErrBackwards) {
			t.Errorf("ParsePeriod(%q) = %q, %v; want no period", in, p.Label, err)
		}
	}
	// In a date column they are days, as before.
	for in, want := range map[string]Date{"2025-7-9": d(2025, 7, 9), "2025-07-09": d(2025, 7, 9), "2025.7.9": d(2025, 7, 9)} {
		if got, err := ParseDate(in, 2025); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

// The next period of one written as its year and two months is written so.
func TestNextPeriodTextShortRange(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025.7-9", "2025.10-12"},
		{"2025.10-12", "2026.1-3"},
		{"2025.07-09", "2025.10-12"},
		{"2025.01-06", "2025.07-12"},
		{"2025/7-12", "2026/1-6"},
		{"2025-07~09", "2025-10~12"},
		{"2025-7-9月", "2025-10-12月"},
	} {
		got, err := NextPeriodText(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NextPeriodText(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// A year of two digits before a quarter is this century's (25Q3, 25年Q3);
// a fiscal year (FY25 Q3) is not a calendar quarter fupan can know.
func TestPeriodTwoDigitYear(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"25Q3", "2025Q3"}, {"25q3", "2025Q3"}, {"25年Q3", "2025Q3"}, {"25 Q3", "2025Q3"}, {"26Q1", "2026Q1"},
		{"2025Q3", "2025Q3"},
		{"FY25 Q3", ""}, {"fy25Q3", ""}, {"125Q3", ""},
	} {
		p, err := ParsePeriod(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%q: %s, want no period", tc.in, p.Label)
			}
			continue
		}
		if err != nil || p.Label != tc.want {
			t.Errorf("%q: %q (%v), want %s", tc.in, p.Label, err, tc.want)
		}
	}
}
