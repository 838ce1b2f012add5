package main

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/sqlite"
)

// everyPast is every team's recorded reviews, by team key, as the history
// holds them now.
func everyPast(ctx context.Context, db fupan.History) (map[string][]fupan.Past, error) {
	keys := map[string]bool{}
	err := db.EachReview(ctx, "", func(e sqlite.Entry) error {
		keys[e.TeamKey] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]fupan.Past, len(keys))
	for k := range keys {
		past, err := db.Past(ctx, k)
		if err != nil {
			return nil, err
		}
		out[k] = past
	}
	return out, nil
}
