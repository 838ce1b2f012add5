package fupan

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/catalog"
)

// registryProblems lists what a registry of rules lacks: a message and a
// hint in each catalogue (a threshold's hint taking it), a row of the
// README's table of codes with the same severity; and README rows of codes
// the registry does not have.
func registryProblems(list []Rule, text func(Lang, string) string, readme string) []string {
	var out []string
	rows := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| (error|warning|info) \\|").FindAllStringSubmatch(readme, -1) {
		rows[m[1]] = m[2]
	}
	known := map[string]bool{}
	for _, r := range list {
		code := string(r.Code)
		known[code] = true
		for _, l := range catalog.Langs() {
			for _, key := range []string{"finding." + code, "finding." + code + ".hint"} {
				if t := text(l, key); t == "" || t == key {
					out = append(out, string(l)+": no "+key)
				}
			}
			if r.Threshold != 0 && !strings.Contains(text(l, "finding."+code+".hint"), "%s") {
				out = append(out, string(l)+": the hint of "+code+" does not take its threshold")
			}
		}
		if sev, ok := rows[code]; !ok {
			out = append(out, "README: no row for "+code)
		} else if sev != string(r.Severity) {
			out = append(out, "README: "+code+" is "+sev+", the registry says "+string(r.Severity))
		}
	}
	for code := range rows {
		if !known[code] {
			out = append(out, "README: a row for "+code+", which the registry does not have")
		}
	}
	return out
}

// TestRulesHaveTextsAndRows: every rule has its texts in the three
// catalogues and its row in the README; every Code constant is a rule.
func TestRulesHaveTextsAndRows(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range registryProblems(Rules, catalog.T, string(readme)) {
		t.Error(p)
	}
	f, err := parser.ParseFile(gotoken.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok {
			if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Code" {
				code := Code(strings.Trim(v.Values[0].(*ast.BasicLit).Value, `"`))
				if _, ok := RuleOf(code); !ok {
					t.Errorf("%s (%s) is in no rule", v.Names[0].Name, code)
				}
			}
		}
		return true
	})
}

// TestRegistryCheckFails: the check finds a rule without texts or a README
// row, a row of the wrong severity, and a row of no rule.
func TestRegistryCheckFails(t *testing.T) {
	list := []Rule{{CodeTargetZero, SevWarning, 0, ""}, {"made-up", SevWarning, 0, ""}, {CodeDeviationNoCause, SevWarning, OnTrackLimit, ""}}
	readme := "| `target-zero` | error | x |\n| `gone-away` | info | x |\n| `deviation-unexplained` | warning | x |\n"
	noThreshold := func(l Lang, key string) string {
		if key == "finding.deviation-unexplained.hint" {
			return "Past 10% the cause must be analysed."
		}
		return catalog.T(l, key)
	}
	got := strings.Join(registryProblems(list, noThreshold, readme), "\n")
	for _, want := range []string{"no finding.made-up", "no finding.made-up.hint", "README: no row for made-up",
		"README: target-zero is error", "a row for gone-away", "the hint of deviation-unexplained does not take its threshold"} {
		if !strings.Contains(got, want) {
			t.Errorf("the check misses %q:\n%s", want, got)
		}
	}
}
