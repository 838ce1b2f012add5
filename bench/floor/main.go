// Command floor is the benchmark's floor: excelize opening and reading every
// sheet of every workbook of a folder, and nothing else.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.xlsx"))
	cells := 0
	for _, p := range files {
		f, err := excelize.OpenFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		for _, s := range f.GetSheetList() {
			rows, err := f.GetRows(s)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			for _, r := range rows {
				cells += len(r)
			}
		}
		_ = f.Close()
	}
	fmt.Println(len(files), "workbooks,", cells, "cells")
}
