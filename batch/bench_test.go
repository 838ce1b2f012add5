package batch_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/batch"
)

func benchFolder(b *testing.B, n int) string {
	in := b.TempDir()
	for i := 0; i < n; i++ {
		copyFile(b, "../samples/華東銷售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%03d_2025Q3.xlsx", i)))
	}
	return in
}

// BenchmarkRunFirst is a first run over 20 seed-sized workbooks.
func BenchmarkRunFirst(b *testing.B) {
	in := benchFolder(b, 20)
	for b.Loop() {
		run(b, batch.Options{Input: in, Output: b.TempDir()})
	}
}

// BenchmarkRunUnchanged is a re-run over the same 20 workbooks: everything
// skipped by content hash.
func BenchmarkRunUnchanged(b *testing.B) {
	in, out := benchFolder(b, 20), b.TempDir()
	run(b, batch.Options{Input: in, Output: out})
	for b.Loop() {
		if s := run(b, batch.Options{Input: in, Output: out}); s.Processed != 0 {
			b.Fatalf("processed %d", s.Processed)
		}
	}
}
