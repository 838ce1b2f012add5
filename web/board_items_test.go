package web

import (
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/testtool"
)

// attnCells are the dashboard's items that need a decision, in the order
// shown: its table's, then the missing teams'.
func attnCells(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(body, -1) {
		out = append(out, strings.Join(strings.Fields(html.UnescapeString(m[1])), ""))
	}
	return out
}

// A team that has not handed in keeps its overdue actions before
// leadership on the dashboard as in the overview's decision box: 丙团队
// hands in 2025Q1 only, and each of its items the overview lists is on the
// dashboard read the day the run was as of.
func TestDashboardMissingTeamItems(t *testing.T) {
	testtool.Require(t, "pdftotext")
	s, last := companyServer(t, "丙团队")
	sum, err := batch.ReadSummary(last)
	if err != nil {
		t.Fatal(err)
	}
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(last, sum.Overview), "-l", "1")), "")
	_, box, ok := strings.Cut(overview, "丙团队·最近一期2025Q1（") // labelled by the last period it handed in
	box, _, _ = strings.Cut(box, "未提交")
	if !ok || !strings.Contains(box, "逾期") {
		t.Fatalf("the overview lists no items of 丙团队:\n%s", overview)
	}
	body := get(t, s, boss, "/dashboard").Body.String()
	_, missing, _ := strings.Cut(body, "本期未提交")
	shown := strings.Join(attnCells(missing), "\n")
	for _, item := range strings.Split(box, "·")[1:] {
		if !strings.Contains(shown, item) {
			t.Errorf("the dashboard lacks 丙团队's %q of the overview:\n%s", item, shown)
		}
	}
}

// The dashboard's ages are as of the day it is read, as the team page's
// are: read 30 days after the run, each aged item is 30 days older than
// summary.json's (as of the run), in the page's language whatever the
// workbook's, each team's longest overdue first.
func TestDashboardItemsAsOfToday(t *testing.T) {
	s, last := companyServer(t, "丙团队")
	sum, err := batch.ReadSummary(last)
	if err != nil {
		t.Fatal(err)
	}
	s.cfg.Now = func() time.Time { return asOf.AddDate(0, 0, 30) }
	body := get(t, s, boss, "/dashboard").Body.String()
	cells := attnCells(body)
	shown := strings.Join(cells, "\n")
	aged := 0
	for _, e := range sum.Entries {
		for _, a := range e.AttentionItems {
			if a.OverdueDays == 0 {
				continue
			}
			aged++
			if want := "“" + a.Subject + "”逾期" + strconv.Itoa(a.OverdueDays+30) + "天"; !strings.Contains(shown, want) {
				t.Errorf("the dashboard read 30 days after the run lacks %q:\n%s", want, shown)
			}
		}
	}
	if aged == 0 {
		t.Fatal("the fixture has no aged items")
	}
	days := regexp.MustCompile(`逾期(\d+)天`)
	for _, team := range regexp.MustCompile(`(?s)<ul>(.*?)</ul>`).FindAllStringSubmatch(body, -1) {
		prev := 1 << 30
		for _, m := range days.FindAllStringSubmatch(team[1], -1) {
			n, _ := strconv.Atoi(m[1])
			if n > prev {
				t.Errorf("a team's items are not the longest overdue first: %s", team[1])
			}
			prev = n
		}
	}
	en := get(t, s, boss, "/dashboard?lang=en").Body.String()
	if regexp.MustCompile(`<li>[^<]*\p{Han}{2,}[^<]*(逾期|尚未|未达成)`).MatchString(en) || !strings.Contains(html.UnescapeString(en), "days overdue") {
		t.Errorf("the English dashboard shows items in Chinese:\n%s", strings.Join(attnCells(en), "\n"))
	}
}

// A team's page lists its open actions most urgent first, as the dashboard
// and the overview list items: the most days late first.
func TestTeamPageActionsMostOverdueFirst(t *testing.T) {
	s, _ := companyServer(t)
	body := get(t, s, boss, "/dashboard").Body.String()
	m := regexp.MustCompile(`href="(/teams/[^"]+)">乙团队<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the dashboard has no 乙团队:\n%s", body)
	}
	page := get(t, s, boss, m[1]).Body.String()
	var late []int
	for _, d := range regexp.MustCompile(`逾期 (\d+) 天`).FindAllStringSubmatch(page, -1) {
		n, _ := strconv.Atoi(d[1])
		late = append(late, n)
	}
	if len(late) < 2 {
		t.Fatalf("乙团队's page has %d late actions:\n%s", len(late), page)
	}
	for i := 1; i < len(late); i++ {
		if late[i] > late[i-1] {
			t.Errorf("乙团队's open actions are not the latest first: %v", late)
			break
		}
	}
}
