//go:build unix

// Command hostile measures what each hostile workbook of docs/bad-input.md
// costs fupan: it writes them into a folder, runs `fupan validate` and
// `fupan report` on each as a process of its own, and prints the wall time
// and peak memory (max RSS) of each, marking any over 5 s or 300 MB; then
// `fupan mail` against an SMTP server flooding its reply (smtp.go).
//
//	go run ./bench/hostile            (builds fupan itself; takes a minute)
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"time"

	"github.com/fupan-review/fupan/internal/hostile"
	"github.com/xuri/excelize/v2"
)

func main() {
	dir := flag.String("dir", "", "write the files here (default: a temporary folder, removed after)")
	only := flag.String("only", "", "measure only the files whose name matches this regular expression")
	write := flag.Bool("write", false, "only write the files into -dir (the command runs itself so, in a process of its own)")
	flag.Parse()
	re, err := regexp.Compile(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile: -only:", err)
		os.Exit(2)
	}
	if *write {
		err = writeFiles(*dir, re)
	} else {
		err = run(*dir, *only, re)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}

func run(dir, onlyFlag string, only *regexp.Regexp) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "fupan-hostile-")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(d) }()
		dir = d
	}
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	bin := filepath.Join(dir, "fupan")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/fupan").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	if only.MatchString("大表_100000行_2025Q3.xlsx") {
		if b, err := exec.Command("go", "run", "./bench/gen", "-n", "1", "-rows", "100000", "-o", in).CombinedOutput(); err != nil {
			return fmt.Errorf("bench/gen: %v\n%s", err, b)
		}
	}
	// The files are made by a process of their own: they take hundreds of
	// megabytes of heap, which each fupan started from this process would
	// count as its own peak (Linux keeps the high-water mark of RSS across
	// fork and exec).
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if b, err := exec.Command(self, "-write", "-dir", in, "-only", onlyFlag).CombinedOutput(); err != nil {
		return fmt.Errorf("writing the files: %v\n%s", err, b)
	}
	names, err := filepath.Glob(filepath.Join(in, "*.xlsx"))
	if err != nil {
		return err
	}
	fmt.Printf("%-36s %10s %9s %9s %9s %9s\n", "file", "on disk", "validate", "MiB", "report", "MiB")
	over := 0
	for _, p := range names {
		if !only.MatchString(filepath.Base(p)) {
			continue
		}
		fi, _ := os.Stat(p)
		line := fmt.Sprintf("%-36s %10d", filepath.Base(p), fi.Size())
		for _, args := range [][]string{{"validate", p}, {"report", p, "-o", out}} {
			took, rss := measure(bin, args)
			mark := ""
			if took > 5*time.Second || rss > 300 {
				mark, over = "!", over+1
			}
			line += fmt.Sprintf(" %8.2fs %8d%s", took.Seconds(), rss, mark)
		}
		fmt.Println(line)
	}
	if only.MatchString("smtp-flood") {
		if err := measureSMTPFlood(bin, dir); err != nil {
			return err
		}
	}
	if over > 0 {
		return fmt.Errorf("%d measurements over 5 s or 300 MiB (marked !)", over)
	}
	return nil
}

// writeFiles writes the hostile workbooks whose names match into the folder in.
func writeFiles(in string, only *regexp.Regexp) error {
	seed, err := os.ReadFile("samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		return err
	}
	// The seed with a note of the team's on 跟踪, where fupan adds its own:
	// that sheet's copy is written through excelize.
	noted, err := withTeamNote(seed)
	if err != nil {
		return err
	}
	files := map[string]func() ([]byte, error){
		"zip-bomb.xlsx":          func() ([]byte, error) { return os.ReadFile("xlsx/testdata/zip-bomb.xlsx") },
		"truncated.xlsx":         func() ([]byte, error) { return seed[:len(seed)/3], nil },
		"text-renamed.xlsx":      func() ([]byte, error) { return []byte("这不是工作簿\n"), nil },
		"shared-100MB.xlsx":      func() ([]byte, error) { return hostile.HugeSharedString(100<<20/3, 1) },
		"shared-1MB-x12000.xlsx": func() ([]byte, error) { return hostile.HugeSharedString(1<<20/3, 12000) },
		"text-30000-x12000.xlsx": func() ([]byte, error) { return hostile.HugeSharedString(30000, 12000) },
		"cell-30000.xlsx":        func() ([]byte, error) { return hostile.HugeSharedString(30000, 1) },
		"shared-20MB.xlsx":       func() ([]byte, error) { return hostile.HugeSharedString(20<<20/3, 1) },
		"inline-20MB.xlsx":       func() ([]byte, error) { return hostile.HugeInlineString(20 << 20 / 3) },
		"inline-100MB.xlsx":      func() ([]byte, error) { return hostile.HugeInlineString(100 << 20 / 3) },
		"cells-4.4M.xlsx":        func() ([]byte, error) { return hostile.ManyCells(4_400_000) },
		"cells-1M.xlsx":          func() ([]byte, error) { return hostile.ManyCells(1_000_000) },
		"wide-XFD-x1000.xlsx":    func() ([]byte, error) { return hostile.SparseWide(1000) },
		"wide-XFD-x3000.xlsx":    func() ([]byte, error) { return hostile.SparseWide(3000) },
		"shared-unused-2M.xlsx":  func() ([]byte, error) { return hostile.UnusedSharedStrings(2_000_000) },
		"merges-40000_2025Q3.xlsx": func() ([]byte, error) {
			return hostile.ManyMerges(seed, "xl/worksheets/sheet2.xml", 40_000)
		},
		"merges-200000_2025Q3.xlsx": func() ([]byte, error) {
			return hostile.ManyMerges(seed, "xl/worksheets/sheet2.xml", 200_000)
		},
		"merges-40000-notes_2025Q3.xlsx": func() ([]byte, error) {
			return hostile.ManyMerges(noted, "xl/worksheets/sheet2.xml", 40_000)
		},
		"merges-200000-notes_2025Q3.xlsx": func() ([]byte, error) {
			return hostile.ManyMerges(noted, "xl/worksheets/sheet2.xml", 200_000)
		},
		"entries-300000_2025Q3.xlsx": func() ([]byte, error) { return hostile.Edit(seed, nil, 300_000) },
		"entries-9000_2025Q3.xlsx":   func() ([]byte, error) { return hostile.Edit(seed, nil, 9_000) },
	}
	for name, make := range files {
		if !only.MatchString(name) {
			continue
		}
		b, err := make()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// withTeamNote is the workbook with a note of the team's on 跟踪!A2.
func withTeamNote(data []byte) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	if err := f.AddComment("跟踪", excelize.Comment{Cell: "A2", Author: "张三", Text: "供应商延期"}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// measure runs fupan with args and returns its wall time and peak memory in MiB.
func measure(bin string, args []string) (time.Duration, int64) {
	cmd := exec.Command(bin, append([]string{"--log-level", "error"}, args...)...)
	start := time.Now()
	_ = cmd.Run() // bad workbooks exit 1: that is the point
	took := time.Since(start)
	if cmd.ProcessState == nil {
		return took, -1
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return took, -1
	}
	return took, ru.Maxrss >> 10 // KiB on Linux
}
