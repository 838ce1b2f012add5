// Command histgen writes a review history of many teams and periods, for
// timing `fupan history`:
//
//	go run ./bench/histgen -teams 1000 -periods 36 -o /tmp/history.sqlite
//
// Each review is the seed's (three rows in each table) under another team
// and month, so the file holds what real runs would record. -o may be a
// postgres:// URL of an empty database (its password in PGPASSWORD).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/postgres"
	"github.com/fupan-review/fupan/sqlite"
)

func main() {
	teams := flag.Int("teams", 1000, "teams")
	periods := flag.Int("periods", 36, "months per team, from 2023-01")
	out := flag.String("o", "history.sqlite", "the history to write (must not exist): a file or a postgres:// URL")
	flag.Parse()
	if err := run(*teams, *periods, *out); err != nil {
		fmt.Fprintln(os.Stderr, "histgen:", err)
		os.Exit(1)
	}
}

func run(teams, periods int, out string) error {
	ctx := context.Background()
	if _, err := os.Stat(out); err == nil && !postgres.IsURL(out) {
		return fmt.Errorf("%s exists", out)
	}
	data, err := os.ReadFile("samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		return fmt.Errorf("run it from the repository's root: %w", err)
	}
	rv, err := batch.Load(ctx, batch.Settings{}, "seed.xlsx", data)
	if err != nil {
		return err
	}
	var db fupan.History
	if postgres.IsURL(out) {
		db, err = postgres.Open(ctx, out, postgres.Options{})
	} else {
		db, err = sqlite.Open(ctx, out, sqlite.Options{})
	}
	if err != nil {
		return err
	}
	defer func() { _ = db.Close() }()
	id := fupan.Identity{}
	start := time.Now()
	for t := 0; t < teams; t++ {
		for p := 0; p < periods; p++ {
			rv.Meta.Team = fmt.Sprintf("团队%04d", t)
			rv.Meta.Period = fmt.Sprintf("%d-%02d", 2023+p/12, p%12+1)
			rv.File = rv.Meta.Team + "_" + rv.Meta.Period + ".xlsx"
			err := db.Record(ctx, fupan.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), SHA256: fmt.Sprintf("%064x", t*periods+p),
				MetricKey: id.MetricKey, RecordedAt: start, Version: "histgen"})
			if err != nil {
				return err
			}
		}
	}
	fmt.Printf("%d reviews in %s (%.2f ms each)\n", teams*periods, time.Since(start).Round(time.Millisecond),
		float64(time.Since(start).Microseconds())/float64(teams*periods)/1000)
	return nil
}
