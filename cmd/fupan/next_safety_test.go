package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fupan-review/fupan/batch"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// writeTeamBook writes the Simplified seed for team (on a cover sheet)
// into root/in/dir/file, its first action renamed, modified at mtime.
func writeTeamBook(t *testing.T, root, dir, file, team, action string, mtime time.Time) {
	t.Helper()
	r := samples.SeedSimplified()
	if action != "" {
		r.Acts.Rows[0][0] = action
	}
	path := filepath.Join(root, "in", dir, file)
	writeBook(t, path, samples.Covered(samples.PerSheet(r), "封面", [][]string{{"团队", team}}))
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

// sheetText is every cell of a workbook's sheets, joined.
func sheetText(t *testing.T, path string) string {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	var b strings.Builder
	for _, s := range x.GetSheetList() {
		rows, _ := x.GetRows(s)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "|") + "\n")
		}
	}
	return b.String()
}

// next never overwrites a file in its folder: the team's filled workbook,
// already dropped into the shared folder under the name next would give,
// is kept and named in the refusal (exit 1); the other teams' are written.
// The same next again, giving the same bytes, is no refusal; --force
// replaces.
func TestNextNeverOverwrites(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	share := filepath.Join(root, "share")
	filled := filepath.Join(share, "华东销售部_2025Q4.xlsx")
	if err := os.MkdirAll(share, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo(t, "../../samples/华东销售部_2025Q3.xlsx", filled)
	before, err := os.ReadFile(filled)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "next", out, "-o", share)
	if code != 1 || !strings.Contains(stderr, filled) || !strings.Contains(stderr, "--force") {
		t.Errorf("next onto a filled workbook: exit %d, want 1 naming %s and --force\n%s", code, filled, stderr)
	}
	if after, _ := os.ReadFile(filled); !bytes.Equal(before, after) {
		t.Fatal("the team's filled workbook was overwritten")
	}
	if strings.Contains(stdout, filled) {
		t.Errorf("next prints the file it did not write:\n%s", stdout)
	}
	other := filepath.Join(share, "East-China-Sales_2025Q4.xlsx")
	written, err := os.ReadFile(other)
	if err != nil || !strings.Contains(stdout, other) {
		t.Fatalf("the other teams' next workbooks are not written (%v):\n%s", err, stdout)
	}
	if tmp, _ := filepath.Glob(filepath.Join(share, ".*")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// Again: the files next wrote are the same, so not refused; the
	// team's still is.
	_, stderr, code = runCLI(t, "next", out, "-o", share)
	if code != 1 || strings.Contains(stderr, other) {
		t.Errorf("next again: exit %d, want 1 for the filled workbook alone\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(other); !bytes.Equal(written, again) {
		t.Error("next again changed a workbook it wrote")
	}

	// --force replaces.
	if _, stderr, code := runCLI(t, "next", out, "-o", share, "--force"); code != 0 {
		t.Fatalf("next --force: exit %d\n%s", code, stderr)
	}
	if after, _ := os.ReadFile(filled); bytes.Equal(before, after) || !strings.Contains(sheetText(t, filled), "2025Q4") {
		t.Error("next --force did not replace the file with the next workbook")
	}
}

// Two workbooks of one team and period in a run: next writes one next
// workbook, from the review the history keeps (the one modified later,
// whichever name sorts first), with that review's actions; without a
// history, the one modified later too.
func TestNextOneWorkbookPerTeamAndPeriod(t *testing.T) {
	for _, tc := range []struct{ later, flag string }{{"a", ""}, {"b", ""}, {"a", "--no-history"}, {"b", "--no-history"}} {
		later := tc.later
		t.Run(later+tc.flag, func(t *testing.T) {
			root := t.TempDir()
			now := time.Now()
			at := map[bool]time.Time{true: now, false: now.Add(-time.Hour)}
			writeTeamBook(t, root, "2025Q3", "甲_2025Q3.xlsx", "华东大区", "甲版行动", at[later == "a"])
			writeTeamBook(t, root, "2025Q3", "乙_2025Q3.xlsx", "华東大區", "乙版行动", at[later == "b"])
			if tc.flag != "" {
				runQuarter(t, root, "2025Q3", tc.flag)
			} else {
				runQuarter(t, root, "2025Q3")
			}
			next := filepath.Join(root, "next")
			stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next)
			if code != 0 {
				t.Fatalf("next: exit %d\n%s", code, stderr)
			}
			files, _ := os.ReadDir(next)
			if len(files) != 1 || strings.Count(stdout, "\n") != 1 {
				t.Fatalf("next wrote %d files, printed\n%s", len(files), stdout)
			}
			text := sheetText(t, filepath.Join(next, files[0].Name()))
			want, not := "甲版行动", "乙版行动"
			if later == "b" {
				want, not = not, want
			}
			if !strings.Contains(text, want) || strings.Contains(text, not) {
				t.Errorf("the next workbook carries the superseded review's actions (want %s, not %s)", want, not)
			}
		})
	}
}

// A team cell naming a path (link/华南销售部, ../x, a name Windows reserves)
// gives a file name inside the output folder: nothing is written through a
// link out of it, nor into another folder.
func TestNextNamesStayInside(t *testing.T) {
	root := t.TempDir()
	teams := []string{"link/华南销售部", "../../逃逸", `华北\销售部`, "CON", "aux.销售部", "-rf", strings.Repeat("很长的团队名", 40)}
	for i, team := range teams {
		writeTeamBook(t, root, "2025Q3", string(rune('a'+i))+"_2025Q3.xlsx", team, "", time.Now())
	}
	runQuarter(t, root, "2025Q3")
	share, elsewhere := filepath.Join(root, "share"), filepath.Join(root, "elsewhere")
	for _, dir := range []string{share, elsewhere} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(elsewhere, filepath.Join(share, "link")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", share)
	if code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadDir(elsewhere); len(got) != 0 {
		t.Errorf("next wrote through the link into elsewhere: %v", got)
	}
	var names []string
	_ = filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && strings.HasSuffix(p, "_2025Q4.xlsx") {
			names = append(names, p)
		}
		return nil
	})
	if len(names) != len(teams) {
		t.Errorf("next wrote %d workbooks for %d teams: %v\n%s", len(names), len(teams), names, stdout)
	}
	for _, p := range names {
		base := filepath.Base(p)
		if filepath.Dir(p) != share || len(base) > 255 || strings.HasPrefix(base, "-") || strings.HasPrefix(base, ".") ||
			strings.HasPrefix(strings.ToUpper(base), "CON.") || strings.HasPrefix(strings.ToUpper(base), "AUX.") {
			t.Errorf("unsafe next workbook %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(share, "link_华南销售部_2025Q4.xlsx")); err != nil {
		t.Errorf("link/华南销售部's workbook: %v", err)
	}
	// A link in DIR under the very name next writes, to a file elsewhere:
	// kept without --force, replaced itself (not its target) with it.
	target := filepath.Join(elsewhere, "victim.xlsx")
	if err := os.WriteFile(target, []byte("victim"), 0o644); err != nil {
		t.Fatal(err)
	}
	trap := filepath.Join(share, "link_华南销售部_2025Q4.xlsx")
	if err := os.Remove(trap); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, trap); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{}, {"--force"}} {
		runCLI(t, append([]string{"next", filepath.Join(root, "out", "2025Q3"), "-o", share}, args...)...)
		if b, _ := os.ReadFile(target); string(b) != "victim" {
			t.Fatalf("next %v wrote through the link %s", args, trap)
		}
	}
	if fi, err := os.Lstat(trap); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("next --force did not replace the link itself: %v", err)
	}
}

