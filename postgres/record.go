package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Record keeps a review (fupan.History).
func (h *DB) Record(ctx context.Context, r fupan.Recording) error {
	_, _, err := h.RecordOver(ctx, r)
	return err
}

// RecordOver keeps a review in one transaction, returning the one it
// replaced. Of two recordings of a team's period the later-modified workbook
// is kept, whichever commits last: the upsert's WHERE decides it, under a
// lock of that team's period, so two sites cannot interleave.
func (h *DB) RecordOver(ctx context.Context, r fupan.Recording) (replaced fupan.Holder, found bool, err error) {
	replaced, found, err = h.record(ctx, r)
	switch {
	case errors.Is(err, fupan.ErrHistoryHeldNewer):
		return replaced, found, &fupan.HistoryError{Path: h.name, Op: "record", Err: err}
	case err != nil:
		return fupan.Holder{}, false, h.fail("record", err)
	}
	return replaced, found, nil
}

const holderQuery = `SELECT file, sha256, output, input, site FROM reviews WHERE team_key = $1 AND period = $2`

// upsert writes a review's row; no row comes back where the history holds
// one of a workbook modified later. $20 forces.
const upsert = `INSERT INTO reviews (team_key, team, period, period_kind, period_start, period_end,
		file, sha256, lang, reviewer, recorded_at, fupan_version, summary, errors, warnings, infos, output, input, site, modified)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
	ON CONFLICT (team_key, period) DO UPDATE SET team = excluded.team, period_kind = excluded.period_kind,
		period_start = excluded.period_start, period_end = excluded.period_end, file = excluded.file, sha256 = excluded.sha256,
		lang = excluded.lang, reviewer = excluded.reviewer, recorded_at = excluded.recorded_at, fupan_version = excluded.fupan_version,
		summary = excluded.summary, errors = excluded.errors, warnings = excluded.warnings, infos = excluded.infos,
		output = excluded.output, input = excluded.input, site = excluded.site, modified = excluded.modified
	WHERE $21 OR excluded.modified IS NULL OR reviews.modified IS NULL OR excluded.modified >= reviews.modified
	RETURNING id`

// clearRows takes a replaced review's rows away, in one statement.
const clearRows = `WITH f AS (DELETE FROM findings WHERE review_id = $1),
	p AS (DELETE FROM plan_rows WHERE review_id = $1),
	t AS (DELETE FROM tracking_rows WHERE review_id = $1),
	o AS (DELETE FROM outcome_rows WHERE review_id = $1),
	a AS (DELETE FROM action_rows WHERE review_id = $1)
	DELETE FROM followup_rows WHERE review_id = $1`

func (h *DB) record(ctx context.Context, r fupan.Recording) (replaced fupan.Holder, found bool, err error) {
	rv := r.Review
	period, err := fupan.ParsePeriod(rv.Meta.Period)
	if err != nil {
		return fupan.Holder{}, false, fmt.Errorf("%s: %w", rv.File, err)
	}
	summary, err := json.Marshal(rv.Summary)
	if err != nil {
		return fupan.Holder{}, false, err
	}
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return fupan.Holder{}, false, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	// One writer of a team's period at a time, whatever the site: the
	// holder read here is the one the upsert replaces.
	if _, err = tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, r.TeamKey, period.Label); err != nil {
		return fupan.Holder{}, false, err
	}
	switch err = tx.QueryRowContext(ctx, holderQuery, r.TeamKey, period.Label).Scan(&replaced.File, &replaced.SHA256, &replaced.Output, &replaced.Input, &replaced.Site); {
	case err == nil:
		found = true
	case errors.Is(err, sql.ErrNoRows):
		err = nil
	default:
		return fupan.Holder{}, false, err
	}
	var modified any
	if !r.Modified.IsZero() {
		modified = r.Modified
	}
	var id int64
	err = tx.QueryRowContext(ctx, upsert,
		r.TeamKey, rv.Meta.Team, period.Label, period.Kind(), period.Start.String(), period.End.String(),
		rv.File, r.SHA256, string(rv.Meta.Lang), rv.Meta.Reviewer, r.RecordedAt.UTC().Format(time.RFC3339), r.Version,
		string(summary), rv.Summary.Errors, rv.Summary.Warnings, rv.Summary.Infos, r.Output, r.Input, r.Site, modified, r.Force).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = fupan.ErrHistoryHeldNewer
		return replaced, found, err
	}
	if err != nil {
		return fupan.Holder{}, false, err
	}
	if found {
		if _, err = tx.ExecContext(ctx, clearRows, id); err != nil {
			return fupan.Holder{}, false, err
		}
	}
	if err = insertRows(ctx, tx, id, r); err != nil {
		return fupan.Holder{}, false, err
	}
	if _, err = tx.ExecContext(ctx, historysql.Changed); err != nil {
		return fupan.Holder{}, false, err
	}
	return replaced, found, tx.Commit()
}

// insertRows writes the four tables, the follow-ups and the findings' counts
// of review id, each table in one statement.
func insertRows(ctx context.Context, tx *sql.Tx, id int64, r fupan.Recording) error {
	b := rowsInsert{ctx: ctx, tx: tx}
	historysql.ReviewRows(id, r, b.add)
	b.flush()
	return b.err
}

// rowsInsert gathers rows of one table into one INSERT. PostgreSQL takes
// 65,535 parameters a statement: a flush every 1,000 rows stays far below.
type rowsInsert struct {
	ctx   context.Context
	tx    *sql.Tx
	table string
	width int
	n     int
	args  []any
	err   error
}

func (b *rowsInsert) add(table string, values ...any) {
	if table != b.table || b.n == 1000 {
		b.flush()
	}
	b.table, b.width = table, len(values)
	b.args = append(b.args, values...)
	b.n++
}

func (b *rowsInsert) flush() {
	if b.n > 0 && b.err == nil {
		var q strings.Builder
		q.WriteString("INSERT INTO " + b.table + " VALUES ")
		for i := range b.n {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for j := range b.width {
				if j > 0 {
					q.WriteByte(',')
				}
				q.WriteString("$" + strconv.Itoa(i*b.width+j+1))
			}
			q.WriteByte(')')
		}
		if _, err := b.tx.ExecContext(b.ctx, q.String(), b.args...); err != nil {
			b.err = fmt.Errorf("%s: %w", b.table, err)
		}
	}
	b.n, b.args = 0, b.args[:0]
}

// Forget removes one team's review of one period; its rows go with it.
func (h *DB) Forget(ctx context.Context, teamKey, period string) (bool, error) {
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return false, h.fail("forget", err)
	}
	defer func() { _ = tx.Rollback() }()
	res, err := tx.ExecContext(ctx, `DELETE FROM reviews WHERE team_key = $1 AND period = $2`, teamKey, period)
	if err != nil {
		return false, h.fail("forget", err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, historysql.Changed); err != nil {
		return false, h.fail("forget", err)
	}
	if err := tx.Commit(); err != nil {
		return false, h.fail("forget", err)
	}
	return true, nil
}
