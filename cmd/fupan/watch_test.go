package main

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
)

// watch's run, called directly: a workbook dropped into the folder is
// reported and delivered once; saved again unchanged, it is looked at but
// neither reported nor delivered again; Ctrl-C (the context) ends it
// without an error.
func TestWatchRun(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	delivered, runs := 0, 0
	dropped := false
	w := watchOptions{
		Batch: batch.Options{Input: in, Output: out, Workers: 1},
		Watch: batch.WatchOptions{Poll: 20 * time.Millisecond, Settle: 10 * time.Millisecond,
			OnScan: func(seen, settled int) {
				mu.Lock()
				defer mu.Unlock()
				if !dropped {
					dropped = true
					b, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
					if err == nil {
						err = os.WriteFile(filepath.Join(in, "华东销售部_2025Q3.xlsx"), b, 0o644)
					}
					if err != nil {
						t.Error(err)
					}
				}
			},
			OnRun: func(s *batch.Summary) {
				mu.Lock()
				defer mu.Unlock()
				runs++
				switch runs {
				case 1: // the new workbook; then the same content saved again
					later := time.Now().Add(time.Minute)
					if err := os.Chtimes(filepath.Join(in, "华东销售部_2025Q3.xlsx"), later, later); err != nil {
						t.Error(err)
					}
				default: // a run that reported nothing new
					if s.Processed != 0 {
						t.Errorf("the unchanged workbook was processed again")
					}
					cancel()
				}
			}},
		Deliver: func() error {
			mu.Lock()
			delivered++
			mu.Unlock()
			return nil
		},
	}
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("watch ended with %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("watch did not end")
	}
	if _, err := os.Stat(filepath.Join(out, "华东销售部_2025Q3.pdf")); err != nil {
		t.Errorf("the dropped workbook was not reported: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if delivered != 1 {
		t.Errorf("delivered %d times over %d runs, want once", delivered, runs)
	}
}
