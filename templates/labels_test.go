package templates

import (
	"os"
	"path/filepath"
	"regexp"
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

// Every label the code asks for by name exists in the three languages: an
// unknown key is shown as the key itself ("direction.lower" was, once).
func TestEveryLabelUsedExists(t *testing.T) {
	re := regexp.MustCompile(`(?:templates\.)?L\([a-zA-Z.]+, "([a-z][a-z0-9.\-]*)"\)`)
	keys := map[string]bool{}
	for _, dir := range []string{".", "../pdf", "../xlsx", "../batch", "../cmd/fupan", "../mail"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				keys[m[1]] = true
			}
		}
	}
	// Keys made at run time.
	for _, k := range []string{"attn." + fupan.AttnMissedNoAction, "attn." + fupan.AttnOffTrackNoMeasure, "attn." + fupan.AttnActionOverdue,
		"ahead", "on.track", "off.track", "status.achieved", "status.close", "status.missed"} {
		keys[k] = true
	}
	if len(keys) < 40 {
		t.Fatalf("only %d label keys found in the code: the pattern is wrong", len(keys))
	}
	for k := range keys {
		l, ok := labels[k]
		if !ok {
			t.Errorf("label %q is used but not defined", k)
			continue
		}
		if l.Hans == "" || l.Hant == "" || l.En == "" {
			t.Errorf("label %q lacks a language: %+v", k, l)
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

// Chinese labels use full-width punctuation next to Chinese text (,:;()!?),
// never the ASCII marks, which look wrong in a Chinese sentence.
func TestChinesePunctuation(t *testing.T) {
	bad := regexp.MustCompile(`\p{Han}[,:;()!?]|[,:;()!?]\p{Han}`)
	EachLabel(func(key string, l Label) {
		for _, s := range []string{l.Hans, l.Hant} {
			if m := bad.FindString(s); m != "" {
				t.Errorf("label %q: ASCII punctuation in Chinese text %q (at %q)", key, s, m)
			}
		}
	})
	for i, l := range Instructions() {
		for _, s := range []string{l.Hans, l.Hant} {
			if m := bad.FindString(s); m != "" {
				t.Errorf("instruction %d: ASCII punctuation in %q (at %q)", i+1, s, m)
			}
		}
	}
}
