//go:build unix

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
	"sort"
	"syscall"
	"time"
)

type result struct {
	name                 string
	wall, cpu, user, sys time.Duration
	peakKiB              int64
}

func main() {
	dir := flag.String("dir", "bench/data/500", "folder of workbooks")
	fupan := flag.String("fupan", "", "the fupan binary")
	floor := flag.String("floor", "", "the floor binary (bench/floor)")
	soffice := flag.Bool("soffice", true, "also time LibreOffice")
	workers := flag.Int("workers", 2, "fupan --workers")
	runs := flag.Int("runs", 3, "runs of fupan and the floor; the median of each figure is shown (this machine's timings vary by a third from run to run)")
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
	var floors, firsts, seconds []result
	for i := 0; i < *runs; i++ {
		if *floor != "" {
			floors = append(floors, measure("excelize read (floor)", exec.Command(*floor, *dir)))
		}
		if *fupan != "" {
			out := filepath.Join(tmp, fmt.Sprintf("out-%d", i))
			firsts = append(firsts, measure("fupan run", exec.Command(*fupan, "--log-level", "warn", "run", *dir, "-o", out, "--workers", fmt.Sprint(*workers))))
			seconds = append(seconds, measure("fupan run, unchanged", exec.Command(*fupan, "--log-level", "warn", "run", *dir, "-o", out, "--workers", fmt.Sprint(*workers))))
		}
	}
	for _, rs := range [][]result{floors, firsts, seconds} {
		if len(rs) > 0 {
			results = append(results, median(rs))
		}
	}
	if *soffice {
		args := append([]string{"-env:UserInstallation=file://" + filepath.Join(tmp, "lo"), "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(tmp, "lo-out")}, files...)
		results = append(results, measure("LibreOffice to PDF", exec.Command("soffice", args...)))
	}
	fmt.Printf("%d workbooks in %s\n\n", n, *dir)
	fmt.Printf("| %-24s | %8s | %10s | %14s | %15s | %9s |\n", "", "wall s", "wb/s", "CPU ms per wb", "user + sys ms", "peak MiB")
	fmt.Printf("|%s|%s|%s|%s|%s|%s|\n", dash(26), dash(10), dash(12), dash(16), dash(17), dash(11))
	perWB := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	for _, r := range results {
		fmt.Printf("| %-24s | %8.2f | %10.1f | %14.2f | %15s | %9d |\n", r.name, r.wall.Seconds(), float64(n)/r.wall.Seconds(),
			perWB(r.cpu), fmt.Sprintf("%.2f + %.2f", perWB(r.user), perWB(r.sys)), r.peakKiB>>10)
	}
	if *runs > 1 {
		fmt.Printf("\nfloor and fupan: the median of %d runs, each figure on its own\n", *runs)
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
	user := time.Duration(after.Utime.Nano() - before.Utime.Nano())
	sys := time.Duration(after.Stime.Nano() - before.Stime.Nano())
	return result{name: name, wall: wall, cpu: user + sys, user: user, sys: sys, peakKiB: cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss}
}

// median takes the median of each figure of some runs on its own.
func median(rs []result) result {
	pick := func(get func(r result) int64) int64 {
		v := make([]int64, len(rs))
		for i, r := range rs {
			v[i] = get(r)
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		return v[len(v)/2]
	}
	return result{
		name:    rs[0].name,
		wall:    time.Duration(pick(func(r result) int64 { return int64(r.wall) })),
		cpu:     time.Duration(pick(func(r result) int64 { return int64(r.cpu) })),
		user:    time.Duration(pick(func(r result) int64 { return int64(r.user) })),
		sys:     time.Duration(pick(func(r result) int64 { return int64(r.sys) })),
		peakKiB: pick(func(r result) int64 { return r.peakKiB }),
	}
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}
