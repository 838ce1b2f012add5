package web

import (
	"context"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/xlsx"
)

// rendered records each page a test rendered: TestMain fails when a page
// never was, so no template goes untested.
var rendered sync.Map

func TestMain(m *testing.M) {
	code := m.Run()
	// Only a run of every test can say a page was never rendered.
	if f := flag.Lookup("test.run"); code == 0 && (f == nil || f.Value.String() == "") {
		var missing []string
		for _, name := range pageNames {
			if _, ok := rendered.Load(name); !ok {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: pages no test rendered: %s\n", strings.Join(missing, ", "))
			code = 1
		}
	}
	cleanupFixture()
	os.Exit(code)
}

var asOf = time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)

// fixture is three quarters of three teams, run as the monthly layout runs
// them (one output folder a quarter, one history beside them): 华东销售部
// and 华南销售部 every quarter, 华北销售部 in Q1 and Q2 only (not handed in
// for the latest).
type fixture struct {
	root string
	outs []string
	hist string
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

func cleanupFixture() {
	if fix != nil {
		_ = os.RemoveAll(fix.root)
	}
}

// actuals of the seed's three metrics, by team and quarter: 华东 improves,
// 华南 declines.
var quarters = []struct {
	q     string
	teams map[string][3]string
}{
	{"2025Q1", map[string][3]string{"华东销售部": {"960万", "400家", "15%"}, "华南销售部": {"1200万", "520家", "19%"}, "华北销售部": {"1000万", "450家", "15%"}}},
	{"2025Q2", map[string][3]string{"华东销售部": {"1020万", "450家", "16.5%"}, "华南销售部": {"1100万", "480家", "17%"}, "华北销售部": {"1050万", "470家", "16%"}}},
	{"2025Q3", map[string][3]string{"华东销售部": {"1200万", "520家", "14%"}, "华南销售部": {"900万", "380家", "12%"}}},
}

func getFixture(t testing.TB) *fixture {
	t.Helper()
	fixOnce.Do(func() { fix, fixErr = buildFixture() })
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

func buildFixture() (*fixture, error) {
	root, err := os.MkdirTemp("", "fupan-web-")
	if err != nil {
		return nil, err
	}
	f := &fixture{root: root, hist: filepath.Join(root, "out", "fupan-history.sqlite")}
	ctx := context.Background()
	if err := os.MkdirAll(filepath.Join(root, "out"), 0o755); err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, f.hist, sqlite.Options{})
	if err != nil {
		return nil, err
	}
	defer func() { _ = db.Close() }()
	for _, q := range quarters {
		in := filepath.Join(root, "in", q.q)
		if err := os.MkdirAll(in, 0o755); err != nil {
			return nil, err
		}
		for team, a := range q.teams {
			if err := xlsx.Build(filepath.Join(in, team+"_"+q.q+".xlsx"), teamBook(team, a)); err != nil {
				return nil, err
			}
		}
		out := filepath.Join(root, "out", q.q)
		_, err := batch.Run(ctx, batch.Options{Input: in, Output: out, Workers: 2, History: db, Identity: fupan.NewIdentity(nil, nil),
			Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}})
		if err != nil {
			return nil, err
		}
		f.outs = append(f.outs, out)
	}
	return f, nil
}

// teamBook is the seed's workbook for a team with its metrics' actuals (the
// stated achievement left blank, so fupan computes it).
func teamBook(team string, actuals [3]string) xlsx.Book {
	r := samples.SeedSimplified()
	for i, a := range actuals {
		r.Outcome.Rows[i][2], r.Outcome.Rows[i][3] = a, ""
	}
	return samples.Covered(samples.PerSheet(r), "封面", [][]string{{"团队", team}})
}

// people of the tests: their identities as the login proxy names them.
const (
	boss   = "boss"   // leadership
	east   = "east"   // team lead of 华东销售部
	ops    = "ops"    // operator
	nobody = "nobody" // logged in, no role
)

type serverOption func(*Config)

// newServer serves the fixture behind a login proxy at 192.0.2.0/24, where
// httptest's requests come from.
func newServer(t testing.TB, opts ...serverOption) *Server {
	t.Helper()
	f := getFixture(t)
	db, err := sqlite.Open(context.Background(), f.hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	cfg := Config{
		Outs:     f.outs,
		History:  db,
		Identity: fupan.NewIdentity(nil, nil),
		Settings: batch.Settings{Analyze: fupan.Options{}},
		Auth:     Auth{Proxy: true, Header: "X-Remote-User", Trusted: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
		Access: []Grant{
			{Identity: "proxy:" + boss, Role: RoleLeadership},
			{Identity: "proxy:" + east, Role: RoleTeam, Teams: []string{"华东销售部"}},
			{Identity: "proxy:" + ops, Role: RoleOperator},
		},
		TempDir: t.TempDir(),
		Now:     func() time.Time { return asOf },
	}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.pages.rendered = func(name string) { rendered.Store(name, true) }
	return s
}
