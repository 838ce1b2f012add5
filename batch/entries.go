package batch

import (
	"time"

	"github.com/fupan-review/fupan/catalog"
)

// markUnjudged turns the inputs a stopped run left unjudged into entries
// saying so (failed, interrupted), so that summary.json and the overview
// list every input; it returns how many. They are not recorded in OUT: the
// next run does them.
func (r *run) markUnjudged(entries []Entry, unjudged []bool) int {
	n := 0
	for i, u := range unjudged {
		if !u {
			continue
		}
		entries[i] = Entry{File: r.cands[i].rel, Status: StatusFailed, Reason: catalog.T(r.o.lang(), "skip.interrupted"),
			Interrupted: true, Retry: true, ProcessedAt: time.Now()}
		n++
	}
	return n
}

// kept are the run's entries, inputs it did not reach keeping what an
// earlier run recorded.
func (r *run) kept(entries []Entry) []Entry {
	var kept []Entry
	for i, e := range entries {
		if e.Status == "" {
			prev, ok := r.st.previous(r.cands[i].rel)
			if !ok {
				continue
			}
			prev.Skipped = true
			e = prev
		}
		kept = append(kept, e)
	}
	return kept
}

// tally counts the entries by status.
func (sum *Summary) tally() {
	for _, e := range sum.Entries {
		switch {
		case e.Status == StatusIgnored:
			sum.Ignored++
		case e.Status == StatusFailed:
			sum.Failed++
		case e.Status == StatusNotFilled:
			sum.NotFilled++
		default:
			sum.OK++
		}
		if e.Skipped {
			sum.Skipped++
		} else if !e.rejected && !e.Interrupted {
			sum.Processed++
		}
	}
}
