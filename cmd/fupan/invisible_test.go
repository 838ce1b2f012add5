package main

import (
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/batch"
)

// A team name with invisible format characters (a zero-width space, a word
// joiner, a soft hyphen, a byte order mark, bidi marks) is the same team as
// the name without them: the history keeps one team, and the later period
// finds the earlier as its previous one.
func TestInvisibleCharactersInTeamName(t *testing.T) {
	for _, name := range []string{"华东\u200b大区", "华东\u2060大区", "华\u00ad东大区", "\ufeff华东大区", "华东大区\u200e"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writePeriod(t, root, period{dir: "2025Q2", file: "华东大区_2025Q2.xlsx", team: "华东大区", actuals: [3]string{"1020万", "450家", "16.5%"}})
			writePeriod(t, root, period{dir: "2025Q3", file: "华东大区_2025Q3.xlsx", team: name, actuals: [3]string{"1200万", "520家", "14%"}})
			runQuarter(t, root, "2025Q2")
			runQuarter(t, root, "2025Q3")
			if list := historyJSON(t, root, "--team", "华东大区"); len(list) != 2 {
				t.Errorf("history --team 华东大区 lists %d reviews, want 2: %+v", len(list), list)
			}
			sum, err := batch.ReadSummary(filepath.Join(root, "out", "2025Q3"))
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Entries) != 1 || sum.Entries[0].Previous == nil || sum.Entries[0].Previous.Period != "2025Q2" {
				t.Errorf("2025Q3 of %q: %d entries, no previous period 2025Q2", name, len(sum.Entries))
			}
		})
	}
}
