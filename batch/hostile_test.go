package batch_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/batch"
	"github.com/xuri/excelize/v2"
)

// The zip bomb and friends go through the real command: the run goes on, the
// bomb fails with its reason, and the process's peak memory stays small.
func TestHostileFolderThroughTheCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	bin := buildFupan(t)
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../xlsx/testdata/zip-bomb.xlsx", filepath.Join(in, "炸弹_2025Q3.xlsx"))
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	b, _ := os.ReadFile("../samples/华东销售部_2025Q3.xlsx")
	for name, data := range map[string][]byte{"截断_2025Q3.xlsx": b[:len(b)/3], "空文件.xlsx": nil} {
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, "--log-format", "json", "run", in, "-o", out)
	logs, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("run: %v; want exit 1\n%s", err, logs)
	}
	rss := peakKiB(cmd.ProcessState) // KiB on Linux
	t.Logf("peak memory %d MiB", rss>>10)
	if rss > 200<<10 {
		t.Errorf("peak memory %d MiB; want under 200", rss>>10)
	}
	s := readSummary(t, out)
	want := map[string]string{"炸弹_2025Q3.xlsx": "超过大小上限", "截断_2025Q3.xlsx": "损坏", "空文件.xlsx": "空的", "华东销售部_2025Q3.xlsx": ""}
	for _, e := range s.Entries {
		why, ok := want[e.File]
		if !ok {
			t.Errorf("unexpected entry %s", e.File)
			continue
		}
		if why == "" && e.Status != batch.StatusOK || why != "" && (e.Status != batch.StatusFailed || !strings.Contains(e.Reason, why)) {
			t.Errorf("%s: %s %q; want %q", e.File, e.Status, e.Reason, why)
		}
	}
	if bytes.Contains(logs, []byte("panic")) {
		t.Errorf("a panic in the log:\n%s", logs)
	}
}

// A macro workbook (.xlsm) is read, never run: its reviewed copy stays .xlsm
// with the VBA project byte for byte.
func TestMacroWorkbook(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	f, err := excelize.OpenFile("../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	// An OLE2 header and a macro that would delete files, were anything to run it.
	vba := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte(`Sub Workbook_Open(): Shell "rm -rf ~": End Sub`)...)
	if err := f.AddVBAProject(vba); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(in, "华东销售部_2025Q3.xlsm")); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	run(t, batch.Options{Input: in, Output: out})
	s := readSummary(t, out)
	if len(s.Entries) != 1 || s.Entries[0].Status != batch.StatusOK || s.Entries[0].Outputs.Reviewed != "华东销售部_2025Q3~xlsm.reviewed.xlsm" {
		t.Fatalf("entries %+v", s.Entries)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "华东销售部_2025Q3~xlsm.reviewed.xlsm"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	for _, zf := range zr.File {
		if zf.Name == "xl/vbaProject.bin" {
			rc, _ := zf.Open()
			got, _ := io.ReadAll(rc)
			_ = rc.Close()
			if !bytes.Equal(got, vba) {
				t.Error("the VBA project changed")
			}
			return
		}
	}
	t.Error("the reviewed .xlsm lost its VBA project")
}
