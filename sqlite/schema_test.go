package sqlite_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/sqlite"
)

// fixture is the history of a schema version kept in testdata: written by
// the fupan of that version (FUPAN_WRITE_FIXTURE=1 go test -run
// TestSchemaFixtures ./sqlite writes the current one), never changed after.
func fixture(v int) string { return filepath.Join("testdata", fmt.Sprintf("history-v%d.sqlite", v)) }

// fixtureReviews are what every fixture holds.
func writeFixture(t *testing.T, path string) {
	db := open(t, path)
	record(t, db, review("华东销售部", "2025Q2", "华东销售部_2025Q2.xlsx", 0.85))
	record(t, db, review("華南銷售部", "2025Q3", "華南銷售部_2025Q3.xlsx", 1.2))
	// One file, without its -wal: checkpointed and closed.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// A history of every schema version this fupan has had opens, is migrated to
// the current one, and keeps its reviews.
func TestSchemaFixtures(t *testing.T) {
	ctx := context.Background()
	if os.Getenv("FUPAN_WRITE_FIXTURE") == "1" {
		path := fixture(sqlite.SchemaVersion)
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s exists: fixtures are never rewritten", path)
		}
		writeFixture(t, path)
	}
	for v := 1; v <= sqlite.SchemaVersion; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			src, err := os.Open(fixture(v))
			if err != nil {
				t.Fatalf("no history of schema %d in testdata: write it with the fupan of that version (%v)", v, err)
			}
			defer func() { _ = src.Close() }()
			path := filepath.Join(t.TempDir(), "h.sqlite")
			dst, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(dst, src); err != nil {
				t.Fatal(err)
			}
			_ = dst.Close()
			db := open(t, path)
			list, err := db.Reviews(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			s, err := list[1].Figures()
			if len(list) != 2 || list[0].Team != "华东销售部" || list[0].Period != "2025Q2" || list[1].Team != "華南銷售部" ||
				err != nil || s.MeanAchievement == nil || *s.MeanAchievement != 1.2 {
				t.Fatalf("schema %d's history reads as %+v", v, list)
			}
			past, err := db.Past(ctx, "华东销售部")
			if err != nil || len(past) != 1 || len(past[0].Metrics) != 1 || *past[0].Metrics[0].Achievement != 0.85 {
				t.Fatalf("schema %d's metrics: %+v (%v)", v, past, err)
			}
			// Migrated: the current fupan records into it, reminders (2) and
			// follow-ups (3) too.
			// and the generation (6) moves on.
			gen, err := db.Generation(ctx)
			if err != nil {
				t.Fatalf("schema %d's generation: %v", v, err)
			}
			rv := review("华东销售部", "2025Q3", "华东销售部_2025Q3.xlsx", 1)
			rv.Followup = []fupan.FollowUp{{Action: "渠道", Owner: "李四", Due: fupan.Date{Year: 2025, Month: 9, Day: 30}, FromPeriod: "2025Q2", Status: fupan.FollowOpen}}
			record(t, db, rv)
			if now, err := db.Generation(ctx); err != nil || now == gen {
				t.Fatalf("schema %d's generation %q after recording, %q before (%v)", v, now, gen, err)
			}
			latest, keys, err := db.Latest(ctx)
			if err != nil || len(latest) != 2 || keys[0] != "华东销售部" || len(latest[0].Followup) != 1 || latest[0].Followup[0].Status != fupan.FollowOpen {
				t.Fatalf("latest reviews after migrating: %v %v %v", latest, keys, err)
			}
			if err := db.MarkReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "overdue", "2025-10-08"); err != nil {
				t.Fatal(err)
			}
			if day, err := db.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "overdue"); err != nil || day != "2025-10-08" {
				t.Fatalf("reminder recorded as %q (%v)", day, err)
			}
			var got int
			if err := rawDB(t, path).QueryRow("PRAGMA user_version").Scan(&got); err != nil || got != sqlite.SchemaVersion {
				t.Fatalf("user_version %d after opening (%v), want %d", got, err, sqlite.SchemaVersion)
			}
			if res, err := db.Check(ctx); err != nil || res != "ok" {
				t.Fatalf("integrity: %q %v", res, err)
			}
		})
	}
}
