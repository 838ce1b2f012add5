package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
)

// A run stopped (SIGTERM) with its last workbook judged, or with some left
// unjudged: no delivery starts with the stopped context, and the command
// says it was interrupted (exit 1).
func TestNoDeliveryAfterInterrupt(t *testing.T) {
	now := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	settings := batch.Settings{Analyze: fupan.Options{Now: now}}
	settings.Analyze.Now = now
	for _, stopAt := range []int{1, 5} { // of the samples' five workbooks
		ctx, cancel := context.WithCancel(context.Background())
		delivered := 0
		o := runOptions{
			Batch: batch.Options{Input: "../../samples", Output: t.TempDir(), Workers: 1, Settings: settings,
				Progress: func(done, _ int) {
					if done == stopAt {
						cancel()
					}
				}},
			Deliver: func() error { delivered++; return nil },
		}
		var stdout, stderr bytes.Buffer
		err := o.run(ctx, &stdout, &stderr)
		cancel()
		if exitCode(err) != exitFailed || !strings.Contains(err.Error(), "interrupted") {
			t.Errorf("stopped after %d: exit %d (%v), want %d saying interrupted", stopAt, exitCode(err), err, exitFailed)
		}
		if delivered != 0 {
			t.Errorf("stopped after %d: delivered %d times with a stopped context", stopAt, delivered)
		}
	}
}
