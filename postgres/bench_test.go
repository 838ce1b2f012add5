package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historytest"
	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/postgres"
)

// BenchmarkRecord is one seed-sized review (3 rows in each table) recorded
// in one transaction, replacing the one before: sqlite's BenchmarkRecord on
// a local PostgreSQL (a Unix socket).
func BenchmarkRecord(b *testing.B) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.Database(b), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	rv := historytest.Review("华东销售部", "2025Q3", "a.xlsx", 0.9)
	for range 2 {
		rv.Plan = append(rv.Plan, rv.Plan[0])
		rv.Outcomes = append(rv.Outcomes, rv.Outcomes[0])
		rv.Actions = append(rv.Actions, rv.Actions[0])
		rv.Tracking = append(rv.Tracking, rv.Tracking[0])
	}
	id := fupan.Identity{}
	for b.Loop() {
		if err := db.Record(ctx, fupan.Recording{Review: rv, TeamKey: "华东销售部", MetricKey: id.MetricKey}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPast is looking up a team's 12 recorded quarters in a snapshot.
func BenchmarkPast(b *testing.B) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.Database(b), postgres.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	id := fupan.Identity{}
	for q := range 12 {
		rv := historytest.Review("华东销售部", fmt.Sprintf("%dQ%d", 2023+q/4, q%4+1), "a.xlsx", 0.9)
		if err := db.Record(ctx, fupan.Recording{Review: rv, TeamKey: "华东销售部", MetricKey: id.MetricKey}); err != nil {
			b.Fatal(err)
		}
	}
	snap, err := db.Snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = snap.Close() }()
	for b.Loop() {
		if past, err := snap.Past(ctx, "华东销售部"); err != nil || len(past) != 12 {
			b.Fatal(len(past), err)
		}
	}
}
