package catalog

import (
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Every catalogue has the same keys, and no text is empty.
func TestSameKeysInEveryLanguage(t *testing.T) {
	want := Keys(Simplified)
	if len(want) < 300 {
		t.Fatalf("only %d keys in the Simplified catalogue", len(want))
	}
	for _, l := range Langs() {
		got := Keys(l)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: the keys differ from Simplified's:\n%s", l, diff(want, got))
		}
		for _, k := range got {
			if T(l, k) == "" {
				t.Errorf("%s %s: empty", l, k)
			}
		}
	}
}

func diff(a, b []string) string {
	in := func(s []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out []string
	for _, k := range a {
		if !inb[k] {
			out = append(out, "  missing "+k)
		}
	}
	for _, k := range b {
		if !ina[k] {
			out = append(out, "  extra "+k)
		}
	}
	return strings.Join(out, "\n")
}

// A text with format verbs takes the same arguments in every language (by
// position or index; %q may stand for %s), so one call's arguments fit each.
func TestSameArgumentsInEveryLanguage(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(?:\.\d+)?([a-zA-Z%])`)
	args := func(s string) string {
		var used []string
		next := 1
		for _, m := range verb.FindAllStringSubmatch(s, -1) {
			if m[2] == "%" {
				continue
			}
			i := next
			if m[1] != "" {
				i, _ = strconv.Atoi(strings.Trim(m[1], "[]"))
			}
			next = i + 1
			used = append(used, strconv.Itoa(i))
		}
		sort.Strings(used)
		return strings.Join(used, " ")
	}
	for _, k := range Keys(Simplified) {
		want := args(T(Simplified, k))
		for _, l := range []Lang{Traditional, English} {
			if got := args(T(l, k)); got != want {
				t.Errorf("%s %s: arguments %q, Simplified takes %q", l, k, got, want)
			}
		}
	}
}

// source is fupan's Go code outside this package and the tests: every string
// literal in it, and the keys its lookups name.
type source struct {
	literals map[string]bool
	used     map[string]string // key → where it is asked for
	prefixes map[string]string // "attn." of catalog.F(l, "attn."+kind) → where
}

func readSource(t *testing.T) source {
	t.Helper()
	src := source{literals: map[string]bool{}, used: map[string]string{}, prefixes: map[string]string{}}
	// A finding quotes a word of the catalogue as fupan.Word("key").
	lookup := regexp.MustCompile(`(?:catalog\.[TF]\(\s*[\w.\[\]()]+,|\bWord\()\s*("[^"]*")(\s*\+)?`)
	// The mail's layout names its words as «key».
	layoutKey := regexp.MustCompile(`«([a-z][a-z0-9.\-]*)»`)
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != ".." && (strings.HasPrefix(name, ".") || name == "catalog" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var s scanner.Scanner
		fset := token.NewFileSet()
		s.Init(fset.AddFile(path, -1, len(b)), b, nil, 0)
		for {
			_, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if tok == token.STRING {
				if v, err := strconv.Unquote(lit); err == nil {
					src.literals[v] = true
				}
			}
		}
		for _, m := range layoutKey.FindAllStringSubmatch(string(b), -1) {
			if m[1] != "lang" && m[1] != "font" {
				src.used[m[1]] = path
				src.literals[m[1]] = true
			}
		}
		for _, m := range lookup.FindAllStringSubmatch(string(b), -1) {
			key, _ := strconv.Unquote(m[1])
			if m[2] != "" {
				src.prefixes[key] = path
			} else {
				src.used[key] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(src.used) < 100 {
		t.Fatalf("only %d lookups found in the code: the pattern is wrong", len(src.used))
	}
	return src
}

// Every key the code asks for exists (an unknown key is shown as the key
// itself: "direction.lower" was, once), and every text of the catalogue is
// asked for somewhere: as a literal key, or under a prefix the code completes
// at run time ("attn."+kind). Finding texts are the domain's test's.
func TestEveryKeyUsedExistsAndEveryTextIsUsed(t *testing.T) {
	src := readSource(t)
	for key, where := range src.used {
		if !Has(key) {
			t.Errorf("%s: asks for %q, which no catalogue has", where, key)
		}
	}
	for prefix, where := range src.prefixes {
		n := 0
		for _, k := range Keys(Simplified) {
			if strings.HasPrefix(k, prefix) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: asks for keys under %q, and there are none", where, prefix)
		}
	}
	for _, key := range Keys(Simplified) {
		if src.literals[key] || strings.HasPrefix(key, "finding.") {
			continue
		}
		// Count adds ".one" to the key of a count of one.
		if base, ok := strings.CutSuffix(key, ".one"); ok && src.literals[base] {
			continue
		}
		used := false
		for prefix := range src.prefixes {
			used = used || strings.HasPrefix(key, prefix)
		}
		if !used {
			t.Errorf("%q is in the catalogues but nothing asks for it", key)
		}
	}
}

func TestLookups(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{Simplified, "count.warnings", []any{2}, "2 个警告"},
		{Traditional, "count.errors", []any{2}, "2 個錯誤"},
		{English, "count.infos.one", []any{1}, "1 note"},
		{"", "team", nil, "团队"},                      // no language: Simplified
		{English, "no.such.key", nil, "no.such.key"}, // shown, not blank
	} {
		got := T(tc.lang, tc.key)
		if tc.args != nil {
			got = F(tc.lang, tc.key, tc.args...)
		}
		if got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	for in, want := range map[string]Lang{"zh-CN": Simplified, " zh-Hant ": Traditional, "EN": English, "fr": ""} {
		if got, _ := ParseLang(in); got != want {
			t.Errorf("ParseLang(%q) = %q, want %q", in, got, want)
		}
	}
}
