package main

import (
	"testing"

	"github.com/fupan-review/fupan"
)

// TestActionsDoneLeavesCancelledOut: `fupan history`'s actions done are of
// the actions not cancelled, as the follow-through is of all but dropped: 1
// done, 1 cancelled of 3 is 1 / 2.
func TestActionsDoneLeavesCancelledOut(t *testing.T) {
	for _, c := range []struct {
		s    fupan.Summary
		want string
	}{
		{fupan.Summary{Actions: 3, ActionsDone: 1, ActionsDropped: 1, ActionsOpen: 1}, "1 / 2"},
		{fupan.Summary{Actions: 3, ActionsDone: 1, ActionsOpen: 2}, "1 / 3"},
		{fupan.Summary{Actions: 3, ActionsOpen: 3}, "—/3"},
		{fupan.Summary{Actions: 3, ActionsDropped: 1, ActionsOpen: 2}, "—/2"},
	} {
		if got := actionsDone(c.s); got != c.want {
			t.Errorf("%+v: %q, want %q", c.s, got, c.want)
		}
	}
}
