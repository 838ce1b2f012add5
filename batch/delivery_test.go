package batch

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// Records written by earlier versions (mail.json before statuses, with
// them, and notify.json) are read by the one delivery record, and written
// back with the same keys.
func TestDeliveryRecordReadsEarlierRecords(t *testing.T) {
	dir := t.TempDir()
	oldMail := `{
  "sent": {
    "all:0a1b": {"at": "2025-10-08T09:00:00Z", "message_id": "fupan.1@example.com", "to": ["lead@example.com"], "subject": "策略复盘报告 2025Q3"},
    "华东销售部:2c3d": {"status": "unknown", "at": "2025-10-08T09:01:00Z", "message_id": "fupan.2@example.com", "to": ["east@example.com"], "subject": "策略复盘报告"}
  }
}`
	oldNotify := `{
  "sent": {
    "wecom-1:4e5f": {"status": "sent", "at": "2025-10-08T09:02:00Z", "robot": "wecom-1", "title": "策略复盘 · 2025Q3"},
    "dingtalk-1:6a7b": {"status": "unknown", "at": "2025-10-08T09:03:00Z", "robot": "dingtalk-1", "title": "策略复盘 · 2025Q3"}
  }
}`
	for _, c := range []struct {
		name, text string
		unknown    map[string]bool
	}{
		{"mail.json", oldMail, map[string]bool{"all:0a1b": false, "华东销售部:2c3d": true}},
		{"notify.json", oldNotify, map[string]bool{"wecom-1:4e5f": false, "dingtalk-1:6a7b": true}},
	} {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		rec, err := readDeliveryRecord(path, "the record", "sent", "recording")
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(rec.Sent) != len(c.unknown) {
			t.Fatalf("%s: %d entries read, want %d", c.name, len(rec.Sent), len(c.unknown))
		}
		for k, want := range c.unknown {
			e, ok := rec.Sent[k]
			if !ok || e.unknown() != want || e.At.IsZero() {
				t.Errorf("%s: %s read as %+v (present %v); want unknown=%v", c.name, k, e, ok, want)
			}
		}
		if err := rec.save(); err != nil {
			t.Fatal(err)
		}
		if got, want := keysOf(t, path), keysOfText(t, c.text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s written back with keys %v; earlier versions wrote %v", c.name, got, want)
		}
	}
	// Deliveries, which the web page lists, reads both.
	if err := os.MkdirAll(filepath.Join(dir, "out", stateDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"mail.json": oldMail, "notify.json": oldNotify} {
		if err := os.WriteFile(filepath.Join(dir, "out", stateDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Deliveries(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"mail sent lead@example.com", "mail unknown east@example.com", "robot sent wecom-1", "robot unknown dingtalk-1"}
	var got []string
	for _, d := range list {
		got = append(got, d.Kind+" "+d.Status+" "+d.To)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Deliveries = %q; want %q", got, want)
	}
}

// keysOf is each entry's JSON keys in a record file.
func keysOf(t *testing.T, path string) map[string][]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return keysOfText(t, string(b))
}

func keysOfText(t *testing.T, text string) map[string][]string {
	var rec struct {
		Sent map[string]map[string]json.RawMessage `json:"sent"`
	}
	if err := json.Unmarshal([]byte(text), &rec); err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{}
	for k, e := range rec.Sent {
		for f := range e {
			keys[k] = append(keys[k], f)
		}
		sort.Strings(keys[k])
	}
	return keys
}
