package fupan_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
)

// The hand-written encoding of an entry is json.Marshal's, byte for byte,
// for names with every kind of character a team can type or a file system
// can hold.
func TestAppendJSONIsMarshal(t *testing.T) {
	names := []string{"华东销售部", "華東銷售部", "East \"China\" <Sales> & Co\\", "tab\tnew\nline\r\x00\x1f\x7f",
		"bad \xff\xfe utf-8", "line\u2028sep\u2029para", "emoji 😀 𠮷", ""}
	for _, name := range names {
		e := fupan.HistoryEntry{Team: name, Period: "2025Q3", Start: fupan.Date{Year: 2025, Month: 7, Day: 1}, File: name + ".xlsx",
			SHA256: "ab", Site: name, Summary: json.RawMessage(`{"metrics":3,"mean_achievement":0.913}`),
			RecordedAt: time.Date(2025, 10, 8, 9, 30, 1, 500, time.UTC)}
		want, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.AppendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", name, got, want)
		}
	}
}
