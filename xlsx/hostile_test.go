package xlsx_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/hostile"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
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
	if !strings.Contains(f.Message, "超过大小上限") {
		t.Errorf("message %q", f.Message)
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
		if msg := fe.Finding(fupan.Simplified).Message; !strings.Contains(msg, "密码") {
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
			if msg := fe.Finding(fupan.Simplified).Message; !strings.Contains(msg, tc.want) {
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
