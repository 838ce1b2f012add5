package wording

import (
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// Each outcome status, direction, milestone state, due item's state, follow-up status and kind of attention names a key the catalogue
// holds: the words a report shows for it.
func TestStatesHaveTheirCatalogueKeys(t *testing.T) {
	var keys []string
	for _, s := range []fupan.FollowStatus{fupan.FollowDone, fupan.FollowDoneLate, fupan.FollowOpen, fupan.FollowOverdue, fupan.FollowDropped, fupan.FollowUnknown} {
		keys = append(keys, s.Key())
	}
	for _, k := range []fupan.AttnKind{fupan.AttnMissedNoAction, fupan.AttnOffTrackNoMeasure, fupan.AttnMilestoneOverdue, fupan.AttnActionOverdue, fupan.AttnBlamesPerson, fupan.AttnFollowOverdue, fupan.AttnFollowUnknown} {
		keys = append(keys, k.Key())
	}
	for _, s := range []fupan.OutcomeStatus{fupan.StatusAchieved, fupan.StatusClose, fupan.StatusMissed} {
		keys = append(keys, s.Key())
	}
	for _, s := range []fupan.TrackState{fupan.StateAhead, fupan.StateOnTrack, fupan.StateOffTrack} {
		keys = append(keys, s.Key())
	}
	for _, d := range []fupan.Direction{fupan.Higher, fupan.Lower} {
		keys = append(keys, d.Key())
	}
	for _, d := range []fupan.DueState{fupan.DueSoon, fupan.Overdue, fupan.SubmitDue, fupan.SubmitOverdue} {
		keys = append(keys, d.Key())
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !catalog.Has(k) || seen[k] {
			t.Errorf("key %q: in the catalogue %v, named twice %v", k, catalog.Has(k), seen[k])
		}
		seen[k] = true
	}
}
