package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/smtptest"
	"github.com/xuri/excelize/v2"
)

// A team whose name is 10,000 characters (written in its workbook's 团队
// cell): per-team mail goes, written or sent, its files named short and
// safe rather than failing "file name too long".
func TestMailPerTeamLongName(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	x, err := excelize.OpenFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("信息"); err != nil {
		t.Fatal(err)
	}
	team := "华南" + strings.Repeat("销售", 4999)
	if err := x.SetCellValue("信息", "A1", "团队"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellValue("信息", "B1", team); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(filepath.Join(in, "华南销售部_2025Q3.xlsx")); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", in, "-o", out); code != 0 {
		t.Fatalf("run: exit %d\n%.2000s", code, stderr)
	}
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	cfg := writeConfig(t, srv.Port, srv.CAFile, "  mode: per-team\n")
	if _, stderr, code := runCLI(t, "mail", out, "--config", cfg, "--dry-run"); code != 0 {
		t.Fatalf("mail --dry-run: exit %d\n%.2000s", code, stderr)
	}
	emls, _ := filepath.Glob(filepath.Join(out, "mail", "*.eml"))
	if len(emls) != 1 {
		t.Fatalf("dry run wrote %v", emls)
	}
	if n := len(filepath.Base(emls[0])); n > 255 {
		t.Errorf("the .eml's name is %d bytes", n)
	}
	b, _ := os.ReadFile(emls[0])
	if !strings.Contains(parseMail(t, b).body, team) {
		t.Error("the dry run's mail does not name its team in full")
	}
	if _, stderr, code := runCLI(t, "mail", out, "--config", cfg); code != 0 {
		t.Fatalf("mail: exit %d\n%.2000s", code, stderr)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("%d messages sent, want 1", n)
	}
}
