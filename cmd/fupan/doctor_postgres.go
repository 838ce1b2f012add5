package main

import (
	"context"
	"errors"
	"net/url"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/postgres"
)

// checkServerHistory opens a PostgreSQL history read-only, as inspect
// would, and says its schema and how many reviews it holds. Its backup is
// pg_dump's, not a file beside it: that check is skipped.
func (d *doctor) checkServerHistory(ctx context.Context, rawURL, passwordEnv string) {
	shown := postgres.Redact(rawURL)
	if u, err := url.Parse(rawURL); err == nil {
		if _, has := u.User.Password(); has || u.Query().Has("password") {
			d.add("history", statusFail, "doctor.history.pgpassword", shown).fix(d.o.Lang, "doctor.history.pgpassword.fix")
			return
		}
	}
	db, err := openStore(ctx, rawURL, true, passwordEnv)
	switch {
	case errors.Is(err, postgres.ErrNoHistory):
		d.add("history", statusOK, "doctor.history.pgnew", shown)
		d.add("backup", statusSkipped, "doctor.backup.postgres")
		return
	case errors.Is(err, postgres.ErrOlderSchema):
		d.add("history", statusWarning, "doctor.history.older", shown).fix(d.o.Lang, "doctor.history.pgolder.fix")
		return
	case errors.Is(err, postgres.ErrNewerSchema):
		d.add("history", statusFail, "doctor.history.bad", shown, err).fix(d.o.Lang, "doctor.history.newer.fix")
		return
	case errors.Is(err, fupan.ErrHistoryUnreachable):
		d.add("history", statusFail, "doctor.history.bad", shown, err).fix(d.o.Lang, "doctor.history.pgdown.fix")
		return
	case err != nil:
		d.add("history", statusFail, "doctor.history.bad", shown, err).fix(d.o.Lang, "doctor.history.pgbad.fix")
		return
	}
	defer func() { _ = db.Close() }()
	reviews, err := db.Reviews(ctx, "")
	if err != nil {
		d.add("history", statusFail, "doctor.history.bad", shown, err).fix(d.o.Lang, "doctor.history.pgbad.fix")
		return
	}
	d.add("history", statusOK, "doctor.history.pg", db.Path(), postgres.SchemaVersion, len(reviews))
	d.add("backup", statusSkipped, "doctor.backup.postgres")
}
