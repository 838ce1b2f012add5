package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/sqlite"
)

// fupan serve refuses at start to show figures to others without a login,
// and a serve: section it cannot believe.
func TestServeRefusals(t *testing.T) {
	out := t.TempDir()
	cfg := func(body string) string {
		p := filepath.Join(t.TempDir(), "fupan.yaml")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--listen", "0.0.0.0:8080", out}, "loopback only"},
		{[]string{"serve", "--listen", ":8080", out}, "loopback only"},
		{[]string{"serve", "--config", cfg("serve:\n  listen: 10.0.0.1:8080\n"), out}, "loopback only"},
		{[]string{"serve", "--config", cfg("serve:\n  auth: proxy\n  proxy_header: X-Remote-User\n"), "--listen", "0.0.0.0:8080", out}, "trusted_proxies"},
		{[]string{"serve", "--config", cfg("serve:\n  auth: password\n"), out}, "want proxy"},
		{[]string{"serve", "--config", cfg("serve:\n  auth: proxy\n  proxy_header: X-Remote-User\n  trusted_proxies: [10.0.0.5]\n  access:\n    - {identity: proxy:li, role: team}\n"), "--listen", "0.0.0.0:8080", out}, "no teams"},
		{[]string{"serve", "--listen", "127.0.0.1:8080", filepath.Join(out, "missing")}, "not an output folder"},
		{[]string{"serve", "--listen", "127.0.0.1:8080"}, "at least one OUT"},
	} {
		_, stderr, code := runCLI(t, tc.args...)
		if code != exitBadUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d saying %q:\n%s", tc.args, code, exitBadUsage, tc.want, stderr)
		}
	}
}

// fupan serve on the samples' run: the dashboard from the history beside
// OUT, fupan.yaml's teams: expected on it (西北销售部, never recorded, not
// handed in), the access log without workbook contents, a clean stop.
func TestServeSamples(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	cfg := filepath.Join(root, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("teams: [西北销售部]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	srv := serve(t, "--config", cfg, out)
	_, body := srv.get("/dashboard")
	if code := srv.stop(); code != 0 {
		t.Fatalf("serve: exit %d\n%s", code, srv.log.String())
	}
	for _, want := range []string{"最新周期：2025Q3", "华东销售部", "5 / 6", "西北销售部 · 从未提交"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard: no %q\n%s", want, body)
		}
	}
	log := srv.log.String()
	if !strings.Contains(log, `"path":"/dashboard"`) || !strings.Contains(log, `"who":"local"`) || !strings.Contains(log, fmt.Sprintf(`"status":%d`, 200)) {
		t.Errorf("no access log line:\n%s", log)
	}
}

// An upgrade restarts the page with a history of the schema before: serve
// migrates it and serves, rather than refusing it until the next run.
func TestServeMigratesAnOlderHistory(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--no-history", "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	old, err := os.ReadFile(fmt.Sprintf("../../sqlite/testdata/history-v%d.sqlite", sqlite.SchemaVersion-1))
	if err != nil {
		t.Fatal(err)
	}
	hist := filepath.Join(root, defaultHistory)
	if err := os.WriteFile(hist, old, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "inspect", "--history", hist, "../../samples/华东销售部_2025Q3.xlsx"); code == 0 || !strings.Contains(stderr, "schema") {
		t.Fatalf("inspect, read-only: exit %d, want the older schema refused\n%s", code, stderr)
	}
	srv := serve(t, out)
	status, _ := srv.get("/dashboard")
	if code := srv.stop(); code != 0 || status != http.StatusOK {
		t.Fatalf("serve: exit %d, dashboard %d\n%s", code, status, srv.log.String())
	}
	if !strings.Contains(srv.log.String(), "migrated") {
		t.Errorf("the migration is not logged:\n%s", srv.log.String())
	}
	db, err := sqlite.Open(context.Background(), hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("after serve, the history does not open read-only: %v", err)
	}
	_ = db.Close()
}
