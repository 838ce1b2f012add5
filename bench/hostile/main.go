//go:build unix

// Command hostile measures what each hostile workbook of docs/bad-input.md
// costs fupan: it writes them into a folder, runs `fupan validate` and
// `fupan report` on each as a process of its own, and prints the wall time
// and peak memory (max RSS) of each, marking any over 5 s or 300 MB.
//
//	go run ./bench/hostile            (builds fupan itself; takes a minute)
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/fupan-review/fupan/internal/hostile"
)

func main() {
	dir := flag.String("dir", "", "write the files here (default: a temporary folder, removed after)")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
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
	if b, err := exec.Command("go", "run", "./bench/gen", "-n", "1", "-rows", "100000", "-o", in).CombinedOutput(); err != nil {
		return fmt.Errorf("bench/gen: %v\n%s", err, b)
	}
	seed, err := os.ReadFile("samples/华东销售部_2025Q3.xlsx")
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
	}
	for name, make := range files {
		b, err := make()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			return err
		}
	}
	names, err := filepath.Glob(filepath.Join(in, "*.xlsx"))
	if err != nil {
		return err
	}
	fmt.Printf("%-36s %10s %9s %9s %9s %9s\n", "file", "on disk", "validate", "MiB", "report", "MiB")
	over := 0
	for _, p := range names {
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
	if over > 0 {
		return fmt.Errorf("%d measurements over 5 s or 300 MiB (marked !)", over)
	}
	return nil
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
