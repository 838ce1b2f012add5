package historysql

import (
	"context"
	"database/sql"
	"fmt"
)

// Changed moves the history's generation on (the one row of table
// generation, schema 6). Every write of the reviews (record, forget, rename)
// runs it in its own transaction, last before committing: PostgreSQL holds
// the row until the commit, so other sites' recordings wait the least.
// Neither the newest id nor the count can stand for it: SQLite gives a
// forgotten newest review's id to the next, and a rename keeps both.
const Changed = `UPDATE generation SET n = n + 1`

// Generation is the count of the history's changes, with its newest id and
// the count of its reviews (a history put back from a backup counts its
// changes from where the backup did).
func Generation(ctx context.Context, q Querier) (string, error) {
	var g, maxID, n int64
	err := Each(ctx, q, `SELECT (SELECT n FROM generation), coalesce(max(id), 0), count(*) FROM reviews`, nil, func(rows *sql.Rows) error {
		return rows.Scan(&g, &maxID, &n)
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d-%d-%d", g, maxID, n), nil
}
