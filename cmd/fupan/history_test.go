package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// period is one team's workbook for one period: the seed with other actuals
// (the stated achievement left blank, so fupan computes it).
type period struct {
	dir, file string
	trad      bool
	team      string // written on a cover sheet, where not "" (else the file name says)
	actuals   [3]string
}

func writePeriod(t *testing.T, root string, p period) {
	t.Helper()
	r := samples.SeedSimplified()
	if p.trad {
		r = samples.SeedTraditional()
	}
	for i, a := range p.actuals {
		r.Outcome.Rows[i][2], r.Outcome.Rows[i][3] = a, ""
	}
	b := samples.PerSheet(r)
	if p.team != "" {
		b = samples.Covered(b, "封面", [][]string{{"團隊", p.team}})
	}
	writeBook(t, filepath.Join(root, "in", p.dir, p.file), b)
}

// historyFixture writes three quarters of two teams: 华东销售部 in
// Simplified from 2025Q1, 華南銷售部 in Traditional from 2025Q2 (its Q3
// cover writing the name with a space), and runs each quarter as the monthly
// layout does (-o out/<period>), so they share out/fupan-history.sqlite.
func historyFixture(t *testing.T) (root string) {
	root = t.TempDir()
	for _, p := range []period{
		{dir: "2025Q1", file: "华东销售部_2025Q1.xlsx", actuals: [3]string{"960万", "400家", "15%"}},
		{dir: "2025Q2", file: "华东销售部_2025Q2.xlsx", actuals: [3]string{"1020万", "450家", "16.5%"}},
		{dir: "2025Q2", file: "華南銷售部_2025Q2.xlsx", trad: true, actuals: [3]string{"1080萬", "420家", "18%"}},
		{dir: "2025Q3", file: "华东销售部_2025Q3.xlsx", actuals: [3]string{"1200万", "520家", "14%"}},
		{dir: "2025Q3", file: "華南銷售部_2025Q3.xlsx", trad: true, team: "華南 銷售部", actuals: [3]string{"1140萬", "480家", "19.5%"}},
	} {
		writePeriod(t, root, p)
	}
	for _, q := range []string{"2025Q1", "2025Q2", "2025Q3"} {
		runQuarter(t, root, q)
	}
	return root
}

func runQuarter(t *testing.T, root, q string, extra ...string) {
	t.Helper()
	args := append([]string{"run", filepath.Join(root, "in", q), "-o", filepath.Join(root, "out", q), "--as-of", "2025-10-08"}, extra...)
	if _, stderr, code := runCLI(t, args...); code != 0 {
		t.Fatalf("run %s: exit %d\n%s", q, code, stderr)
	}
}

type listed struct {
	Team, Period, Start, End, File, SHA256 string
	Summary                                map[string]any
}

func historyJSON(t *testing.T, root string, args ...string) []listed {
	t.Helper()
	out, stderr, code := runCLI(t, append([]string{"history", "--json", "--history", filepath.Join(root, "out", "fupan-history.sqlite")}, args...)...)
	if code != 0 {
		t.Fatalf("history: exit %d\n%s", code, stderr)
	}
	var list []listed
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("history --json: %v\n%s", err, out)
	}
	return list
}

