package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/hostile"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// A sheet that unzips to 2 GiB is refused from the sizes the zip declares,
// before anything is unpacked.
func TestZipBomb(t *testing.T) {
	_, err := xlsx.ReadFile(context.Background(), "testdata/zip-bomb.xlsx")
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Fatalf("zip bomb: %v; want file-too-large", err)
	}
	f := fe.Finding(fupan.Simplified)
	if !strings.Contains(f.Message(), "超过大小上限") {
		t.Errorf("message %q", f.Message())
	}
	// The limit is the reader's to set: a smaller one refuses the seed.
	_, err = xlsx.NewReader(xlsx.Options{MaxUnzipSize: 4096}).Read(context.Background(), "../samples/华东销售部_2025Q3.xlsx")
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Errorf("a 4 KB unzip limit: %v", err)
	}
	_, err = xlsx.NewReader(xlsx.Options{MaxFileSize: 1000}).Read(context.Background(), "../samples/华东销售部_2025Q3.xlsx")
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Errorf("a 1000-byte file limit: %v", err)
	}
}

// A password-protected workbook: a clear message without the password, the
// figures with it.
func TestPasswordProtected(t *testing.T) {
	src, err := excelize.OpenFile("../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := src.SaveAs(path, excelize.Options{Password: "复盘2025"}); err != nil {
		t.Fatal(err)
	}
	_ = src.Close()
	for _, pw := range []string{"", "wrong"} {
		_, err = xlsx.NewReader(xlsx.Options{Password: pw}).Read(context.Background(), path)
		var fe *xlsx.FileError
		if !errors.As(err, &fe) || fe.Code != fupan.CodeFileEncrypted {
			t.Fatalf("password %q: %v; want file-encrypted", pw, err)
		}
		if msg := fe.Finding(fupan.Simplified).Message(); !strings.Contains(msg, "密码") {
			t.Errorf("password %q: message %q", pw, msg)
		}
	}
	wb, err := xlsx.NewReader(xlsx.Options{Password: "复盘2025"}).Read(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	checkSeed(t, fupan.Analyze(wb, fupan.Options{}), fupan.Simplified)
}

// A sheet with 100,000 rows is read and checked; it is slow, not broken.
func TestHundredThousandRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 100,000-row sheet")
	}
	path := filepath.Join(t.TempDir(), "大表_2025Q3.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"关键任务", "计划进度(7月)", "实际进度", "偏差率", "主要问题", "应对措施", "责任人"})
	for i := 2; i <= 100001; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, []any{"任务", "7月15日", "7月18日", nil, "场地临时取消", "确认备用场地", "王五"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rv := readReview(t, path)
	if len(rv.Tracking) != 100000 || rv.Tracking[99999].Deviation == nil || !near(*rv.Tracking[99999].Deviation, 0.2) {
		t.Errorf("rows %d", len(rv.Tracking))
	}
}

// A 30,000-character cell is read whole.
func TestHugeCellRead(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	long := string([]rune(strings.Repeat("新客户获取成本超预算,", 3000))[:30000])
	r.Outcome.Rows[0][4] = long
	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(path, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	rv := readReview(t, path)
	if rv.Outcomes[0].Cause != long {
		t.Errorf("cause of %d characters read as %d", len([]rune(long)), len([]rune(rv.Outcomes[0].Cause)))
	}
}

// The reader gives up on a cancelled context instead of reading on.
func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := xlsx.ReadFile(ctx, "../samples/华东销售部_2025Q3.xlsx"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: %v", err)
	}
}

// Workbooks small on disk and huge once read are refused as soon as a limit
// is passed, naming the cell, before the analysis, the report or the memory
// pay for them: one 100 MB string (105 KB on disk), a 1 MB string in 12,000
// cells, 12,000 cells of 30,000 characters (within the cell limit, over the
// text limit), a 100 MB inline string, 4.4 million cells.
func TestBoundedWork(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func() ([]byte, error)
		want string // in the Simplified finding
		big  bool   // tens of megabytes made: not in -short (the race run)
	}{
		{"100 MB shared string", func() ([]byte, error) { return hostile.HugeSharedString(100<<20/3, 1) }, "超过大小上限", true}, // its part, before unpacking
		{"20 MB shared string", func() ([]byte, error) { return hostile.HugeSharedString(20<<20/3, 1) }, "单元格 表1!A1 的文字超过 32767 个字符的上限", true},
		{"1 MB string in 12,000 cells", func() ([]byte, error) { return hostile.HugeSharedString(1<<20/3, 12000) }, "单元格 表1!A1 的文字超过", false},
		{"30,000 characters in 12,000 cells", func() ([]byte, error) { return hostile.HugeSharedString(30000, 12000) }, "各单元格的文字合计超过 16 MB 的上限（读到 表1!A187 时）", false},
		{"100 MB inline string", func() ([]byte, error) { return hostile.HugeInlineString(100 << 20 / 3) }, "超过大小上限", true},
		{"20 MB inline string", func() ([]byte, error) { return hostile.HugeInlineString(20 << 20 / 3) }, "单元格 表1!A1 的文字超过", true},
		{"4.4 million cells", func() ([]byte, error) { return hostile.ManyCells(4_400_000) }, "超过大小上限", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.big && testing.Short() {
				t.Skip("makes tens of megabytes; the full test run has it")
			}
			data, err := tc.make()
			if err != nil {
				t.Fatal(err)
			}
			_, err = xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "hostile.xlsx", data)
			var fe *xlsx.FileError
			if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
				t.Fatalf("%d bytes on disk: %v; want file-too-large", len(data), err)
			}
			if msg := fe.Finding(fupan.Simplified).Message(); !strings.Contains(msg, tc.want) {
				t.Errorf("finding %q; want it to say %q", msg, tc.want)
			}
		})
	}
	// Within the limits, a long cell is read whole.
	data, err := hostile.HugeSharedString(32767, 3)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "long.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := len([]rune(wb.Sheets[0].Rows[2][0].Text)); got != 32767 {
		t.Errorf("a 32,767-character cell read as %d characters", got)
	}
}

