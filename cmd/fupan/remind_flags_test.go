package main

import (
	"strings"
	"testing"
)

// --within-days beyond any plan (the largest int, a year of 10,000 days) is
// bad usage, said plainly, never a date that overflows into the past.
func TestRemindWithinDaysBounded(t *testing.T) {
	for _, days := range []string{"9223372036854775807", "3651", "-1"} {
		_, stderr, code := runCLI(t, "remind", "--within-days", days, "--dry-run")
		if code != exitBadUsage || !strings.Contains(stderr, "--within-days") {
			t.Errorf("--within-days %s: exit %d\n%s", days, code, stderr)
		}
	}
}
