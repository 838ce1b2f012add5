package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
)

// "Today" is the config's timezone's for every command, as remind's was:
// fupan actions counts an action's age to today there. Two zones 25 hours
// apart (UTC+14, UTC−11) are never on the same date, so the ages differ
// whatever the hour the test runs.
func TestTodayInTheConfigsTimezone(t *testing.T) {
	root := t.TempDir()
	hist := filepath.Join(root, "h.sqlite")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", filepath.Join(root, "out"), "--history", hist, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	ages := map[string]int{}
	for _, zone := range []string{"Pacific/Kiritimati", "Pacific/Pago_Pago"} {
		cfg := filepath.Join(root, zone[8:]+".yaml")
		if err := os.WriteFile(cfg, []byte("timezone: "+zone+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := runCLI(t, "actions", "--history", hist, "--config", cfg, "--team", "华东销售部", "--open", "--json")
		if code != 0 {
			t.Fatalf("actions (%s): exit %d\n%s", zone, code, stderr)
		}
		var reg []struct {
			Action string
			Due    string
			Age    int `json:"age_days"`
		}
		if err := json.Unmarshal([]byte(out), &reg); err != nil || len(reg) == 0 {
			t.Fatalf("actions (%s): %v\n%s", zone, err, out)
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		due, err := time.Parse("2006-01-02", reg[0].Due)
		if err != nil {
			t.Fatal(err)
		}
		if want := fupan.DaysLate(fupan.DateOf(due), fupan.DateOf(time.Now().In(loc))); reg[0].Age != want {
			t.Errorf("%s: %s is %d days late, want %d (today there)", zone, reg[0].Action, reg[0].Age, want)
		}
		ages[zone] = reg[0].Age
	}
	if ages["Pacific/Kiritimati"] <= ages["Pacific/Pago_Pago"] {
		t.Errorf("ages %v: UTC+14's today is later than UTC−11's", ages)
	}
	// A timezone that is not one is said, with the config's name.
	bad := filepath.Join(root, "bad.yaml")
	if err := os.WriteFile(bad, []byte("timezone: Mars/Olympus\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "actions", "--history", hist, "--config", bad); code != 2 || !strings.Contains(stderr, "Mars/Olympus") || !strings.Contains(stderr, "bad.yaml") {
		t.Errorf("a bad timezone: exit %d\n%s", code, stderr)
	}
}
