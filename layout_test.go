package fupan_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestLayout holds each package to the imports docs/architecture.md allows:
// nothing of fupan's imported upward, the domain on the standard library.
func TestLayout(t *testing.T) {
	const mod = "github.com/fupan-review/fupan"
	allowed := map[string][]string{
		"value":    {},
		"catalog":  {},
		".":        {"value", "catalog"},
		"wording":  {"", "catalog"},
		"chart":    {""},
		"xlsx":     {"", "catalog", "wording"},
		"pdf":      {"", "catalog", "wording", "chart"},
		"sqlite":   {"", "internal/historysql"},
		"postgres": {"", "internal/historysql"},
		"opencc":   {},
		"mail":     {"catalog", "internal/secret"},
		"robot":    {"internal/secret"},
		"login":    {},
		"batch":    {"", "catalog", "wording", "xlsx", "pdf", "sqlite", "mail", "robot"},
		"web":      {"", "catalog", "wording", "chart", "xlsx", "batch", "login"},
	}
	for dir, ok := range allowed {
		own := map[string]bool{}
		for _, o := range ok {
			own[strings.TrimSuffix(mod+"/"+o, "/")] = true
		}
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		var bad []string
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				switch {
				case strings.HasPrefix(path, mod):
					if !own[path] {
						bad = append(bad, f+": "+path)
					}
				case (dir == "." || dir == "value" || dir == "catalog" || dir == "chart" || dir == "web") && strings.Contains(strings.Split(path, "/")[0], "."):
					bad = append(bad, f+": "+path+" (the domain, the bottom, chart and web take the standard library only)")
				}
			}
		}
		sort.Strings(bad)
		for _, b := range bad {
			t.Errorf("import not allowed: %s", b)
		}
	}
}
