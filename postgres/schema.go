package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/fupan-review/fupan"
)

// SchemaVersion is the schema this fupan writes: the same numbers as the
// SQLite history's (sqlite.SchemaVersion), each version the same tables,
// so that a history copies between the two at any version. The list is only
// ever appended to, in step with sqlite/schema.go.
const SchemaVersion = 6

// Amounts are DOUBLE PRECISION (REAL would keep 6 digits), team keys and
// the texts ordered by are COLLATE "C" (compared as bytes, as SQLite does,
// whatever the database's locale), dates ISO text as in SQLite.
var migrations = []string{
	// 1: reviews and their four tables, with the computed figures.
	`CREATE TABLE reviews (
		id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
		team_key      TEXT COLLATE "C" NOT NULL,
		team          TEXT NOT NULL,
		period        TEXT COLLATE "C" NOT NULL,
		period_kind   TEXT NOT NULL,
		period_start  TEXT COLLATE "C" NOT NULL,
		period_end    TEXT COLLATE "C" NOT NULL,
		file          TEXT NOT NULL,
		sha256        TEXT NOT NULL,
		lang          TEXT NOT NULL,
		reviewer      TEXT NOT NULL,
		recorded_at   TEXT NOT NULL,
		fupan_version TEXT NOT NULL,
		summary       TEXT NOT NULL,
		errors        INTEGER NOT NULL,
		warnings      INTEGER NOT NULL,
		infos         INTEGER NOT NULL,
		UNIQUE (team_key, period)
	);
	CREATE TABLE findings (
		review_id BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		code      TEXT NOT NULL,
		severity  TEXT NOT NULL,
		count     INTEGER NOT NULL,
		PRIMARY KEY (review_id, code)
	);
	CREATE TABLE plan_rows (
		review_id  BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq        INTEGER NOT NULL,
		cell       TEXT NOT NULL,
		goal       TEXT NOT NULL,
		task       TEXT NOT NULL,
		owner      TEXT NOT NULL,
		start      TEXT,
		due        TEXT,
		resources  TEXT NOT NULL,
		budget     DOUBLE PRECISION,
		people     DOUBLE PRECISION,
		acceptance TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE TABLE tracking_rows (
		review_id        BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq              INTEGER NOT NULL,
		cell             TEXT NOT NULL,
		task             TEXT NOT NULL,
		plan_task        TEXT NOT NULL,
		planned          TEXT NOT NULL,
		actual           TEXT NOT NULL,
		deviation        DOUBLE PRECISION,
		stated_deviation DOUBLE PRECISION,
		state            TEXT NOT NULL,
		done             BOOLEAN NOT NULL,
		problem          TEXT NOT NULL,
		countermeasure   TEXT NOT NULL,
		owner            TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE TABLE outcome_rows (
		review_id          BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq                INTEGER NOT NULL,
		cell               TEXT NOT NULL,
		metric             TEXT NOT NULL,
		metric_key         TEXT COLLATE "C" NOT NULL,
		target             DOUBLE PRECISION,
		target_text        TEXT NOT NULL,
		actual             DOUBLE PRECISION,
		actual_text        TEXT NOT NULL,
		unit               TEXT NOT NULL,
		direction          TEXT NOT NULL,
		achievement        DOUBLE PRECISION,
		stated_achievement DOUBLE PRECISION,
		deviation          DOUBLE PRECISION,
		status             TEXT NOT NULL,
		cause              TEXT NOT NULL,
		lesson             TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE INDEX outcomes_by_metric ON outcome_rows (metric_key);
	CREATE TABLE action_rows (
		review_id  BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq        INTEGER NOT NULL,
		cell       TEXT NOT NULL,
		item       TEXT NOT NULL,
		measure    TEXT NOT NULL,
		owner      TEXT NOT NULL,
		due        TEXT,
		due_text   TEXT NOT NULL,
		support    TEXT NOT NULL,
		acceptance TEXT NOT NULL,
		status     TEXT NOT NULL,
		done       BOOLEAN NOT NULL,
		PRIMARY KEY (review_id, seq)
	);`,
	// 2: what fupan remind sent.
	`CREATE TABLE reminders (
		robot    TEXT COLLATE "C" NOT NULL,
		team_key TEXT COLLATE "C" NOT NULL,
		item     TEXT COLLATE "C" NOT NULL,
		state    TEXT COLLATE "C" NOT NULL,
		sent_on  TEXT NOT NULL,
		PRIMARY KEY (robot, team_key, item, state)
	);`,
	// 3: last period's actions as followed up in a review.
	`CREATE TABLE followup_rows (
		review_id   BIGINT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq         INTEGER NOT NULL,
		cell        TEXT NOT NULL,
		action      TEXT NOT NULL,
		measure     TEXT NOT NULL,
		owner       TEXT NOT NULL,
		due         TEXT,
		from_period TEXT NOT NULL,
		status      TEXT NOT NULL,
		done_on     TEXT,
		effect      TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);`,
	// 4: where a review came from: the run's output folder and the input.
	`ALTER TABLE reviews ADD COLUMN output TEXT NOT NULL DEFAULT '';
	ALTER TABLE reviews ADD COLUMN input TEXT NOT NULL DEFAULT '';`,
	// 5: the site a review was made at, and when its workbook was modified
	// (NULL: not known), which the conditional upsert compares.
	`ALTER TABLE reviews ADD COLUMN site TEXT NOT NULL DEFAULT '';
	ALTER TABLE reviews ADD COLUMN modified TIMESTAMPTZ;`,
	// 6: the history's generation, a count every change of the reviews
	// moves on, for fupan serve's pages.
	`CREATE TABLE generation (one INTEGER PRIMARY KEY CHECK (one = 1), n BIGINT NOT NULL);
	INSERT INTO generation (one, n) VALUES (1, 0);`,
}

