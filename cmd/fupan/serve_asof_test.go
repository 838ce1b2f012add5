package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fupan serve --as-of dates its pages as fupan run --as-of dates a run: a
// team's open action due 2025-09-10 is 58 days late on a page served as of
// 2025-11-07, whatever day the test runs.
func TestServeAsOfDatesPages(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	hist := filepath.Join(root, "h.sqlite")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", hist, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	srv := serve(t, "--history", hist, "--as-of", "2025-11-07", out)
	get := func(path string) string {
		t.Helper()
		_, body := srv.get(path)
		return body
	}
	dash := get("/dashboard")
	m := regexp.MustCompile(`href="(/teams/[^"]+)">华东销售部<`).FindStringSubmatch(dash)
	if m == nil {
		t.Fatalf("the dashboard has no 华东销售部:\n%s", dash)
	}
	page := get(m[1])
	if !strings.Contains(page, "2025-09-10") || !strings.Contains(page, "逾期 58 天") {
		t.Errorf("the team page served as of 2025-11-07 does not say 2025-09-10 is 58 days late:\n%s", page)
	}
}