// One number in column XFD of each of 1,000 rows (9 KB) implies 16 million
// cells in memory: refused while the sheet is read, not after gigabytes
// (16.9 s and 1.16 GiB before). One such row is read.
func TestSparseWideRows(t *testing.T) {
	data, err := hostile.SparseWide(1000)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "wide.xlsx", data)
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Fatalf("1,000 rows reaching column XFD: %v; want file-too-large", err)
	}
	if msg := fe.Finding(fupan.Simplified).Message(); !strings.Contains(msg, "单元格数量超过 1000000 个的上限（读到 表1!XFD62 时）") {
		t.Errorf("finding %q; want it to name the limit and XFD62", msg)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("refused after %v; want well under a second", took)
	}
	data, err = hostile.SparseWide(1)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "wide.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if c := wb.Sheets[0].Cell(1, 16384); c.Kind != fupan.CellNumber || c.Num != 1 {
		t.Errorf("XFD1 = %+v; want the number 1", c)
	}
}

// A sheet whose zip entry fails its checksum is left out with a warning
// naming it and its part, and the review is read from the others; a damaged
// part the review needs (the shared strings) refuses the file naming it.
func TestDamagedSheetSkipped(t *testing.T) {
	b := samples.PerSheet(samples.SeedSimplified())
	b.Sheets = append(b.Sheets, xlsx.BookSheet{Name: "草稿", Rows: [][]any{{"随手记"}}})
	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(path, b); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sheet := fmt.Sprintf("xl/worksheets/sheet%d.xml", len(b.Sheets))
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), path, badChecksum(t, data, sheet))
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Damaged) != 1 || wb.Damaged[0] != (fupan.DamagedSheet{Sheet: "草稿", Part: sheet}) {
		t.Fatalf("damaged %v; want 草稿 (%s)", wb.Damaged, sheet)
	}
	rv := fupan.Analyze(wb, fupan.Options{})
	checkSeed(t, rv, fupan.Simplified)
	f := findingAt(rv, fupan.CodeSheetDamaged, "草稿", "")
	if f == nil || f.Severity != fupan.SevWarning || !strings.Contains(f.Message(), sheet) {
		t.Errorf("finding %+v; want a warning naming 草稿 and %s", f, sheet)
	}
	// The reviewed copy keeps the damaged entry as it was, for Excel to repair.
	damaged := badChecksum(t, data, sheet)
	_, src, err := xlsx.NewReader(xlsx.Options{}).ReadSource(context.Background(), path, damaged)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := src.WriteReviewed(context.Background(), &out, rv, xlsx.ReviewedOptions{}); err != nil {
		t.Fatalf("reviewed copy: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range zr.File {
		if e.Name == sheet {
			rc, _ := e.Open()
			if _, err := io.ReadAll(rc); !errors.Is(err, zip.ErrChecksum) {
				t.Errorf("the copy's %s: %v; want it as damaged as it was", sheet, err)
			}
		}
	}

	_, err = xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), path, badChecksum(t, data, "xl/sharedStrings.xml"))
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileUnreadable {
		t.Fatalf("damaged shared strings: %v; want file-unreadable", err)
	}
	if msg := fe.Finding(fupan.Simplified).Message(); !strings.Contains(msg, "部件 xl/sharedStrings.xml 无法读取") {
		t.Errorf("finding %q; want it to name the part", msg)
	}
}

