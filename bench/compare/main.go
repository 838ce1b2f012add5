// Command compare runs, on the same folder in the same run, fupan run, the
// floor (excelize reading every workbook and nothing else) and LibreOffice
// converting every workbook to PDF, and prints workbooks per second, CPU
// milliseconds per workbook and peak memory of each, and the ratios.
//
//	go run ./bench/compare -dir bench/data/500 -fupan /tmp/fupan -floor /tmp/floor
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

type result struct {
	name      string
	wall, cpu time.Duration
	peakKiB   int64
}

func main() {
	dir := flag.String("dir", "bench/data/500", "folder of workbooks")
	fupan := flag.String("fupan", "", "the fupan binary")
	floor := flag.String("floor", "", "the floor binary (bench/floor)")
	soffice := flag.Bool("soffice", true, "also time LibreOffice")
	workers := flag.Int("workers", 2, "fupan --workers")
	flag.Parse()
	files, _ := filepath.Glob(filepath.Join(*dir, "*.xlsx"))
	n := len(files)
	if n == 0 {
		fail(fmt.Errorf("no workbooks in %s", *dir))
	}
	tmp, err := os.MkdirTemp("", "fupan-bench-")
	fail(err)
	defer func() { _ = os.RemoveAll(tmp) }()

	var results []result
	if *floor != "" {
		results = append(results, measure("excelize read (floor)", exec.Command(*floor, *dir)))
	}
	if *fupan != "" {
		results = append(results, measure("fupan run", exec.Command(*fupan, "--log-level", "warn", "run", *dir, "-o", filepath.Join(tmp, "out"), "--workers", fmt.Sprint(*workers))))
		results = append(results, measure("fupan run, unchanged", exec.Command(*fupan, "--log-level", "warn", "run", *dir, "-o", filepath.Join(tmp, "out"), "--workers", fmt.Sprint(*workers))))
	}
	if *soffice {
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(tmp, "lo"), "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(tmp, "lo-out")}, files...)
		results = append(results, measure("LibreOffice to PDF", exec.Command("soffice", args...)))
	}
	fmt.Printf("%d workbooks in %s\n\n", n, *dir)
	fmt.Printf("| %-24s | %8s | %10s | %14s | %9s |\n", "", "wall s", "wb/s", "CPU ms per wb", "peak MiB")
	fmt.Printf("|%s|%s|%s|%s|%s|\n", dash(26), dash(10), dash(12), dash(16), dash(11))
	for _, r := range results {
		fmt.Printf("| %-24s | %8.2f | %10.1f | %14.2f | %9d |\n", r.name, r.wall.Seconds(), float64(n)/r.wall.Seconds(),
			float64(r.cpu.Microseconds())/1000/float64(n), r.peakKiB>>10)
	}
	by := map[string]result{}
	for _, r := range results {
		by[r.name] = r
	}
	fu, lo, fl := by["fupan run"], by["LibreOffice to PDF"], by["excelize read (floor)"]
	fmt.Println()
	if fu.wall > 0 && lo.wall > 0 {
		fmt.Printf("fupan run processes %.1f times as many workbooks per second as LibreOffice\n", lo.wall.Seconds()/fu.wall.Seconds())
	}
	if fu.cpu > 0 && fl.cpu > 0 {
		fmt.Printf("fupan run uses %.1f times the floor's CPU per workbook\n", float64(fu.cpu)/float64(fl.cpu))
	}
}

func dash(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '-'
	}
	return string(b)
}

// measure runs a command and takes its wall time, and the CPU time and peak
// memory of it and every process it waited for (LibreOffice starts several).
func measure(name string, cmd *exec.Cmd) result {
	var before syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &before)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
			fail(fmt.Errorf("%s: %v\n%s", name, err, out))
		}
	}
	var after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &after)
	cpu := time.Duration(after.Utime.Nano()+after.Stime.Nano()-before.Utime.Nano()-before.Stime.Nano()) * time.Nanosecond
	return result{name: name, wall: wall, cpu: cpu, peakKiB: cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}
