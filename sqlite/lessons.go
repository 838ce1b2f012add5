package sqlite

import (
	"context"
	"database/sql"

	"github.com/fupan-review/fupan"
)

// Lessons are the 经验/教训 of every recorded review, newest period first,
// each with its kind (experience or lesson).
func (h *DB) Lessons(ctx context.Context) ([]fupan.Lesson, error) {
	rows, err := h.db.QueryContext(ctx, `SELECT r.team, r.team_key, r.period, r.period_end, r.file, o.metric, o.metric_key,
		o.lesson, o.cause, o.achievement, o.status
		FROM outcome_rows o JOIN reviews r ON r.id = o.review_id
		WHERE trim(o.lesson) != ''
		ORDER BY r.period_end DESC, r.team_key, o.seq`)
	if err != nil {
		return nil, herr(h.path, "read", classify(err))
	}
	defer func() { _ = rows.Close() }()
	var out []fupan.Lesson
	for rows.Next() {
		var l fupan.Lesson
		var end string
		var ach sql.NullFloat64
		if err := rows.Scan(&l.Team, &l.TeamKey, &l.Period, &end, &l.File, &l.Metric, &l.MetricKey, &l.Text, &l.Cause, &ach, &l.Status); err != nil {
			return nil, herr(h.path, "read", err)
		}
		l.End = isoDate(end)
		if ach.Valid {
			v := ach.Float64
			l.Achievement = &v
		}
		l.Kind = fupan.LessonKind(l.Text, l.Status)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, herr(h.path, "read", classify(err))
	}
	return out, nil
}
