package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Record keeps a review, replacing the team's entry for the same period, in
// one transaction: a process killed at any moment leaves the history as it
// was, or with the whole review. A review of a workbook modified before the
// one held is not kept (fupan.ErrHistoryHeldNewer).
func (h *DB) Record(ctx context.Context, r Recording) error {
	_, _, err := h.RecordOver(ctx, r)
	return err
}

// RecordOver is Record, returning the review it replaced, if any.
func (h *DB) RecordOver(ctx context.Context, r Recording) (replaced Holder, found bool, err error) {
	if replaced, found, err = h.record(ctx, r); err != nil {
		if errors.Is(err, fupan.ErrHistoryHeldNewer) {
			return replaced, found, herr(h.path, "record", err)
		}
		return Holder{}, false, herr(h.path, "record", classify(err))
	}
	return replaced, found, nil
}

func (h *DB) record(ctx context.Context, r Recording) (replaced Holder, found bool, err error) {
	rv := r.Review
	period, err := fupan.ParsePeriod(rv.Meta.Period)
	if err != nil {
		return Holder{}, false, fmt.Errorf("%s: %w", rv.File, err)
	}
	summary, err := json.Marshal(rv.Summary)
	if err != nil {
		return Holder{}, false, err
	}
	h.write.Lock()
	defer h.write.Unlock()
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return Holder{}, false, err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	exec := func(query string, args ...any) (sql.Result, error) {
		s, err := h.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		return tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	s, err := h.stmt(ctx, holderQuery)
	if err != nil {
		return Holder{}, false, err
	}
	var modified string
	switch err = tx.StmtContext(ctx, s).QueryRowContext(ctx, r.TeamKey, period.Label).Scan(&replaced.File, &replaced.SHA256, &replaced.Output, &replaced.Input, &replaced.Site, &modified); {
	case err == nil:
		found = true
	case errors.Is(err, sql.ErrNoRows):
		err = nil
	default:
		return Holder{}, false, err
	}
	// The transaction holds the write lock: no other writer comes between
	// this look and the write.
	if held, perr := time.Parse(time.RFC3339Nano, modified); found && perr == nil && !r.Force && !r.Modified.IsZero() && held.After(r.Modified) {
		err = fupan.ErrHistoryHeldNewer
		return replaced, found, err
	}
	// Rows of the replaced review go with it (ON DELETE CASCADE).
	if _, err = exec("DELETE FROM reviews WHERE team_key = ? AND period = ?", r.TeamKey, period.Label); err != nil {
		return Holder{}, false, err
	}
	res, err := exec(`INSERT INTO reviews (id, team_key, team, period, period_kind, period_start, period_end,
		file, sha256, lang, reviewer, recorded_at, fupan_version, summary, errors, warnings, infos, output, input, site, modified)
		VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.TeamKey, rv.Meta.Team, period.Label, period.Kind(), period.Start.String(), period.End.String(),
		rv.File, r.SHA256, string(rv.Meta.Lang), rv.Meta.Reviewer, r.RecordedAt.UTC().Format(time.RFC3339), r.Version,
		string(summary), rv.Summary.Errors, rv.Summary.Warnings, rv.Summary.Infos, r.Output, r.Input, r.Site, modifiedText(r.Modified))
	if err != nil {
		return Holder{}, false, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Holder{}, false, err
	}
	if err = insertRows(id, r, exec); err != nil {
		return Holder{}, false, err
	}
	if _, err = exec(historysql.Changed); err != nil {
		return Holder{}, false, err
	}
	return replaced, found, tx.Commit()
}

// holderQuery is whose review the history holds of a team's period.
const holderQuery = `SELECT file, sha256, output, input, site, modified FROM reviews WHERE team_key = ? AND period = ?`

// modifiedText is a workbook's modification time as stored: "" for none.
func modifiedText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// insertRows writes the four tables and the findings counts of review id,
// several rows to a statement: executing statements, not storing rows, was
// most of recording a review.
func insertRows(id int64, r Recording, exec func(string, ...any) (sql.Result, error)) error {
	rows := batchInsert{exec: exec}
	historysql.ReviewRows(id, r, func(table string, values ...any) { rows.add(table, len(values), values...) })
	return rows.flush()
}

// batchInsert gathers rows of one table into multi-row INSERTs.
type batchInsert struct {
	exec  func(string, ...any) (sql.Result, error)
	table string
	width int
	n     int
	args  []any
	err   error
}

// rowsPerInsert keeps a statement's parameters far below SQLite's limit
// (32,766) whatever the table's width.
const rowsPerInsert = 64

func (b *batchInsert) add(table string, width int, values ...any) {
	if table != b.table || b.n == rowsPerInsert {
		_ = b.flush()
		b.table, b.width = table, width
	}
	b.args = append(b.args, values...)
	b.n++
}

func (b *batchInsert) flush() error {
	if b.n > 0 && b.err == nil {
		row := "(?" + strings.Repeat(",?", b.width-1) + ")"
		query := "INSERT INTO " + b.table + " VALUES " + row + strings.Repeat(","+row, b.n-1)
		_, b.err = b.exec(query, b.args...)
	}
	b.n, b.args = 0, b.args[:0]
	return b.err
}
