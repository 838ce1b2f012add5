package main

import (
	"context"
	"sort"
	"strings"

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

// resolveTeam is the key of the team --team names in the history: the name
// (its alias followed, else as written) where the history holds it, else
// the one team whose key holds it folded (华东 finds 华东大区). Several
// such teams are a usage error that lists them; none is the name's key,
// which lists nothing.
func resolveTeam(ctx context.Context, db fupan.History, id fupan.Identity, team string) (string, error) {
	keys, err := teamKeys(ctx, db)
	if err != nil {
		return "", failedError(err.Error())
	}
	key := id.TeamKey(team)
	if _, ok := keys[key]; ok {
		return key, nil
	}
	if plain := fupan.NewIdentity(id.Simplify, nil).TeamKey(team); keys[plain] != "" {
		return plain, nil
	}
	var like []string
	found := ""
	for k, name := range keys {
		if key != "" && strings.Contains(k, key) {
			like, found = append(like, name), k
		}
	}
	switch len(like) {
	case 0:
		return key, nil
	case 1:
		return found, nil
	}
	sort.Strings(like)
	return "", usageErrorf("--team %s matches %d teams: %s; give one of them", team, len(like), strings.Join(like, ", "))
}

// lessonKind reads --kind: experience or lesson, as fupan names them, or as
// teams write them (经验/教训, 經驗/教訓).
func lessonKind(k string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(k)) {
	case fupan.LessonExperience, "经验", "經驗":
		return fupan.LessonExperience, true
	case fupan.LessonAvoid, "教训", "教訓":
		return fupan.LessonAvoid, true
	}
	return "", false
}

// teamKeys are the keys the history holds reviews under, with the name of
// each key's latest review (a listing is ordered by team and period).
func teamKeys(ctx context.Context, h fupan.History) (map[string]string, error) {
	keys := map[string]string{}
	err := h.EachReview(ctx, "", func(e fupan.HistoryEntry) error {
		keys[e.TeamKey] = e.Team
		return nil
	})
	return keys, err
}
