package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	samples "github.com/fupan-review/fupan/samples/gen"
)

// 2025Q3's table 4 sets again an action of 2025Q2 it follows up in table 5:
// the register holds it once, with the due date first promised (the later
// one as where it was moved) and the later owner, and a dry
// run of remind lists it once, with no webhook in the environment (a dry
// run posts nothing and needs no secret).
func TestRemindRepeatedActionOnce(t *testing.T) {
	root := t.TempDir()
	q2 := samples.SeedSimplified()
	q2.Acts.Rows = [][]string{{"重建西区渠道", "签约两家经销商", "周九", "2025-06-30", "", "合同签订"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "西区_2025Q2.xlsx"), samples.PerSheet(q2))
	q3 := samples.SeedSimplified()
	q3.Acts.Rows = [][]string{{"重建西区渠道", "再签约两家经销商", "吴十", "2025-12-31", "", "合同签订"}}
	q3.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"重建西区渠道", "签约两家经销商", "周九", "2025-06-30", "", "进行中", "", "签了一家"}}}
	writeBook(t, filepath.Join(root, "in", "2025Q3", "西区_2025Q3.xlsx"), samples.PerSheet(q3))
	runQuarter(t, root, "2025Q2")
	runQuarter(t, root, "2025Q3")
	hist := filepath.Join(root, "out", "fupan-history.sqlite")
	out, stderr, code := runCLI(t, "actions", "--json", "--history", hist)
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct {
		Action, Owner, Due string
		MovedTo            string `json:"due_moved_to"`
		FromPeriod         string `json:"from_period"`
	}
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatalf("actions --json: %v\n%s", err, out)
	}
	n := 0
	for _, e := range reg {
		if e.Action == "重建西区渠道" {
			n++
			if e.Owner != "吴十" || e.Due != "2025-06-30" || e.MovedTo != "2025-12-31" || e.FromPeriod != "2025Q2" {
				t.Errorf("the repeated action: %+v", e)
			}
		}
	}
	if n != 1 {
		t.Errorf("the register holds the repeated action %d times:\n%s", n, out)
	}
	os.Unsetenv("FUPAN_TEST_UNSET_WEBHOOK")
	cfg := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("notify:\n  - kind: wecom\n    webhook_env: FUPAN_TEST_UNSET_WEBHOOK\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, code = runCLI(t, "remind", "--dry-run", "--history", hist, "--config", cfg, "--within-days", "3")
	if code != 0 {
		t.Fatalf("remind --dry-run without the webhook set: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "is not set") || !strings.Contains(stderr, "dry run posts nothing") {
		t.Errorf("remind --dry-run does not say the webhook's variable is not set:\n%s", stderr)
	}
	if c := strings.Count(out, "重建西区渠道"); c != 1 {
		t.Errorf("the reminder names the repeated action %d times:\n%s", c, out)
	}
}

// The repeated action needs one decision, not two: 2025Q3's report names
// it once among what needs a decision, by the date first promised, with
// table 4's as where it was moved.
func TestAttentionRepeatedActionOnce(t *testing.T) {
	root := t.TempDir()
	q2 := samples.SeedSimplified()
	q2.Acts.Rows = [][]string{{"重建西区渠道", "签约两家经销商", "周九", "2025-06-30", "", "合同签订"}}
	writeBook(t, filepath.Join(root, "in", "2025Q2", "西区_2025Q2.xlsx"), samples.PerSheet(q2))
	q3 := samples.SeedSimplified()
	q3.Acts.Rows = [][]string{{"重建西区渠道", "再签约两家经销商", "吴十", "2025-09-20", "", "合同签订"}}
	writeBook(t, filepath.Join(root, "in", "2025Q3", "西区_2025Q3.xlsx"), samples.PerSheet(q3))
	runQuarter(t, root, "2025Q2")
	runQuarter(t, root, "2025Q3")
	data, err := os.ReadFile(filepath.Join(root, "out", "2025Q3", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Entries []struct{ Attention []string }
	}
	if err := json.Unmarshal(data, &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Entries) != 1 || strings.Count(strings.Join(sum.Entries[0].Attention, "\n"), "重建西区渠道") != 1 ||
		!strings.Contains(strings.Join(sum.Entries[0].Attention, "\n"), "原定 2025-06-30，改至 2025-09-20") {
		t.Errorf("what needs a decision: %+v", sum.Entries)
	}
}