func TestHistoryAcrossPeriods(t *testing.T) {
	root := historyFixture(t)
	want := []string{
		"华东销售部 2025Q1 2025-01-01 2025-03-31 华东销售部_2025Q1.xlsx",
		"华东销售部 2025Q2 2025-04-01 2025-06-30 华东销售部_2025Q2.xlsx",
		"华东销售部 2025Q3 2025-07-01 2025-09-30 华东销售部_2025Q3.xlsx",
		"華南銷售部 2025Q2 2025-04-01 2025-06-30 華南銷售部_2025Q2.xlsx",
		"華南 銷售部 2025Q3 2025-07-01 2025-09-30 華南銷售部_2025Q3.xlsx",
	}
	check := func(when string) {
		t.Helper()
		list := historyJSON(t, root)
		var got []string
		for _, e := range list {
			got = append(got, strings.Join([]string{e.Team, e.Period, e.Start, e.End, e.File}, " "))
			if len(e.SHA256) != 64 || e.Summary["metrics"] != 3.0 {
				t.Errorf("%s: %s %s: sha256 %q, summary %v", when, e.Team, e.Period, e.SHA256, e.Summary)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("%s: history lists\n%s\nwant\n%s", when, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	check("after three quarters")
	// The middle period again, forced: replaced, not added.
	runQuarter(t, root, "2025Q2", "--force")
	check("after a forced re-run of 2025Q2")
	// A backup, and a review forgotten in it (the name in the other script).
	hist, backup := filepath.Join(root, "out", "fupan-history.sqlite"), filepath.Join(root, "backup.sqlite")
	if _, stderr, code := runCLI(t, "history", "backup", backup, "--history", hist); code != 0 {
		t.Fatalf("history backup: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "history", "forget", "华南销售部", "2025Q2", "--history", backup); code != 0 {
		t.Fatalf("history forget: exit %d\n%s", code, stderr)
	}
	if out, _, _ := runCLI(t, "history", "--history", backup); strings.Count(out, ".xlsx\n") != 4 || !strings.Contains(out, "華南 銷售部") {
		t.Errorf("the backup after forgetting one review lists:\n%s", out)
	}
	// --team folds script and spaces.
	if list := historyJSON(t, root, "--team", "华南销售部"); len(list) != 2 {
		t.Errorf("history --team 华南销售部 lists %d reviews, want 2", len(list))
	}

	// previous and trends, to the number.
	type point struct {
		Period      string
		Achievement *float64
		Status      string
	}
	type inspected struct {
		Previous *struct {
			Period, File string
			Summary      map[string]any
		}
		Trends []struct {
			Metric string
			Points []point
		}
	}
	inspect := func(q, file string) inspected {
		t.Helper()
		out, stderr, code := runCLI(t, "inspect", "--json", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), filepath.Join(root, "in", q, file))
		if code != 0 {
			t.Fatalf("inspect %s: exit %d\n%s", file, code, stderr)
		}
		var v inspected
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, `"previous":`) || !strings.Contains(out, `"trends":`) {
			t.Fatalf("inspect --json with a history lacks previous or trends")
		}
		return v
	}
	east := inspect("2025Q3", "华东销售部_2025Q3.xlsx")
	if east.Previous == nil || east.Previous.Period != "2025Q2" || east.Previous.File != "华东销售部_2025Q2.xlsx" ||
		east.Previous.Summary["metrics_achieved"] != 1.0 {
		t.Fatalf("previous of 华东销售部 2025Q3: %+v", east.Previous)
	}
	wantTrends := map[string][]float64{
		"华东销售额":   {0.8, 0.85, 1},
		"新客户获取量":  {0.8, 0.9, 1.04},
		"重点客户复购率": {1, 1.1, 14.0 / 15},
	}
	if len(east.Trends) != 3 {
		t.Fatalf("trends of 华东销售部: %+v", east.Trends)
	}
	for _, tr := range east.Trends {
		w := wantTrends[tr.Metric]
		if len(tr.Points) != len(w) {
			t.Errorf("%s: %d points, want %d", tr.Metric, len(tr.Points), len(w))
			continue
		}
		for i, p := range tr.Points {
			if want := []string{"2025Q1", "2025Q2", "2025Q3"}[i]; p.Period != want || p.Achievement == nil || math.Abs(*p.Achievement-w[i]) > 1e-9 {
				t.Errorf("%s point %d: %+v, want %s %v", tr.Metric, i, p, want, w[i])
			}
		}
	}
	south := inspect("2025Q3", "華南銷售部_2025Q3.xlsx")
	if south.Previous == nil || south.Previous.Period != "2025Q2" || len(south.Trends) != 3 || len(south.Trends[0].Points) != 2 ||
		*south.Trends[0].Points[0].Achievement != 0.9 || *south.Trends[0].Points[1].Achievement != 0.95 {
		t.Fatalf("華南銷售部 2025Q3: previous %+v, trends %+v", south.Previous, south.Trends)
	}
	// validate with the history says the same in a line.
	out, _, _ := runCLI(t, "validate", filepath.Join(root, "in", "2025Q3", "华东销售部_2025Q3.xlsx"), "--history", filepath.Join(root, "out", "fupan-history.sqlite"))
	if !strings.Contains(out, "与上期 2025Q2 相比：指标达成 2 / 3 ▲ 上期 1 / 3，平均达成率（单项封顶100%） 97.8% ▲ 上期 91.7%") {
		t.Errorf("validate --history does not compare with 2025Q2:\n%s", out)
	}
	first := inspect("2025Q2", "華南銷售部_2025Q2.xlsx")
	if first.Previous != nil || first.Trends == nil || len(first.Trends) != 0 {
		t.Fatalf("a team's first period: previous %+v, trends %+v (want null and [])", first.Previous, first.Trends)
	}

	// The PDFs: page 1 against the last period, the trend chart; nothing of
	// it for a first period.
	testtool.Require(t, "pdftotext")
	flat := func(path string) string {
		return strings.Join(strings.Fields(testtool.Text(t, path)), "")
	}
	eastPDF := filepath.Join(root, "out", "2025Q3", "华东销售部_2025Q3.pdf")
	text := flat(eastPDF)
	for _, want := range []string{"关键数据（与上期2025Q2相比）", "上期1/3", "上期91.7%", "指标达成率趋势（近3期）", "华东销售额", "25Q1"} {
		if !strings.Contains(text, want) {
			t.Errorf("华东销售部 2025Q3's PDF lacks %q", want)
		}
	}
	southFirst := flat(filepath.Join(root, "out", "2025Q2", "華南銷售部_2025Q2.pdf"))
	for _, unwanted := range []string{"上期", "趨勢"} {
		if strings.Contains(southFirst, unwanted) {
			t.Errorf("a first period's PDF shows %q", unwanted)
		}
	}
	if !strings.Contains(flat(filepath.Join(root, "out", "2025Q3", "華南銷售部_2025Q3.pdf")), "指標達成率趨勢（近2期）") {
		t.Error("華南銷售部 2025Q3's PDF lacks its trend chart")
	}
	// The overview: each team against its previous period.
	overview := flat(filepath.Join(root, "out", "2025Q3", "overview.pdf"))
	for _, want := range []string{"较上期", "▲上期1/3·91.7%", "▲上期1/3·91.3%"} {
		if !strings.Contains(overview, want) {
			t.Errorf("the 2025Q3 overview lacks %q", want)
		}
	}
	if q1 := flat(filepath.Join(root, "out", "2025Q1", "overview.pdf")); strings.Contains(q1, "较上期") {
		t.Error("the first quarter's overview has a change column, with no previous period to compare")
	}
	renderPage(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"), 1)
	// Rendered (FUPAN_KEEP_RENDERS=DIR keeps the images for a look): pages
	// 1 and 2, where the trend chart falls, are drawn.
	renderPage(t, eastPDF, 1)
	renderPage(t, eastPDF, 2)
}

// renderPage draws one page of a PDF as PNG with pdftoppm and returns its
// path; it fails the test where the page is blank.
func renderPage(t *testing.T, pdf string, page int) string {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "page")
	testtool.Run(t, "pdftoppm", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-r", "90", "-png", "-singlefile", pdf, prefix)
	path := prefix + ".png"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	inked, all := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0xF000 {
				inked++
			}
			all++
		}
	}
	if inked*50 < all {
		t.Fatalf("page %d of %s is nearly blank (%d of %d pixels inked)", page, pdf, inked, all)
	}
	if dir := os.Getenv("FUPAN_KEEP_RENDERS"); dir != "" {
		data, _ := os.ReadFile(path)
		_ = os.WriteFile(filepath.Join(dir, filepath.Base(pdf)+"-"+strconv.Itoa(page)+".png"), data, 0o644)
	}
	return path
}

// A history that cannot be used is a clear error naming the file; the run's
// reports are still written, summary.json says the history was not updated.
func TestUnusableHistory(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "damaged.sqlite")
	if err := os.WriteFile(damaged, []byte(strings.Repeat("PK not a database\n", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.sqlite")
	if _, stderr, code := runCLI(t, "report", "../../samples/华东销售部_2025Q3.xlsx", "-o", filepath.Join(dir, "r"), "--history", newer); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	setUserVersion(t, newer, 99)
	for _, tc := range []struct{ path, want string }{
		{damaged, "damaged or not a fupan history"},
		{newer, "written by a newer fupan"},
	} {
		out := filepath.Join(dir, "out-"+filepath.Base(tc.path))
		_, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--history", tc.path)
		if code != 1 || !strings.Contains(stderr, tc.path) || !strings.Contains(stderr, tc.want) {
			t.Errorf("run with %s: exit %d, want 1 naming the file and %q:\n%s", filepath.Base(tc.path), code, tc.want, stderr)
		}
		var sum struct {
			OK      int
			History *struct {
				Path    string
				Updated bool
				Error   string
			}
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.json"))
		if err == nil {
			err = json.Unmarshal(b, &sum)
		}
		if err != nil || sum.OK != 5 || sum.History == nil || sum.History.Updated || sum.History.Path != tc.path || !strings.Contains(sum.History.Error, tc.want) {
			t.Errorf("%s: summary.json ok %d, history %+v (%v)", filepath.Base(tc.path), sum.OK, sum.History, err)
		}
		if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err != nil {
			t.Errorf("%s: the report was not written: %v", filepath.Base(tc.path), err)
		}
		// report and inspect say the same.
		if _, stderr, code := runCLI(t, "inspect", "--json", "--history", tc.path, "../../samples/华东销售部_2025Q3.xlsx"); code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("inspect with %s: exit %d\n%s", filepath.Base(tc.path), code, stderr)
		}
	}
	// The history commands need a history.
	if _, _, code := runCLI(t, "history"); code != 2 {
		t.Errorf("history without one: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, "history", "forget", "华东销售部", "2025Q3", "--history", filepath.Join(dir, "r", "missing.sqlite")); code != 2 {
		t.Errorf("forget in a missing history: exit %d, want 2", code)
	}
}

// The default history, fupan-history.sqlite beside OUT, where it cannot be
// created (here a dangling link, which even root cannot follow): a warning,
// and the run goes on without it.
func TestDefaultHistoryNotCreatable(t *testing.T) {
	root := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "gone", "x.sqlite"), filepath.Join(root, "fupan-history.sqlite")); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(root, "out"), "--json")
	if code != 0 || !strings.Contains(stderr, "cannot be created") {
		t.Fatalf("exit %d, want 0 with a warning:\n%s", code, stderr)
	}
	if strings.Contains(out, `"history"`) {
		t.Errorf("summary names a history the run did not have:\n%s", out)
	}
}

// setUserVersion marks a history as written by another schema version.
func setUserVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		t.Fatal(err)
	}
}

// A history inside the folder the teams write to could be planted by any
// team: refused (exit 2), whether named by --history or beside the file.
func TestHistoryInTeamFolder(t *testing.T) {
	in := t.TempDir()
	data, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "华东销售部_2025Q3.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	planted := filepath.Join(in, "sub", "planted.sqlite")
	for _, args := range [][]string{
		{"run", in, "-o", filepath.Join(t.TempDir(), "out"), "--history", planted},
		{"report", filepath.Join(in, "华东销售部_2025Q3.xlsx"), "-o", t.TempDir(), "--history", planted},
		{"inspect", filepath.Join(in, "华东销售部_2025Q3.xlsx"), "--history", planted},
	} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, "which the teams write to") {
			t.Errorf("%s with a history in the team folder: exit %d\n%s", args[0], code, stderr)
		}
	}
	if _, err := os.Stat(planted); err == nil {
		t.Error("a history was made inside the team folder")
	}
}
