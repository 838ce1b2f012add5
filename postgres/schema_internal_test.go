package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"

	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/sqlite"
)

// The two stores' schemas keep the same version numbers: a migration added
// to one is added to the other.
func TestMigrationsInLockstep(t *testing.T) {
	if Migrations() != sqlite.Migrations() || SchemaVersion != sqlite.SchemaVersion || SchemaVersion != len(migrations) {
		t.Fatalf("PostgreSQL's schema has %d migrations (version %d), SQLite's %d (version %d): add the missing one to both",
			Migrations(), SchemaVersion, sqlite.Migrations(), sqlite.SchemaVersion)
	}
}

// A history left at every earlier version, holding a review written with
// the columns of that version, is migrated by Open to the current one, keeps
// its review and records into it.
func TestEveryVersionMigrates(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < SchemaVersion; v++ {
		url := pgtest.Database(t)
		if _, err := Open(ctx, url, Options{ReadOnly: true}); err == nil {
			t.Fatal("an empty database opens read-only")
		}
		// Brought to v by the migrations of then.
		h, err := connect(ctx, url, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.migrate(ctx, v); err != nil {
			t.Fatalf("to %d: %v", v, err)
		}
		if got, err := h.version(ctx); err != nil || got != v {
			t.Fatalf("version %d (%v), want %d", got, err, v)
		}
		_, err = h.db.ExecContext(ctx, `INSERT INTO reviews (team_key, team, period, period_kind, period_start, period_end,
			file, sha256, lang, reviewer, recorded_at, fupan_version, summary, errors, warnings, infos)
			VALUES ('华东销售部', '华东销售部', '2025Q2', 'quarter', '2025-04-01', '2025-06-30', 'a.xlsx', 'ab', 'zh-Hans', '', '2025-07-08T09:00:00Z', 'old',
			'{"metrics":1,"mean_achievement":0.85}', 0, 1, 0)`)
		if err != nil {
			t.Fatal(err)
		}
		_ = h.Close()
		if _, err := Open(ctx, url, Options{ReadOnly: true}); err == nil {
			t.Fatalf("schema %d opens read-only without being migrated", v)
		}
		db, err := Open(ctx, url, Options{})
		if err != nil {
			t.Fatalf("schema %d: %v", v, err)
		}
		list, err := db.Reviews(ctx, "")
		if err != nil || len(list) != 1 || list[0].File != "a.xlsx" || list[0].Site != "" {
			t.Fatalf("schema %d's review after migrating: %+v (%v)", v, list, err)
		}
		if got, err := db.version(ctx); err != nil || got != SchemaVersion {
			t.Fatalf("schema %d migrated to %d (%v)", v, got, err)
		}
		if err := db.MarkReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due", "2025-10-08"); err != nil {
			t.Fatal(err)
		}
		gen, err := db.Generation(ctx)
		if err != nil {
			t.Fatalf("schema %d's generation: %v", v, err)
		}
		if ok, err := db.Forget(ctx, "华东销售部", "2025Q2"); !ok || err != nil {
			t.Fatalf("schema %d's review forgotten: %v (%v)", v, ok, err)
		}
		if now, err := db.Generation(ctx); err != nil || now == gen {
			t.Fatalf("schema %d's generation %q after forgetting, %q before (%v)", v, now, gen, err)
		}
		_ = db.Close()
	}
}

// A database holding other programs' tables is not made a history, and one
// written by a newer fupan is refused.
func TestForeignAndNewerRefused(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Database(t)
	h, err := connect(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.ExecContext(ctx, `CREATE TABLE orders (id INTEGER)`); err != nil {
		t.Fatal(err)
	}
	_ = h.Close()
	if _, err := Open(ctx, url, Options{}); !errors.Is(err, fupan.ErrHistoryDamaged) || !strings.Contains(err.Error(), "database of its own") {
		t.Fatalf("a database of another program: %v", err)
	}
	url = pgtest.Database(t)
	db, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	if _, err := Open(ctx, url, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("a newer schema: %v", err)
	}
}
