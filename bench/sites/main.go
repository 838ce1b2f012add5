// Command sites times two sites recording into one PostgreSQL history at
// once against one site alone: each site a `fupan run` process on a folder
// of its own teams' workbooks.
//
//	go run ./bench/sites -postgres 'postgres:///postgres?host=/tmp/…' -n 500 -workers 1
//
// The server URL names a database the bench may make others from (it makes
// and drops fupan_bench_sites_*). With -workers 1 the two sites take one core
// each of a 2-core machine, so what the pair costs more than one is the
// history's: its locks and the server's work, not the PDFs.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	server := flag.String("postgres", os.Getenv("FUPAN_TEST_POSTGRES"), "the server's URL")
	n := flag.Int("n", 500, "workbooks per site")
	workers := flag.Int("workers", 1, "--workers of each run")
	flag.Parse()
	if err := run(*server, *n, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "sites:", err)
		os.Exit(1)
	}
}

func run(server string, n, workers int) error {
	if server == "" {
		return fmt.Errorf("no server: give -postgres or FUPAN_TEST_POSTGRES")
	}
	work, err := os.MkdirTemp("", "fupan-sites")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()
	bin := filepath.Join(work, "fupan")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/fupan").CombinedOutput(); err != nil {
		return fmt.Errorf("go build (run it from the repository's root): %v\n%s", err, b)
	}
	for _, site := range []string{"a", "b"} {
		if err := os.MkdirAll(filepath.Join(work, site), 0o755); err != nil {
			return err
		}
		for i := range n {
			team := fmt.Sprintf("%s团队%04d", site, i)
			b := samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面", [][]string{{"团队", team}})
			if err := xlsx.Build(filepath.Join(work, site, team+"_2025Q3.xlsx"), b); err != nil {
				return err
			}
		}
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return err
	}
	defer func() { _ = admin.Close() }()
	db := func(name string) (string, error) {
		ctx := context.Background()
		_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name)
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			return "", err
		}
		u, err := url.Parse(server)
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		return u.String(), nil
	}
	siteRun := func(hist, site, tag string) error {
		out := filepath.Join(work, "out-"+site+"-"+tag)
		_ = os.RemoveAll(out)
		cmd := exec.Command(bin, "--log-level", "warn", "run", filepath.Join(work, site), "-o", out,
			"--history", hist, "--workers", strconv.Itoa(workers))
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("site %s: %v\n%s", site, err, b)
		}
		return nil
	}
	for round := range 3 {
		one, err := db("fupan_bench_sites_1")
		if err != nil {
			return err
		}
		start := time.Now()
		if err := siteRun(one, "a", "alone"); err != nil {
			return err
		}
		alone := time.Since(start)
		two, err := db("fupan_bench_sites_2")
		if err != nil {
			return err
		}
		start = time.Now()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, site := range []string{"a", "b"} {
			wg.Go(func() { errs[i] = siteRun(two, site, "both") })
		}
		wg.Wait()
		both := time.Since(start)
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		var recorded int
		check, err := sql.Open("pgx", two)
		if err != nil {
			return err
		}
		err = check.QueryRow("SELECT count(*) FROM reviews").Scan(&recorded)
		_ = check.Close()
		if err != nil || recorded != 2*n {
			return fmt.Errorf("two sites recorded %d reviews, want %d (%v)", recorded, 2*n, err)
		}
		fmt.Printf("round %d: one site %d workbooks %.2f s; two sites at once %.2f s (%.2f×)\n", round+1, n, alone.Seconds(), both.Seconds(), both.Seconds()/alone.Seconds())
		for _, name := range []string{"fupan_bench_sites_1", "fupan_bench_sites_2"} {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		}
	}
	return nil
}
