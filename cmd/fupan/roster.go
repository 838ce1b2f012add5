package main

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

// expectedTeams are fupan.yaml's teams:, the teams expected to hand in every
// period; none where it names none.
func expectedTeams(c *cli.Context) ([]string, error) {
	fc, _, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return nil, err
	}
	return fc.Teams, nil
}

// logMissing names each expected team that has not handed in: the run's
// counts alone would not say who.
func logMissing(ctx context.Context, rosters []fupan.Roster) {
	for _, r := range rosters {
		for _, m := range r.Missing {
			zerolog.Ctx(ctx).Warn().Str("team", m.Team).Str("period", m.Period).Str("last_period", m.LastPeriod).
				Int("expected", r.Expected).Int("handed_in", r.HandedIn).Msg("an expected team has not handed in its review")
		}
	}
}
