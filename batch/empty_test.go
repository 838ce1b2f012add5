package batch_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/batch"
)

// An empty file is judged once (the next run does not try it again while it
// is unchanged); a file too large is an outside limit, tried again.
func TestEmptyFileNotRetried(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(in, "空_2025Q3.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "大_2025Q3.xlsx"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	o := batch.Options{Input: in, Output: out}
	o.Settings.Reader.MaxFileSize = 1024
	sum := run(t, o)
	got := map[string]bool{}
	for _, e := range sum.Entries {
		if e.Status != batch.StatusFailed {
			t.Errorf("%s: %s, want failed", e.File, e.Status)
		}
		got[e.File] = e.Retry
	}
	if r, ok := got["空_2025Q3.xlsx"]; !ok || r {
		t.Errorf("empty file: retry %v (seen %v), want false", r, ok)
	}
	if r, ok := got["大_2025Q3.xlsx"]; !ok || !r {
		t.Errorf("too large: retry %v (seen %v), want true", r, ok)
	}
}
