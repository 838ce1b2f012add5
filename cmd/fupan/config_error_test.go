package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config with an unknown key is told in people's words — its line, the
// key, the keys there are — not as Go's yaml error (a literal \n, the type
// main.fileConfig); doctor then skips the checks that depend on the config
// rather than check the defaults.
func TestConfigUnknownKeyReadable(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(cfg, []byte("site: 上海\nhistroy: /srv/h.sqlite\nmail:\n  smtp:\n    hots: smtp.example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := func(where, s string) {
		t.Helper()
		for _, w := range []string{`\n`, "main.", "mail.", "fileConfig", "not found in type"} {
			if strings.Contains(s, w) {
				t.Errorf("%s holds %q:\n%s", where, w, s)
			}
		}
		for _, w := range []string{"line 2", `"histroy"`, "history", "line 5", `"hots"`, "host"} {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %q:\n%s", where, w, s)
			}
		}
	}
	_, stderr, code := runCLI(t, "history", "--config", cfg)
	if code != 2 {
		t.Errorf("history: exit %d", code)
	}
	bad("history's stderr", stderr)

	out := filepath.Join(dir, "reports", "2025-09")
	stdout, stderr, code := runCLI(t, "doctor", "--json", "--offline", "--lang", "en", "--config", cfg, "-o", out)
	var rep doctorReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 1 {
		t.Fatalf("doctor: exit %d, %v\n%s\n%s", code, err, stdout, stderr)
	}
	checks := map[string]checkResult{}
	for _, c := range rep.Checks {
		checks[c.Check] = c
	}
	bad("doctor's config check", checks["config"].Message)
	for _, name := range []string{"history", "smtp", "robot", "timezone"} {
		if c := checks[name]; c.Status != statusSkipped || !strings.Contains(c.Message, "config cannot be read") {
			t.Errorf("%s with the config unreadable: %+v", name, c)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "reports", defaultHistory)); err == nil {
		t.Error("doctor made a history")
	}
}
