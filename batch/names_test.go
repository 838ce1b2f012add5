package batch_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/xuri/excelize/v2"
)

// Inputs whose names differ only in case, extension, or in what making them
// safe changes, and an input named like the run's own overview, each get
// outputs of their own: none overwrites another's (it did: the later won, and
// summary.json listed both as ok).
func TestOutputNamesNeverShared(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	inputs := map[string]string{
		"x.xlsx":        "华东销售部_2025Q3.xlsx",
		"x.XLSX":        "華東銷售部_2025Q3.xlsx",
		"x.xlsm":        "East-China-Sales_2025Q3.xlsx",
		"a\nb.xlsx":     "华东销售部-单表_2025Q3.xlsx",
		"a\"b.xlsx":     "华东销售部-日期格式_2025Q3.xlsx",
		"a_b.xlsx":      "華東銷售部_2025Q3.xlsx",
		"overview.xlsx": "East-China-Sales_2025Q3.xlsx",
		"Summary.xlsx":  "华东销售部-单表_2025Q3.xlsx",
	}
	for name, sample := range inputs {
		copyFile(t, filepath.Join("../samples", sample), filepath.Join(in, name))
	}
	sum := run(t, batch.Options{Input: in, Output: out})
	if sum.OK != len(inputs) {
		t.Fatalf("%d ok of %d: %+v", sum.OK, len(inputs), sum.Entries)
	}
	if sum.Overview != "overview.pdf" {
		t.Errorf("overview %q", sum.Overview)
	}
	seen := map[string]string{"overview.pdf": "(the overview)", "summary.json": "(the summary)"}
	for _, e := range sum.Entries {
		for _, p := range []string{e.Outputs.PDF, e.Outputs.Reviewed} {
			if other, ok := seen[p]; ok {
				t.Errorf("%q and %q both write %s", e.File, other, p)
			}
			seen[p] = e.File
		}
		// The reviewed copy is of this input, not of another of the same name.
		if got, want := firstSheet(t, filepath.Join(out, e.Outputs.Reviewed)), firstSheet(t, filepath.Join(in, e.File)); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: its reviewed copy holds another workbook's cells", e.File)
		}
	}
}

func firstSheet(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// Computed columns are filled in the copy: compare the first three columns.
	for i, r := range rows {
		rows[i] = r[:min(3, len(r))]
	}
	return rows
}

// An output name depends on its input's name alone, keeps plain names as they
// are, and fits the file system's 255 bytes with ".reviewed.xlsm" added.
func TestOutputBase(t *testing.T) {
	long := strings.Repeat("销售", 60) + ".xlsx" // 720 bytes
	for _, tc := range []struct {
		in, want string // want "" where the name must be hashed
	}{
		{"华东销售部_2025Q3.xlsx", "华东销售部_2025Q3"},
		{"East China Sales.xlsx", "East China Sales"},
		{"sub/华东_2025Q3.xlsx", "sub/华东_2025Q3"},
		{"华东_2025Q3.xlsm", "华东_2025Q3~xlsm"},
		{"x.XLSX", ""}, {"x~xlsm.xlsx", ""}, {"x.XLSM", ""}, {"a\nb.xlsx", ""}, {"a\"b.xlsx", ""}, {"a~b.xlsx", ""},
		{"overview.xlsx", ""}, {"SUMMARY.xlsx", ""}, {"-rf.xlsx", ""}, {"bad\xffutf8.xlsx", ""},
		{"..\\..\\x.xlsx", ""}, {long, ""}, {"报告\u202exslx.xlsx", ""}, {"a\u2066b\u200f.xlsx", ""},
	} {
		got := batch.OutputBase(tc.in)
		if tc.want != "" && got != tc.want {
			t.Errorf("OutputBase(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.want == "" && !strings.Contains(filepath.Base(got), "~") {
			t.Errorf("OutputBase(%q) = %q, want a hashed name", tc.in, got)
		}
		if n := len(filepath.Base(got) + ".reviewed.xlsm"); n > 255 {
			t.Errorf("OutputBase(%q): %d bytes", tc.in, n)
		}
		if strings.ContainsAny(got, "\n\"\\") || strings.HasPrefix(filepath.Base(got), "-") || strings.IndexFunc(got, fupan.IsControl) >= 0 {
			t.Errorf("OutputBase(%q) = %q: unsafe", tc.in, got)
		}
		if again := batch.OutputBase(tc.in); again != got {
			t.Errorf("OutputBase(%q) not stable: %q then %q", tc.in, got, again)
		}
	}
	// Two names that make the same safe name stay apart.
	seen := map[string]string{}
	for _, n := range []string{"a\nb.xlsx", "a\"b.xlsx", "a_b.xlsx", "a?b.xlsx", "a\rb.xlsx", "x.xlsx", "x.XLSX", "x.xlsm", "x.Xlsx", "x~xlsm.xlsx", "x_xlsm.xlsx"} {
		b := batch.OutputBase(n)
		if other, ok := seen[b]; ok {
			t.Errorf("%q and %q share %q", n, other, b)
		}
		seen[b] = n
	}
}

// A final name of 255 bytes, the most a file system allows, is written: the
// temporary name no longer carries it (it failed with the prefix added).
func TestTemporaryNameWithinLimit(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, strings.Repeat("华", 83)+"x.pdf") // 255 bytes
	err := batch.WriteAtomic(name, func(f *os.File) error {
		_, err := f.WriteString("%PDF")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(name); err != nil || string(b) != "%PDF" {
		t.Errorf("%q %v", b, err)
	}
}

// A workbook with a long name gets its outputs, within the limit.
func TestLongNameWithinLimit(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	name := strings.Repeat("华", 76) + "_2025Q3.xlsx" // 247 bytes: the input fits
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, name))
	sum := run(t, batch.Options{Input: in, Output: out})
	if sum.OK != 1 {
		t.Fatalf("%+v", sum.Entries)
	}
	for _, p := range []string{sum.Entries[0].Outputs.PDF, sum.Entries[0].Outputs.Reviewed} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Error(err)
		}
	}
}

// A file name that is not valid UTF-8 is recorded so that a re-run knows it
// (JSON would have turned its bytes into U+FFFD and lost it every time).
func TestInvalidUTF8NameSkippedOnRerun(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	name := "\xb6\xab\xc7\xf8_2025Q3.xlsx" // 东区 in GBK, as a Windows share may hand it over
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, name))
	if first := run(t, batch.Options{Input: in, Output: out}); first.OK != 1 || first.Processed != 1 {
		t.Fatalf("first run: %+v", first)
	}
	second := run(t, batch.Options{Input: in, Output: out})
	if second.Skipped != 1 || second.Processed != 0 {
		t.Errorf("second run processed it again: %+v", second)
	}
}

// Two inputs whose names differ only in case would write one file on a disk
// that ignores case (an SMB share): the second is refused, saying why, and
// the first keeps its outputs.
func TestNamesDifferingOnlyInCase(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/East-China-Sales_2025Q3.xlsx", filepath.Join(in, "Sales_2025Q3.xlsx"))
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "sales_2025Q3.xlsx"))
	sum := run(t, batch.Options{Input: in, Output: out})
	if sum.OK != 1 || sum.Failed != 1 {
		t.Fatalf("ok %d failed %d: %+v", sum.OK, sum.Failed, sum.Entries)
	}
	for _, e := range sum.Entries {
		if e.File == "sales_2025Q3.xlsx" && !strings.Contains(e.Reason, "Sales_2025Q3.xlsx") {
			t.Errorf("the refusal does not name the other file: %q", e.Reason)
		}
	}
}
