package sqlite

import (
	"context"
	"fmt"
)

// SchemaVersion is the schema this fupan writes. Each migration brings a
// history from the version before it; the list is only ever appended to, and
// testdata holds a history of every earlier version.
const SchemaVersion = 6

var migrations = []string{
	// 1: reviews and their four tables, with the computed figures.
	`CREATE TABLE reviews (
		id            INTEGER PRIMARY KEY,
		team_key      TEXT NOT NULL,
		team          TEXT NOT NULL,
		period        TEXT NOT NULL,
		period_kind   TEXT NOT NULL,
		period_start  TEXT NOT NULL,
		period_end    TEXT NOT NULL,
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
		review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		code      TEXT NOT NULL,
		severity  TEXT NOT NULL,
		count     INTEGER NOT NULL,
		PRIMARY KEY (review_id, code)
	);
	CREATE TABLE plan_rows (
		review_id  INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq        INTEGER NOT NULL,
		cell       TEXT NOT NULL,
		goal       TEXT NOT NULL,
		task       TEXT NOT NULL,
		owner      TEXT NOT NULL,
		start      TEXT,
		due        TEXT,
		resources  TEXT NOT NULL,
		budget     REAL,
		people     REAL,
		acceptance TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE TABLE tracking_rows (
		review_id        INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq              INTEGER NOT NULL,
		cell             TEXT NOT NULL,
		task             TEXT NOT NULL,
		plan_task        TEXT NOT NULL,
		planned          TEXT NOT NULL,
		actual           TEXT NOT NULL,
		deviation        REAL,
		stated_deviation REAL,
		state            TEXT NOT NULL,
		done             INTEGER NOT NULL,
		problem          TEXT NOT NULL,
		countermeasure   TEXT NOT NULL,
		owner            TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE TABLE outcome_rows (
		review_id          INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
		seq                INTEGER NOT NULL,
		cell               TEXT NOT NULL,
		metric             TEXT NOT NULL,
		metric_key         TEXT NOT NULL,
		target             REAL,
		target_text        TEXT NOT NULL,
		actual             REAL,
		actual_text        TEXT NOT NULL,
		unit               TEXT NOT NULL,
		direction          TEXT NOT NULL,
		achievement        REAL,
		stated_achievement REAL,
		deviation          REAL,
		status             TEXT NOT NULL,
		cause              TEXT NOT NULL,
		lesson             TEXT NOT NULL,
		PRIMARY KEY (review_id, seq)
	);
	CREATE INDEX outcomes_by_metric ON outcome_rows (metric_key);
	CREATE TABLE action_rows (
		review_id  INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
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
		done       INTEGER NOT NULL,
		PRIMARY KEY (review_id, seq)
	);`,
	// 2: what fupan remind sent, so that an item due soon is reminded at
	// most once a day and an overdue one at most once a week.
	`CREATE TABLE reminders (
		robot    TEXT NOT NULL,
		team_key TEXT NOT NULL,
		item     TEXT NOT NULL,
		state    TEXT NOT NULL,
		sent_on  TEXT NOT NULL,
		PRIMARY KEY (robot, team_key, item, state)
	);`,
	// 3: last period's actions as followed up in a review (table 5, or a
	// tracked task), which remind names while they are not done.
	`CREATE TABLE followup_rows (
		review_id   INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
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
	// 4: where a review came from: the run's output folder and the input
	// file, so that a run knows whether the review the history holds is its
	// own, and names another folder's that it replaces. Empty: recorded by
	// an earlier fupan, or by report.
	`ALTER TABLE reviews ADD COLUMN output TEXT NOT NULL DEFAULT '';
	ALTER TABLE reviews ADD COLUMN input TEXT NOT NULL DEFAULT '';`,
	// 5: the site a review was made at (several sites may share a
	// history), and when its workbook was modified (RFC 3339, UTC), so that
	// of two recordings the later-modified is kept. Empty: not known.
	`ALTER TABLE reviews ADD COLUMN site TEXT NOT NULL DEFAULT '';
	ALTER TABLE reviews ADD COLUMN modified TEXT NOT NULL DEFAULT '';`,
	// 6: the history's generation, a count every change of the reviews
	// (record, forget, rename) moves on: fupan serve's pages keep what they
	// read while it stays. The newest id could not say it: a forgotten
	// newest review's id is given to the next.
	`CREATE TABLE generation (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
	INSERT INTO generation (one, n) VALUES (1, 0);`,
}

// Migrations is how many schema versions there are, for the test that
// holds PostgreSQL's list to the same length.
func Migrations() int { return len(migrations) }

// migrate brings the schema from version to SchemaVersion, each step in its
// own transaction with the version it reaches, so a killed migration leaves
// the history at the version before it.
func (h *DB) migrate(ctx context.Context, version int) error {
	h.write.Lock()
	defer h.write.Unlock()
	for v := version; v < SchemaVersion; v++ {
		tx, err := h.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Another process may have migrated it while this one waited.
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
			_ = tx.Rollback()
			return err
		}
		if now > v {
			_ = tx.Rollback()
			v = now - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("migrating the schema to version %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
