package xlsx

import (
	"context"
	"os"
	"testing"

	"github.com/fupan-review/fupan"
)

// FuzzReader feeds the reader arbitrary bytes, starting from real workbooks.
// It must answer every input with a workbook or a FileError, never a panic.
func FuzzReader(f *testing.F) {
	for _, p := range []string{"../samples/華東銷售部_2025Q3.xlsx", "../samples/华东销售部-日期格式_2025Q3.xlsx", "../samples/invalid/不是工作簿.xlsx"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	r := NewReader(Options{MaxUnzipSize: 64 << 20, MaxCells: 200_000})
	f.Fuzz(func(t *testing.T, data []byte) {
		wb, err := r.ReadBytes(context.Background(), "fuzz.xlsx", data)
		if err != nil {
			if _, ok := err.(*FileError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		_ = fupan.Analyze(wb, fupan.Options{})
	})
}
