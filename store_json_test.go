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

// A cell as a history stores it reads back as the same reference.
func TestParseRef(t *testing.T) {
	for _, r := range []fupan.Ref{{Sheet: "结果复盘表", Row: 3, Col: 1}, {Sheet: "Sheet 1", Row: 12, Col: 28}, {Sheet: "it's!", Row: 1, Col: 703},
		{Sheet: "表"}, {Sheet: "a-b", Row: 9, Col: 26}} {
		got, ok := fupan.ParseRef(r.String())
		if !ok || got != r {
			t.Errorf("%s reads as %+v (%v), want %+v", r, got, ok, r)
		}
	}
	for _, bad := range []string{"'open!A1", "表!1", "表!A0", "表!a1"} {
		if r, ok := fupan.ParseRef(bad); ok {
			t.Errorf("%q reads as %+v", bad, r)
		}
	}
}
