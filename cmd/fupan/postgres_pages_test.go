package main

import (
	"context"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historytest"
	"github.com/fupan-review/fupan/internal/pgtest"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// getServed runs fupan serve with args until it answers path, and gives the
// page.
func getServed(t *testing.T, path string, args ...string) string {
	t.Helper()
	srv := serve(t, args...)
	_, body := srv.get(path)
	if code := srv.stop(); code != 0 {
		t.Fatalf("serve: exit %d\n%s", code, srv.log.String())
	}
	return body
}

// One PostgreSQL history of two sites: fupan serve's dashboard shows both
// sites' teams, history rename merges a team there (its backup a SQLite
// file), and next gives a team whose workbook failed its workbook from its
// last good review in it.
func TestPostgresServeRenameNext(t *testing.T) {
	db := pgtest.Database(t)
	root := t.TempDir()
	teams := map[string]string{"上海": "华东销售部", "北京": "华北销售部"}
	var outs []string
	for _, site := range []string{"上海", "北京"} {
		b := samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面", [][]string{{"团队", teams[site]}})
		writeBook(t, filepath.Join(root, site, "in", teams[site]+"_2025Q3.xlsx"), b)
		cfg := filepath.Join(root, site, "fupan.yaml")
		if err := os.WriteFile(cfg, []byte("site: "+site+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(root, site, "out")
		if _, stderr, code := runCLI(t, "run", filepath.Join(root, site, "in"), "-o", out, "--history", db, "--config", cfg, "--as-of", "2025-10-08"); code != 0 {
			t.Fatalf("run at %s: exit %d\n%s", site, code, stderr)
		}
		outs = append(outs, out)
	}

	board := getServed(t, "/dashboard", append([]string{"--history", db}, outs...)...)
	for _, want := range []string{"华东销售部", "华北销售部", "最新周期：2025Q3"} {
		if !strings.Contains(board, want) {
			t.Errorf("dashboard over PostgreSQL: no %q\n%s", want, board)
		}
	}
	if team := getServed(t, "/teams/"+url.PathEscape("华北销售部"), "--history", db, outs[1]); !strings.Contains(team, "2025Q3") {
		t.Errorf("a team's page over PostgreSQL:\n%s", team)
	}

	t.Chdir(root)
	stdout, stderr, code := runCLI(t, "history", "rename", "--history", db, "--json", "华北销售部", "华北事业部")
	if code != 0 {
		t.Fatalf("history rename: exit %d\n%s", code, stderr)
	}
	var renamed struct {
		Backup  string
		Renamed []struct {
			From, To string
			Moved    int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &renamed); err != nil || len(renamed.Renamed) != 1 || renamed.Renamed[0].Moved != 1 {
		t.Fatalf("history rename: %s (%v)", stdout, err)
	}
	if got := listing(t, renamed.Backup); !strings.Contains(got, "华北销售部") || !strings.Contains(got, "华东销售部") {
		t.Errorf("the backup %s does not hold the history as it was:\n%s", renamed.Backup, got)
	}
	if got := listing(t, db); !strings.Contains(got, `"team":"华北事业部"`) || strings.Contains(got, `"team":"华北销售部"`) {
		t.Errorf("after the rename PostgreSQL lists:\n%s", got)
	}

	// 华南区's 2025Q3 workbook fails; its next workbook comes from its
	// 2025Q2 review in PostgreSQL.
	q2 := samples.SeedSimplified()
	q2.Acts.Rows = [][]string{{"优化渠道激励", "调整返点", "周九", "6/30", "", "方案发布"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "华南区_2025Q2.xlsx"), samples.PerSheet(q2))
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华南区_2025Q3.xlsx"), xlsx.Book{Sheets: []xlsx.BookSheet{{Name: "随便", Rows: [][]any{{"这不是复盘"}}}}})
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2025Q2"), "-o", filepath.Join(root, "out", "2025Q2"), "--history", db, "--as-of", "2025-07-08"); code != 0 {
		t.Fatalf("run 2025Q2: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2025Q3"), "-o", filepath.Join(root, "out", "2025Q3"), "--history", db, "--as-of", "2025-10-08"); code != 1 {
		t.Fatalf("run 2025Q3: exit %d, want 1 (a workbook failed)\n%s", code, stderr)
	}
	stdout, stderr, code = runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", filepath.Join(root, "next"), "--history", db)
	if code != 0 || !strings.Contains(stdout, "华南区_2025Q4.xlsx") || !strings.Contains(stderr, "last good review") || !strings.Contains(stderr, `"from_period":"2025Q2"`) {
		t.Fatalf("next over PostgreSQL: exit %d\n%s%s", code, stdout, stderr)
	}
}

// A rename of a PostgreSQL history whose backup's name is taken already
// renames nothing, rather than copy into the earlier file.
func TestPostgresRenameBackupTaken(t *testing.T) {
	db := pgtest.Database(t)
	ctx := context.Background()
	h, err := openStore(ctx, db, false, "")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = h.Close() }()
	rv := historytest.Review("华北销售部", "2025Q3", "bj.xlsx", 1)
	if err := h.Record(ctx, historytest.Recording(rv, "北京", time.Time{})); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	now := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	taken := "fupan-history.before-rename-" + now.Format("20060102-150405.000000") + ".sqlite"
	if err := os.WriteFile(taken, []byte("an earlier backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := historyRenameOptions{DB: h, Identity: fupan.Identity{}, Old: "华北销售部", New: "华北事业部", Now: now}
	err = o.run(ctx, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no backup, nothing renamed") || !strings.Contains(err.Error(), "is there already") {
		t.Fatalf("rename over a taken backup name: %v", err)
	}
	if b, _ := os.ReadFile(taken); string(b) != "an earlier backup" {
		t.Error("the earlier backup was written over")
	}
	if keys, err := h.TeamKeys(ctx); err != nil || keys["华北销售部"] == "" {
		t.Errorf("renamed without a backup: %v (%v)", keys, err)
	}
}
