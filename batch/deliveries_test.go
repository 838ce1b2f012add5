package batch_test

import (
	"testing"

	"github.com/fupan-review/fupan/batch"
)

// What was posted of a run reads back from its record: one delivery per
// robot that took the summary, none before.
func TestDeliveries(t *testing.T) {
	out, _, targets, _, ctx := notifyRun(t, 2)
	if list, err := batch.Deliveries(out); err != nil || len(list) != 0 {
		t.Fatalf("before posting: %v, %v", list, err)
	}
	if _, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets}); err != nil {
		t.Fatal(err)
	}
	list, err := batch.Deliveries(out)
	if err != nil || len(list) != len(targets) {
		t.Fatalf("after posting to %d robots: %v, %v", len(targets), list, err)
	}
	for _, d := range list {
		if d.Kind != "robot" || d.Status != "sent" || d.To == "" || d.Title == "" || d.At.IsZero() {
			t.Errorf("delivery %+v", d)
		}
	}
}
