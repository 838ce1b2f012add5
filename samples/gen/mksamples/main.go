// Command mksamples writes the example workbooks under samples/ from the
// definitions in package samples. Run it from the repository root:
//
//	go run ./samples/gen/mksamples
package main

import (
	"fmt"
	"os"
	"path/filepath"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

func main() {
	if err := run("samples"); err != nil {
		fmt.Fprintln(os.Stderr, "mksamples:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	for name, b := range samples.Books() {
		if err := xlsx.Build(filepath.Join(dir, name), b); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	inv := filepath.Join(dir, "invalid")
	if err := os.MkdirAll(inv, 0o755); err != nil {
		return err
	}
	for _, b := range samples.Invalids() {
		if err := xlsx.Build(filepath.Join(inv, b.Name), b.Book); err != nil {
			return fmt.Errorf("%s: %w", b.Name, err)
		}
	}
	// A text file named .xlsx, as people drop them.
	return os.WriteFile(filepath.Join(inv, "不是工作簿.xlsx"), []byte("团队,周期\n华东,2025Q3\n"), 0o644)
}
