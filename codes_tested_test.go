package fupan

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// codeNames are the registry's codes by their Go constant names in
// messages.go.
func codeNames(t *testing.T) map[Code]string {
	t.Helper()
	f, err := parser.ParseFile(gotoken.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	names := map[Code]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok {
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Code" {
				names[Code(strings.Trim(v.Values[0].(*ast.BasicLit).Value, `"`))] = v.Names[0].Name
			}
		}
		return true
	})
	return names
}

// untestedCodes are the rules no test source names, by constant or by its
// code string; sources are the tests' texts, by file.
func untestedCodes(list []Rule, names map[Code]string, sources map[string]string) []Code {
	var out []Code
	for _, r := range list {
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(names[r.Code]) + `\b`)
		named := false
		for _, src := range sources {
			if (names[r.Code] != "" && word.MatchString(src)) || strings.Contains(src, `"`+string(r.Code)+`"`) {
				named = true
				break
			}
		}
		if !named {
			out = append(out, r.Code)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// TestEveryCodeTested: every code of the registry is named by a test of the
// module — TestRules, the corpus's expected findings, a command's output —
// other than the registry's own checks; a new code without a test that
// triggers it fails here. A code no workbook can trigger has no place in
// the registry.
func TestEveryCodeTested(t *testing.T) {
	sources := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		// The registry's checks name codes without triggering them.
		if !strings.HasSuffix(path, "_test.go") || path == "registry_test.go" || path == "codes_tested_test.go" {
			return nil
		}
		b, err := os.ReadFile(path)
		sources[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	names := codeNames(t)
	for _, c := range untestedCodes(Rules, names, sources) {
		t.Errorf("finding code %s (%s) is named by no test: add one that triggers it (TestRules, or a file in samples/invalid)", c, names[c])
	}
}

// TestUntestedCodesFails: the check sees a code no source names, and takes
// a constant's name only as a whole word.
func TestUntestedCodesFails(t *testing.T) {
	list := []Rule{{CodeTargetZero, SevWarning, 0, ""}, {CodeTableMissing, SevWarning, 0, ""}, {CodeNotFilled, SevError, 0, ""}}
	names := map[Code]string{CodeTargetZero: "CodeTargetZero", CodeTableMissing: "CodeTableMissing", CodeNotFilled: "CodeNotFilled"}
	sources := map[string]string{
		"a_test.go": `hasCode(rv, fupan.CodeTargetZero)`,
		"b_test.go": `want := "table-missing"`,
		"c_test.go": `CodeNotFilledX; "not-filled-x"`,
	}
	got := untestedCodes(list, names, sources)
	if len(got) != 1 || got[0] != CodeNotFilled {
		t.Errorf("untested = %v, want [not-filled]", got)
	}
}
