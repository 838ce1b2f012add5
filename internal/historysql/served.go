package historysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fupan-review/fupan"
)

// The queries of fupan serve's pages that both stores answer alike.

const filedColumns = `team_key, team, period, period_start, period_end, file, sha256, site, summary, recorded_at, output, input, errors, warnings`

// LatestTwo is each team's latest two recorded periods, newest first within
// a team: what a dashboard compares, in one query whatever the history's
// size. The window sorts only ids and dates; the rows' summaries are read
// for the two kept of each team (sorting whole rows took 70% of a dashboard).
func LatestTwo(ctx context.Context, q Querier) ([]fupan.Filed, error) {
	return filed(ctx, q, `SELECT `+filedColumns+` FROM reviews WHERE id IN (
		SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY team_key ORDER BY period_end DESC, period_start DESC) AS n FROM reviews) w
		WHERE n <= 2) ORDER BY team_key, period_end DESC, period_start DESC`)
}

// TeamFiled is every recorded period of one team, oldest first.
func TeamFiled(ctx context.Context, q Querier, d Dialect, teamKey string) ([]fupan.Filed, error) {
	return filed(ctx, q, d(`SELECT `+filedColumns+` FROM reviews WHERE team_key = ? ORDER BY period_end, period_start DESC`), teamKey)
}

func filed(ctx context.Context, q Querier, query string, args ...any) ([]fupan.Filed, error) {
	var out []fupan.Filed
	err := Each(ctx, q, query, args, func(rows *sql.Rows) error {
		var f fupan.Filed
		var start, end, recorded string
		var summary []byte
		if err := rows.Scan(&f.TeamKey, &f.Team, &f.Period, &start, &end, &f.File, &f.SHA256, &f.Site, &summary, &recorded,
			&f.Output, &f.Input, &f.Errors, &f.Warnings); err != nil {
			return err
		}
		if !json.Valid(summary) {
			return fmt.Errorf("%w: summary of %s %s", fupan.ErrHistoryDamaged, f.Team, f.Period)
		}
		f.Summary = summary
		f.Start, f.End = ISODate(start), ISODate(end)
		f.RecordedAt, _ = time.Parse(time.RFC3339, recorded)
		out = append(out, f)
		return nil
	})
	return out, err
}

// Recorded is every recorded review's team and period, ordered by team and
// period as EachReview lists them, without their summaries.
func Recorded(ctx context.Context, q Querier) ([]fupan.Recorded, error) {
	// Room for them all at once: growing the list took a quarter of the
	// time of a history of 36,000 reviews. A count stale by now only
	// misjudges the room.
	var n int
	if err := Each(ctx, q, `SELECT count(*) FROM reviews`, nil, func(rows *sql.Rows) error { return rows.Scan(&n) }); err != nil {
		return nil, err
	}
	out := make([]fupan.Recorded, 0, n)
	err := Each(ctx, q, `SELECT team_key, team, period, period_start, period_end FROM reviews ORDER BY team_key, period_start, period_end DESC`, nil,
		func(rows *sql.Rows) error {
			var r fupan.Recorded
			var start, end string
			if err := rows.Scan(&r.TeamKey, &r.Team, &r.Period.Label, &start, &end); err != nil {
				return err
			}
			r.Period.Start, r.Period.End = ISODate(start), ISODate(end)
			out = append(out, r)
			return nil
		})
	return out, err
}