// badChecksum is the package with the CRC-32 the zip declares for one entry
// made wrong, its bytes left as they are.
func badChecksum(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		hdr := f.FileHeader
		if f.Name == name {
			hdr.CRC32 ^= 0xFFFF
			found = true
		}
		w, err := zw.CreateRaw(&hdr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("no entry %s", name)
	}
	return buf.Bytes()
}

func findingAt(rv *fupan.Review, code fupan.Code, sheet, cell string) *fupan.Finding {
	for i, f := range rv.Findings {
		if f.Code == code && f.Sheet == sheet && f.Cell == cell {
			return &rv.Findings[i]
		}
	}
	return nil
}

// Merged ranges on a sheet that already has the team's notes: that sheet's
// copy is written through excelize, which checks every range against every
// other (40,000 ranges took 5.5 s, 200,000 took 249 s). Over 10,000 on such
// a sheet, the copy is refused at once, naming the sheet; within the bound it
// is written.
func TestManyMergesWithTeamNotes(t *testing.T) {
	dir := t.TempDir()
	noted := editedSample(t, "../samples/华东销售部_2025Q3.xlsx", dir, func(f *excelize.File) error {
		return f.AddComment("跟踪", excelize.Comment{Cell: "A2", Author: "张三", Text: "供应商延期"})
	})
	data, err := os.ReadFile(noted)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		merges int
		ok     bool
	}{{40_000, false}, {2_000, true}} {
		merged, err := hostile.ManyMerges(data, "xl/worksheets/sheet2.xml", tc.merges)
		if err != nil {
			t.Fatal(err)
		}
		wb, src, err := xlsx.NewReader(xlsx.Options{}).ReadSource(context.Background(), noted, merged)
		if err != nil {
			t.Fatal(err)
		}
		rv := fupan.Analyze(wb, fupan.Options{})
		start := time.Now()
		err = src.WriteReviewed(context.Background(), io.Discard, rv, xlsx.ReviewedOptions{})
		took := time.Since(start)
		switch {
		case tc.ok && err != nil:
			t.Errorf("%d ranges: %v", tc.merges, err)
		case !tc.ok && (err == nil || !strings.Contains(err.Error(), "跟踪") || !strings.Contains(err.Error(), "merged ranges")):
			t.Errorf("%d ranges: %v; want a refusal naming the sheet and its merged ranges", tc.merges, err)
		}
		if took > 2*time.Second {
			t.Errorf("%d ranges: %v to write or refuse the copy", tc.merges, took)
		}
	}
}

