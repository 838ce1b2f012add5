package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeAtomically lets write fill a temporary file beside path and renames it
// into place, so no reader ever sees half a file.
func writeAtomically(path string, write func(tmp string) error) error {
	tmp := filepath.Join(filepath.Dir(path), ".fupan-tmp-"+filepath.Base(path))
	if err := write(tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("renaming into place: %w", err)
	}
	return nil
}