// Two teams whose names give one file name (华北/销售部, 华北_销售部): the
// second is refused, naming the first, also with --force; never written
// twice.
func TestNextSameNameTwice(t *testing.T) {
	root := t.TempDir()
	writeTeamBook(t, root, "2025Q3", "a_2025Q3.xlsx", "华北/销售部", "甲版行动", time.Now())
	writeTeamBook(t, root, "2025Q3", "b_2025Q3.xlsx", "华北_销售部", "乙版行动", time.Now())
	runQuarter(t, root, "2025Q3")
	next := filepath.Join(root, "next")
	_, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q3"), "-o", next, "--force")
	if code != 1 || !strings.Contains(stderr, "a_2025Q3.reviewed.xlsx") || !strings.Contains(stderr, "华北_销售部_2025Q4.xlsx") {
		t.Errorf("two teams of one file name: exit %d\n%s", code, stderr)
	}
	if text := sheetText(t, filepath.Join(next, "华北_销售部_2025Q4.xlsx")); !strings.Contains(text, "甲版行动") {
		t.Error("the first team's next workbook was replaced by the second's")
	}
}

func TestNextFileName(t *testing.T) {
	for _, tc := range []struct{ team, period, want string }{
		{"华东销售部", "2025Q4", "华东销售部_2025Q4.xlsx"},
		{"link/华南销售部", "2025Q4", "link_华南销售部_2025Q4.xlsx"},
		{"../../etc", "2025Q4", "_.._.._etc_2025Q4.xlsx"},
		{`a\b:c*d?"e<f>g|h`, "2025Q4", "a_b_c_d__e_f_g_h_2025Q4.xlsx"},
		{"华南\x1b]0;pwned\x07销售部\x00\u202exslx.exe", "2025Q4", "华南]0;pwned销售部xslx.exe_2025Q4.xlsx"},
		{"华东\u200b大区\ufeff", "2025Q4", "华东大区_2025Q4.xlsx"},
		{"CON", "2025Q4", "CON_2025Q4.xlsx"}, // not CON before its first dot
		{"con.销售", "2025Q4", "_con.销售_2025Q4.xlsx"},
		{"COM¹.a", "2025Q4", "_COM¹.a_2025Q4.xlsx"},
		{"lpt1.x", "2025Q4", "_lpt1.x_2025Q4.xlsx"},
		{"-rf", "2025Q4", "_-rf_2025Q4.xlsx"},
		{".hidden", "2025Q4", "_.hidden_2025Q4.xlsx"},
		{" \u202e ", "2025Q4", "__2025Q4.xlsx"},
		{"华东", "2025/10", "华东_2025_10.xlsx"},
	} {
		if got := batch.NextFileName(tc.team, tc.period); got != tc.want {
			t.Errorf("batch.NextFileName(%q, %q) = %q, want %q", tc.team, tc.period, got, tc.want)
		}
	}
	long := batch.NextFileName(strings.Repeat("很长的团队名", 100), "2025年第四季度")
	if len(long) > 255 || !strings.HasSuffix(long, "_2025年第四季度.xlsx") || !utf8.ValidString(long) {
		t.Errorf("a long name gives %d bytes: %q", len(long), long)
	}
}
