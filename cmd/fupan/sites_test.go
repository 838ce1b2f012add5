package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/pgtest"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// Two sites, each a fupan run process on its own input folder, record into
// one PostgreSQL at once; then history, lessons and next read both sites'
// reviews.
func TestTwoSitesOneHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	db := pgtest.Database(t)
	root := t.TempDir()
	bin := filepath.Join(root, "fupan")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	lessons := map[string]string{"上海": "教训:上海线索跟进不及时,需每日清理线索池", "北京": "教训:北京渠道铺货太慢,应提前备货"}
	teams := map[string]string{"上海": "华东销售部", "北京": "华北销售部"}
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for _, site := range []string{"上海", "北京"} {
		r := samples.SeedSimplified()
		r.Outcome.Rows[1][5] = lessons[site]
		b := samples.Covered(samples.PerSheet(r), "封面", [][]string{{"团队", teams[site]}})
		for i := range 3 {
			// Many workbooks a site: the two runs overlap.
			writeBook(t, filepath.Join(root, site, "in", teams[site]+"_2025Q"+string(rune('1'+i))+".xlsx"), b)
		}
		cfg := filepath.Join(root, site, "fupan.yaml")
		if err := os.WriteFile(cfg, []byte("site: "+site+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--log-format", "json", "run", filepath.Join(root, site, "in"), "-o", filepath.Join(root, site, "out"),
			"--history", db, "--config", cfg, "--as-of", "2025-10-08")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		cmds, outs = append(cmds, cmd), append(outs, &stderr)
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("site %d: %v\n%s", i, err, outs[i])
		}
	}

	stdout := listing(t, db)
	var list []struct{ Team, Period, Site string }
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatal(err)
	}
	bySite := map[string]int{}
	for _, e := range list {
		bySite[e.Site]++
		if teams[e.Site] != e.Team {
			t.Errorf("%s %s recorded at %q", e.Team, e.Period, e.Site)
		}
	}
	if len(list) != 6 || bySite["上海"] != 3 || bySite["北京"] != 3 {
		t.Fatalf("the history holds %+v", list)
	}
	table, stderr, code := runCLI(t, "history", "--history", db)
	if code != 0 || !strings.Contains(table, "上海") || !strings.Contains(table, "北京") {
		t.Errorf("history: exit %d, the sites not shown\n%s%s", code, table, stderr)
	}

	out, stderr, code := runCLI(t, "lessons", "--history", db, "--search", "线索", "--json")
	if code != 0 || !strings.Contains(out, "上海线索") {
		t.Fatalf("lessons: exit %d\n%s%s", code, out, stderr)
	}
	out, _, _ = runCLI(t, "lessons", "--history", db, "--json")
	if !strings.Contains(out, "上海线索") || !strings.Contains(out, "北京渠道") {
		t.Errorf("lessons of both sites:\n%s", out)
	}

	// 上海's next workbook shows 北京's lessons on the same metrics.
	next := filepath.Join(root, "next")
	if _, stderr, code := runCLI(t, "next", filepath.Join(root, "上海", "out"), "-o", next, "--history", db); code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(next, "华东销售部_2025Q4.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	var text strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			text.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	if !strings.Contains(text.String(), "北京渠道铺货太慢") {
		t.Errorf("上海's next workbook lacks 北京's lesson:\n%s", text.String())
	}
}