// Migrations is how many schema versions there are: the test holds it to
// SQLite's.
func Migrations() int { return len(migrations) }

// migrationLock is the advisory lock every migration step holds: two sites
// starting at once migrate one after the other.
const migrationLock = 0x66757061 // "fupa"

// prepare checks the database holds a history of a schema this fupan knows,
// or nothing of anyone's, and migrates it forward.
func (h *DB) prepare(ctx context.Context, readOnly bool) error {
	version, err := h.version(ctx)
	if err != nil {
		return err
	}
	if version > SchemaVersion {
		return fmt.Errorf("%w (schema %d, this fupan knows up to %d)", ErrNewerSchema, version, SchemaVersion)
	}
	if readOnly {
		if version == 0 {
			return ErrNoHistory
		}
		if version < SchemaVersion {
			return fmt.Errorf("%w: the history has schema %d: run fupan run or report once with it to bring it to %d", ErrOlderSchema, version, SchemaVersion)
		}
		return nil
	}
	return h.migrate(ctx, SchemaVersion)
}

// version is the schema's version: 0 where there is no history yet.
func (h *DB) version(ctx context.Context) (int, error) {
	var table sql.NullString
	if err := h.db.QueryRowContext(ctx, `SELECT to_regclass('schema_version')::text`).Scan(&table); err != nil {
		return 0, err
	}
	if !table.Valid {
		return 0, nil
	}
	var v int
	err := h.db.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, err
}

// migrate brings the schema to version to, each step in its own transaction
// with the version it reaches, so a migration killed midway leaves the
// history at the version before it.
func (h *DB) migrate(ctx context.Context, to int) error {
	for {
		done, err := h.step(ctx, to)
		if err != nil || done {
			return err
		}
	}
}

// step takes the schema one version forward; done when it is at to.
func (h *DB) step(ctx context.Context, to int) (done bool, err error) {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil || done {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return false, err
	}
	if _, err = tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return false, err
	}
	var v int
	switch err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
		// A database with tables of its own is not ours to add to.
		var n int
		if err = tx.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'`).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, fmt.Errorf("%w (the database holds %d tables of another program: give fupan a database of its own)", fupan.ErrHistoryDamaged, n)
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
			return false, err
		}
	case err != nil:
		return false, err
	}
	if v >= to {
		return true, nil
	}
	if _, err = tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migrating the schema to version %d: %w", v+1, err)
	}
	if _, err = tx.ExecContext(ctx, `UPDATE schema_version SET version = $1`, v+1); err != nil {
		return false, err
	}
	return false, tx.Commit()
}