// Shared strings no cell uses are held all the same: each counts a quarter
// cell against the limit as the table is read.
func TestUnusedSharedStringsCounted(t *testing.T) {
	data, err := hostile.UnusedSharedStrings(500_000)
	if err != nil {
		t.Fatal(err)
	}
	_, err = xlsx.NewReader(xlsx.Options{MaxCells: 100_000}).ReadBytes(context.Background(), "sst.xlsx", data)
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge {
		t.Fatalf("500,000 strings against 100,000 cells: %v; want file-too-large", err)
	}
	if _, err := xlsx.NewReader(xlsx.Options{MaxCells: 200_000}).ReadBytes(context.Background(), "sst.xlsx", data); err != nil {
		t.Errorf("500,000 strings against 200,000 cells: %v", err)
	}
}

// 300,000 empty zip entries (36 MB) are refused from the zip's directory;
// within the bound, the reviewed copy leaves out the folder entries and the
// empty entries that are no part (no content type), as Excel does, and keeps
// every part.
func TestZipEntries(t *testing.T) {
	seed, err := os.ReadFile("../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	many, err := hostile.Edit(seed, nil, 300_000)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "entries.xlsx", many)
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || fe.Code != fupan.CodeFileTooLarge || !strings.Contains(fe.Finding(fupan.Simplified).Message(), "条目超过 10000 个") {
		t.Fatalf("300,000 entries: %v; want file-too-large naming the limit", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("refused after %v", took)
	}

	some, err := hostile.Edit(seed, nil, 50)
	if err != nil {
		t.Fatal(err)
	}
	some = withFolderEntry(t, some, "xl/")
	wb, src, err := xlsx.NewReader(xlsx.Options{}).ReadSource(context.Background(), "华东销售部_2025Q3.xlsx", some)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := src.WriteReviewed(context.Background(), &out, fupan.Analyze(wb, fupan.Options{}), xlsx.ReviewedOptions{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		if strings.HasPrefix(f.Name, "extra-") || f.Name == "xl/" {
			t.Errorf("the copy keeps %s", f.Name)
		}
	}
	sr, _ := zip.NewReader(bytes.NewReader(seed), int64(len(seed)))
	for _, f := range sr.File {
		if !names[f.Name] {
			t.Errorf("the copy lost the part %s", f.Name)
		}
	}
}

// withFolderEntry adds a folder entry (a name ending in /) to a package.
func withFolderEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	if _, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store}); err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A part in UTF-16 without a byte order mark is decoded before its prolog is
// checked: a DOCTYPE in it is refused as in a UTF-8 part.
func TestDoctypeInUTF16WithoutBOM(t *testing.T) {
	wide := func(s string) []byte {
		b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	withProlog := func(prolog string) []byte {
		data, err := hostile.Edit(handWritten(t), func(name string, x []byte) []byte {
			if name != "xl/workbook.xml" {
				return x
			}
			return wide(prolog + string(x[bytes.Index(x, []byte("?>"))+2:]))
		}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "wide.xlsx", withProlog(`<?xml version="1.0" encoding="UTF-16BE"?>`))
	if err != nil || wb.Sheets[0].Name != "成果" {
		t.Fatalf("workbook.xml in UTF-16BE: %v", err)
	}
	_, err = xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), "wide.xlsx", withProlog(`<?xml version="1.0" encoding="UTF-16BE"?><!DOCTYPE w [<!ENTITY e "x">]>`))
	var fe *xlsx.FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Finding(fupan.Simplified).Message(), "DOCTYPE") {
		t.Fatalf("a DOCTYPE in a UTF-16BE part: %v; want it refused as unsafe", err)
	}
}
