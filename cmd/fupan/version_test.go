package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// fupan version says the version, commit, build date and Go version; the
// release build sets them, a plain build says dev and unknown.
func TestVersion(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"fupan", "version", "--json"}, &out, &errs); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var b buildInfo
	if err := json.Unmarshal(out.Bytes(), &b); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if b.Version != version || b.Go != runtime.Version() || b.Commit == "" || b.BuildDate == "" || b.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("version --json: %+v", b)
	}
	out.Reset()
	if code := run(context.Background(), []string{"fupan", "--version"}, &out, &errs); code != exitOK || !strings.Contains(out.String(), runtime.Version()) {
		t.Errorf("--version: exit %d, %q", code, out.String())
	}
	release := buildInfo{Version: "1.4.0", Commit: "0123456789abcdef0123", BuildDate: "2026-12-01T08:00:00Z", Go: "go1.26.8", Platform: "linux/amd64"}
	if got := release.versionLine(); got != "1.4.0 (commit 0123456789ab, built 2026-12-01T08:00:00Z, go1.26.8, linux/amd64)" {
		t.Errorf("versionLine: %q", got)
	}
}
