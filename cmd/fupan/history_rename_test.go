package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	samples "github.com/fupan-review/fupan/samples/gen"
)

// After teams_aliases {华东区: 华东大区} and a re-run, the history holds
// 华东区 2025Q4 twice (under its old key and its new); history rename
// --aliases backs it up and merges them, keeping the later; lookups then
// find the team by a part of its name, and forget follows the alias.
func TestHistoryRenameMerges(t *testing.T) {
	root := t.TempDir()
	for _, q := range []string{"2025Q3", "2025Q4"} {
		writeBook(t, filepath.Join(root, "in", q, "华东区_"+q+".xlsx"), samples.PerSheet(samples.SeedSimplified()))
	}
	writeBook(t, filepath.Join(root, "in", "2025Q4", "华东销售部_2025Q4.xlsx"), samples.PerSheet(samples.SeedSimplified()))
	runQuarter(t, root, "2025Q3")
	runQuarter(t, root, "2025Q4")
	cfg := filepath.Join(root, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("teams_aliases:\n  华东区: 华东大区\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runQuarter(t, root, "2025Q4", "--force", "--config", cfg)
	hist := filepath.Join(root, "out", "fupan-history.sqlite")
	q4 := func() int {
		n := 0
		for _, e := range historyJSON(t, root) {
			if e.Period == "2025Q4" && strings.HasPrefix(e.Team, "华东区") {
				n++
			}
		}
		return n
	}
	if n := q4(); n != 2 {
		t.Fatalf("before the rename, 华东区 2025Q4 is recorded %d times; the duplicate this test is about is not there", n)
	}
	out, stderr, code := runCLI(t, "history", "rename", "--aliases", "--json", "--history", hist, "--config", cfg)
	if code != 0 {
		t.Fatalf("rename --aliases: exit %d\n%s", code, stderr)
	}
	var res struct {
		Backup  string
		Renamed []struct {
			From, To string
			Moved    int
			Dropped  []struct{ Team, Period string }
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Renamed) != 1 || res.Renamed[0].To != "华东大区" || res.Renamed[0].Moved != 1 ||
		len(res.Renamed[0].Dropped) != 1 || res.Renamed[0].Dropped[0].Period != "2025Q4" {
		t.Errorf("renamed: %s", out)
	}
	if _, err := os.Stat(res.Backup); err != nil {
		t.Errorf("no backup before the rename: %v", err)
	}
	var periods []string
	for _, e := range historyJSON(t, root) {
		if e.Team != "华东销售部" {
			periods = append(periods, e.Team+" "+e.Period)
		}
	}
	if strings.Join(periods, ",") != "华东大区 2025Q3,华东大区 2025Q4" {
		t.Errorf("after the rename: %v", periods)
	}
	// Lessons once each.
	lout, _, _ := runCLI(t, "lessons", "--json", "--history", hist, "--config", cfg, "--team", "华东大区", "--kind", "教训")
	var lessons []struct{ Period, Kind string }
	if err := json.Unmarshal([]byte(lout), &lessons); err != nil {
		t.Fatalf("lessons --kind 教训: %v\n%s", err, lout)
	}
	if len(lessons) != 4 {
		t.Errorf("lessons --team 华东大区 --kind 教训: %d lessons, want 2 periods × 2", len(lessons))
	}
	for _, ls := range lessons {
		if ls.Kind != "lesson" {
			t.Errorf("--kind 教训 gave a %s", ls.Kind)
		}
	}
	// --team by part of the name: one team, or the candidates.
	if got := historyJSON(t, root, "--team", "华东大", "--config", cfg); len(got) != 2 {
		t.Errorf("history --team 华东大: %d reviews, want 2", len(got))
	}
	_, stderr, code = runCLI(t, "history", "--history", hist, "--team", "华东", "--config", cfg)
	if code != exitBadUsage || !strings.Contains(stderr, "华东大区") || !strings.Contains(stderr, "华东销售部") {
		t.Errorf("history --team 华东: exit %d, want the candidates:\n%s", code, stderr)
	}
	// The table: a team without 状态 shows how many actions, "—/3", under a
	// header that says so, never "0/3" (none done) nor a bare "3" under
	// 行动完成 (read as three done).
	text, _, _ := runCLI(t, "history", "--history", hist, "--config", cfg)
	if strings.Contains(text, " 0/3") || !strings.Contains(text, "—/3") || !strings.Contains(text, "行动（完成/共）") || !strings.Contains(text, "行动落实率") {
		t.Errorf("history's table:\n%s", text)
	}
	// forget by the old name follows the alias; nothing is left behind.
	if _, stderr, code := runCLI(t, "history", "forget", "华东区", "2025Q4", "--history", hist, "--config", cfg); code != 0 {
		t.Fatalf("forget: exit %d\n%s", code, stderr)
	}
	if n := len(historyJSON(t, root, "--team", "华东大区", "--config", cfg)); n != 1 {
		t.Errorf("after forget, %d reviews of 华东大区, want 1", n)
	}
	// One team by name; a name the history does not hold lists the like ones.
	out, stderr, code = runCLI(t, "history", "rename", "华东销售部", "华东总部", "--history", hist)
	if code != 0 || !strings.Contains(out, "华东销售部 → 华东总部：移入 1 份复盘") || !strings.Contains(out, "改名前的备份") {
		t.Errorf("rename 华东销售部 华东总部: exit %d\n%s%s", code, out, stderr)
	}
	_, stderr, code = runCLI(t, "history", "rename", "华东", "华东区", "--history", hist)
	if code != exitBadUsage || !strings.Contains(stderr, "华东总部") {
		t.Errorf("rename of a team not held: exit %d\n%s", code, stderr)
	}
}
