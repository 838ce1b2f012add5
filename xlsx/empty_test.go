package xlsx_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/xlsx"
)

// An empty file is ErrEmpty, whether read from disk or from memory, so a
// caller decides on it with errors.Is, not by its English text.
func TestEmptyIsErrEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "空_2025Q3.xlsx")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := xlsx.NewReader(xlsx.Options{})
	if _, err := r.Read(context.Background(), path); !errors.Is(err, xlsx.ErrEmpty) {
		t.Errorf("Read of an empty file: %v, want ErrEmpty", err)
	}
	if _, err := r.ReadBytes(context.Background(), path, nil); !errors.Is(err, xlsx.ErrEmpty) {
		t.Errorf("ReadBytes of nothing: %v, want ErrEmpty", err)
	}
	if _, err := r.ReadBytes(context.Background(), path, []byte("not a workbook")); errors.Is(err, xlsx.ErrEmpty) {
		t.Errorf("a text file is ErrEmpty: %v", err)
	}
}
