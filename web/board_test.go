package web

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
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
