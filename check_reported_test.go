package fupan

import "testing"

// A table whose header lacks a column is reported once, as column-missing,
// not again as table-missing; another table's column-missing does not count
// for it, in any language.
func TestTableReported(t *testing.T) {
	for _, l := range []Lang{Simplified, Traditional, English} {
		fs := &findings{lang: l}
		fs.add(CodeColumnMissing, Ref{Sheet: "S", Row: 2, Col: 1}, tableTitle(TrackingTable), 2, "x")
		if !tableReported(fs.list, TrackingTable) {
			t.Errorf("%s: the tracking table's column-missing is not seen", l)
		}
		for _, id := range []TableID{PlanTable, OutcomeTable, ActionTable} {
			if tableReported(fs.list, id) {
				t.Errorf("%s: table %v counted as reported by another table's column-missing", l, id)
			}
		}
	}
}
