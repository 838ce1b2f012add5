package web

import (
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// fixtureCopy is a copy of the fixture's history, open for writing.
func fixtureCopy(t *testing.T) *sqlite.DB {
	t.Helper()
	b, err := os.ReadFile(getFixture(t).hist)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "history.sqlite")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), p, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// metOf is a team's 达标 on the dashboard.
func metOf(t *testing.T, s *Server, team string) string {
	t.Helper()
	body := html.UnescapeString(get(t, s, boss, "/dashboard").Body.String())
	m := regexp.MustCompile(`(?s)>` + team + `</a></td>\s*<td class="attn"[^>]*>.*?</td>\s*<td data-label="[^"]*">([^<]*)</td>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no row of %s on the dashboard:\n%s", team, body)
	}
	return m[1]
}

// The latest period's reviews forgotten (fupan history forget) and a run
// recording them again, one with other figures: the dashboard shows the new
// figures, never those it read of the history before.
func TestDashboardAfterForgetAndRecord(t *testing.T) {
	ctx := context.Background()
	db := fixtureCopy(t)
	s := newServer(t, func(c *Config) { c.History = db })
	id := fupan.NewIdentity(nil, nil)
	before := metOf(t, s, "华东销售部")
	// The two 2025Q3 reviews are the history's newest: forgetting both and
	// recording two gives back the ids and the count it had.
	for _, team := range []string{"华东销售部", "华南销售部"} {
		if ok, err := db.Forget(ctx, id.TeamKey(team), "2025Q3"); !ok || err != nil {
			t.Fatalf("forget %s: %v %v", team, ok, err)
		}
	}
	in := filepath.Join(t.TempDir(), "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for team, a := range map[string][3]string{"华东销售部": {"600万", "250家", "5%"}, "华南销售部": quarters[2].teams["华南销售部"]} {
		if err := xlsx.Build(filepath.Join(in, team+"_2025Q3.xlsx"), teamBook(team, a)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := batch.Run(ctx, batch.Options{Input: in, Output: filepath.Join(t.TempDir(), "out"), Workers: 1, History: db, Identity: id,
		Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}}); err != nil {
		t.Fatal(err)
	}
	list, err := db.Reviews(ctx, id.TeamKey("华东销售部"))
	if err != nil || len(list) != 3 || list[2].Period != "2025Q3" {
		t.Fatalf("华东销售部's reviews: %+v (%v)", list, err)
	}
	now, err := list[2].Figures()
	if err != nil {
		t.Fatal(err)
	}
	want := wording.OfAll(now.MetricsAchieved, now.Metrics)
	if want == before {
		t.Fatalf("the new figures (%s) are the old ones: the test shows nothing", want)
	}
	if got := metOf(t, s, "华东销售部"); got != want {
		t.Errorf("after forget and a new recording the dashboard shows 华东销售部 %s, the history holds %s (it showed %s before)", got, want, before)
	}
}

// rosterHistory is six quarters, 2024Q1 to 2025Q2, each run as a quarter is
// run (one output folder each, one history): 甲团队 and 乙团队 hand in
// every quarter, 丙团队 every one but the latest, 丁团队 2024Q1 alone (five
// recorded quarters ago: no longer expected). The latest quarter is run
// twice, without teams: and with teams (甲 乙 丙 己, 己 never recorded);
// each run's summary says its roster, as its overview does.
func rosterHistory(t *testing.T, teams []string) (hist, last string) {
	t.Helper()
	ctx := context.Background()
	root := t.TempDir()
	hist = filepath.Join(root, "fupan-history.sqlite")
	db, err := sqlite.Open(ctx, hist, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	quarters := []string{"2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"}
	for i, q := range quarters {
		in := filepath.Join(root, "in", q)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		books := []string{"甲团队", "乙团队"}
		if i < len(quarters)-1 {
			books = append(books, "丙团队")
		}
		if i == 0 {
			books = append(books, "丁团队")
		}
		for _, team := range books {
			if err := xlsx.Build(filepath.Join(in, team+"_"+q+".xlsx"), teamBook(team, [3]string{"1100万", "480家", "17%"})); err != nil {
				t.Fatal(err)
			}
		}
		last = filepath.Join(root, "out", q)
		o := batch.Options{Input: in, Output: last, Workers: 1, History: db, Identity: fupan.NewIdentity(nil, nil),
			Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}}
		if i == len(quarters)-1 {
			o.Teams = teams
		}
		if _, err := batch.Run(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	return hist, last
}

// The dashboard says who has not handed in the latest period as the run's
// overview says it (fupan.RosterOf: fupan.yaml's teams where it names them,
// else the teams of the latest four recorded periods), never a list of its
// own: leadership reads one list of missing teams.
func TestDashboardMissingAsTheOverview(t *testing.T) {
	for _, c := range []struct {
		name  string
		teams []string
		want  []string
	}{
		{"from the history", nil, []string{"丙团队"}},
		{"teams named", []string{"甲团队", "乙团队", "丙团队", "己团队"}, []string{"丙团队", "己团队"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			hist, last := rosterHistory(t, c.teams)
			sum, err := batch.ReadSummary(last)
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Roster) != 1 {
				t.Fatalf("the run's roster: %+v", sum.Roster)
			}
			r := sum.Roster[0]
			var overview []string
			for _, m := range r.Missing {
				overview = append(overview, m.Team)
			}
			if strings.Join(overview, ",") != strings.Join(c.want, ",") {
				t.Fatalf("the overview's missing teams %v, want %v", overview, c.want)
			}
			text := testtool.Text(t, filepath.Join(last, sum.Overview))
			for _, team := range c.want {
				if !strings.Contains(text, team) {
					t.Fatalf("the overview does not name %s:\n%s", team, text)
				}
			}
			ro, err := sqlite.Open(context.Background(), hist, sqlite.Options{ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = ro.Close() })
			s := newServer(t, func(cfg *Config) { cfg.History, cfg.Outs, cfg.Teams = ro, []string{last}, c.teams })
			body := html.UnescapeString(get(t, s, boss, "/dashboard").Body.String())
			var page []string
			if i := strings.Index(body, "本期未提交"); i >= 0 {
				list := body[i:]
				list = list[:strings.LastIndex(list, "</ul>")] // each team's items a list inside
				for _, m := range regexp.MustCompile(`<li>(?:<a [^>]*>)?([^<]*?)(?:</a>| · )`).FindAllStringSubmatch(list, -1) {
					page = append(page, m[1])
				}
			}
			if len(c.teams) > 0 && !strings.Contains(body, "己团队 · 从未提交") {
				t.Errorf("a team named, never recorded, is not said never to have handed in")
			}
			if strings.Join(page, ",") != strings.Join(overview, ",") {
				t.Errorf("the dashboard's missing teams %v, the overview's %v", page, overview)
			}
			if want := fmt.Sprintf("<dd>%d / %d</dd>", r.HandedIn, r.Expected); !strings.Contains(body, want) {
				t.Errorf("the dashboard's handed-in count is not the overview's %s", want)
			}
		})
	}
}

// countingHistory is a history that counts what the pages read of it.
type countingHistory struct {
	fupan.HistoryPages
	mu    sync.Mutex
	reads int // of the reviews: everything but the generation
}

func (h *countingHistory) read() {
	h.mu.Lock()
	h.reads++
	h.mu.Unlock()
}

func (h *countingHistory) LatestTwo(ctx context.Context) ([]fupan.Filed, error) {
	h.read()
	return h.HistoryPages.LatestTwo(ctx)
}

func (h *countingHistory) Recorded(ctx context.Context) ([]fupan.Recorded, error) {
	h.read()
	return h.HistoryPages.Recorded(ctx)
}

func (h *countingHistory) Past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	h.read()
	return h.HistoryPages.Past(ctx, teamKey)
}

// A dashboard read again while the history stays reads nothing of it but
// its generation, a missing team's past included; a change reads it anew.
func TestDashboardReadsTheHistoryOncePerChange(t *testing.T) {
	db := fixtureCopy(t)
	h := &countingHistory{HistoryPages: db}
	s := newServer(t, func(c *Config) { c.History = h })
	first := get(t, s, boss, "/dashboard").Body.String()
	n := h.reads
	if n == 0 || !strings.Contains(first, "华北销售部") {
		t.Fatalf("the first page read %d times, shows 华北销售部 missing: %v", n, strings.Contains(first, "华北销售部"))
	}
	if again := get(t, s, boss, "/dashboard"); again.Code != 200 || !strings.Contains(again.Body.String(), "华北销售部") {
		t.Fatalf("the second page: %d", again.Code)
	}
	if h.reads != n {
		t.Errorf("the second page read the history %d times more, with nothing changed", h.reads-n)
	}
	if ok, err := db.Forget(context.Background(), fupan.NewIdentity(nil, nil).TeamKey("华东销售部"), "2025Q3"); !ok || err != nil {
		t.Fatalf("forget: %v %v", ok, err)
	}
	get(t, s, boss, "/dashboard")
	if h.reads == n {
		t.Error("a review forgotten, and the page did not read the history again")
	}
}
