package fupan

import "testing"

func TestLangOf(t *testing.T) {
	for _, c := range []struct {
		in   []Lang
		want Lang
	}{
		{nil, Simplified},
		{[]Lang{""}, Simplified},
		{[]Lang{"", ""}, Simplified},
		{[]Lang{English}, English},
		{[]Lang{"", Traditional}, Traditional},
		{[]Lang{English, Traditional}, English},
	} {
		if got := LangOf(c.in...); got != c.want {
			t.Errorf("LangOf(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   map[Lang]int
		want Lang
	}{
		{nil, Simplified},
		{map[Lang]int{English: 1}, English},
		{map[Lang]int{English: 2, Traditional: 2}, Traditional},
		{map[Lang]int{Simplified: 1, Traditional: 1}, Simplified},
		{map[Lang]int{"": 5, English: 1}, English},
	} {
		if got := MostWritten(c.in); got != c.want {
			t.Errorf("MostWritten(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}
