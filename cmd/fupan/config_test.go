package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/smtptest"
	"github.com/fupan-review/fupan/internal/testtool"
)

// teamFolder is an input folder as teams fill it: one sample workbook, and
// whatever the test drops beside it.
func teamFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "华东销售部_2025Q3.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A fupan.yaml dropped into the input folder by a team must not take over the
// mail (its server would receive the login and every report) nor the limits.
func TestConfigInInputFolderIsNeverRead(t *testing.T) {
	attacker := smtptest.Start(t, "", "")
	dir := teamFolder(t)
	evil := "mail:\n  smtp: {host: 127.0.0.1, port: " + strconv.Itoa(attacker.Port) + ", security: none}\n" +
		"  from: x@example.com\n  to: [attacker@example.com]\nworkbooks:\n  max_file_size: 10\n"
	if err := os.WriteFile(filepath.Join(dir, "fupan.yaml"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // a working directory without a config
	out := filepath.Join(t.TempDir(), "out")

	_, stderr, code := runCLI(t, "run", dir, "-o", out, "--mail")
	if code != exitBadUsage || !strings.Contains(stderr, "no mail config") {
		t.Errorf("run --mail with a config only in the input folder: exit %d\n%s", code, stderr)
	}
	if n := len(attacker.Messages()); n != 0 {
		t.Fatalf("the dropped config's server received %d messages", n)
	}
	// Its 10-byte file limit was not applied either: the workbook was reported.
	sum, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil || !strings.Contains(string(sum), `"ok": 1`) {
		t.Errorf("the workbook was not reported (the dropped limits applied?): %v\n%s", err, sum)
	}

	// Named with --config, directly or through a link from outside, it is refused.
	link := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.Symlink(filepath.Join(dir, "fupan.yaml"), link); err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []string{filepath.Join(dir, "fupan.yaml"), link} {
		_, stderr, code = runCLI(t, "run", dir, "-o", out, "--mail", "--config", cfg)
		if code != exitBadUsage || !strings.Contains(stderr, "which the teams write to") {
			t.Errorf("--config %s: exit %d\n%s", cfg, code, stderr)
		}
	}
	// validate reads no config beside the workbook either.
	_, stderr, code = runCLI(t, "validate", "--config", filepath.Join(dir, "fupan.yaml"), filepath.Join(dir, "华东销售部_2025Q3.xlsx"))
	if code != exitBadUsage || !strings.Contains(stderr, "refused") {
		t.Errorf("validate --config inside the workbook's folder: exit %d\n%s", code, stderr)
	}
	if n := len(attacker.Messages()); n != 0 {
		t.Fatalf("the dropped config's server received %d messages", n)
	}
}

// A config file that others may write is refused, saying why; the operator's
// own one in the working directory is used.
func TestConfigPermissions(t *testing.T) {
	dir := teamFolder(t)
	wd := t.TempDir()
	t.Chdir(wd)
	cfg := filepath.Join(wd, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("workbooks:\n  max_file_size: 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "华东销售部_2025Q3.xlsx")
	out, stderr, code := runCLI(t, "validate", book)
	if code != exitFailed || !strings.Contains(out, "file-too-large") {
		t.Errorf("the working directory's config was not used: exit %d\n%s%s", code, out, stderr)
	}
	// The limits of the workbooks: section apply.
	if err := os.WriteFile(cfg, []byte("workbooks:\n  max_cells: 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runCLI(t, "validate", book)
	if code != exitFailed || !strings.Contains(out, "file-too-large") {
		t.Errorf("max_cells: 10 was not applied: exit %d\n%s%s", code, out, stderr)
	}
	for _, mode := range []os.FileMode{0o666, 0o664, 0o646} {
		if err := os.Chmod(cfg, mode); err != nil {
			t.Fatal(err)
		}
		_, stderr, code = runCLI(t, "validate", book)
		if code != exitBadUsage || !strings.Contains(stderr, "others can write it") {
			t.Errorf("mode %04o: exit %d\n%s", mode, code, stderr)
		}
	}
}

// --as-of dates the report and judges the actions due by then: reproducible
// reports. An unreadable date is bad usage.
func TestAsOf(t *testing.T) {
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "report", "--as-of", "2025-09-15", "../../samples/华东销售部_2025Q3.xlsx", "-o", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	testtool.Require(t, "pdftotext")
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "华东销售部_2025Q3.pdf"), "-l", "1")), "")
	for _, want := range []string{"报告日期2025-09-15", "已过完成时间（2025-09-10）", "已过完成时间（2025-08-20）"} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "（2025-09-30）") {
		t.Error("an action due after --as-of is listed as overdue")
	}
	if _, _, code := runCLI(t, "report", "--as-of", "15.9.2025", "../../samples/华东销售部_2025Q3.xlsx", "-o", out); code != exitBadUsage {
		t.Errorf("an unreadable --as-of: exit %d", code)
	}
}
