package web

import (
	"context"
	"html"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/xlsx"
)

// A team's page lists its open actions as the register holds them (fupan
// actions --open): an action table 4 marks cancelled (取消) is closed, not
// open; one the team marks done is closed; an earlier period's action not
// yet followed up stays open, with the period that set it.
func TestTeamPageActionsAsTheRegister(t *testing.T) {
	root := t.TempDir()
	ctx := context.Background()
	out := filepath.Join(root, "out")
	hist := filepath.Join(root, "fupan-history.sqlite")
	db, err := sqlite.Open(ctx, hist, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q2 := samples.SeedSimplified()
	q2.Acts.Header = append(q2.Acts.Header, "状态")
	q2.Acts.Rows = [][]string{
		{"降低新客户获取成本", "优化地推活动客群画像", "王五", "12.10前", "市场部数据", "新客户获取成本≤预算的80%", "取消"},
		{"提升线上推广转化率", "增加3个用户证言素材", "李四", "12.20前", "设计部配合", "转化率≥5%", "已完成"},
		{"建立周报机制", "每周一汇总", "赵六", "12.30前", "无", "每周一发出", "进行中"},
	}
	q1 := samples.SeedSimplified()
	q1.Acts.Rows = [][]string{{"梳理客户名单", "按行业分层", "钱七", "6.30前", "无", "名单完成并分层"}}
	for _, p := range []struct {
		q string
		r samples.Review
	}{{"2025Q1", q1}, {"2025Q2", q2}} {
		in := filepath.Join(root, "in", p.q)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := xlsx.Build(filepath.Join(in, "华东销售部_"+p.q+".xlsx"), samples.PerSheet(p.r)); err != nil {
			t.Fatal(err)
		}
		if _, err := batch.Run(ctx, batch.Options{Input: in, Output: filepath.Join(out, p.q), Workers: 1, History: db, Identity: fupan.NewIdentity(nil, nil),
			Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}}); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	ro, err := sqlite.Open(ctx, hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ro.Close() })
	s, err := New(Config{Outs: []string{filepath.Join(out, "2025Q2")}, History: ro, Identity: fupan.NewIdentity(nil, nil),
		Auth:    Auth{Proxy: true, Header: "X-Remote-User", Trusted: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
		Access:  []Grant{{Identity: "proxy:" + boss, Role: RoleLeadership}},
		TempDir: t.TempDir(), Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	body := html.UnescapeString(get(t, s, boss, path("teams", "华东销售部")).Body.String())
	i := strings.Index(body, "的未完成行动")
	if i < 0 {
		t.Fatalf("no open actions on the team page:\n%s", body)
	}
	actions := body[i:]
	if j := strings.Index(actions, "</table>"); j > 0 {
		actions = actions[:j]
	}
	for _, want := range []string{"建立周报机制", "梳理客户名单", "2025-06-30", "逾期 100 天", ">191 天<"} {
		if !strings.Contains(actions, want) {
			t.Errorf("open actions: no %q\n%s", want, actions)
		}
	}
	for _, closed := range []string{"降低新客户获取成本", "提升线上推广转化率"} {
		if strings.Contains(actions, closed) {
			t.Errorf("open actions list %s, which the team closed (取消 / 已完成)\n%s", closed, actions)
		}
	}
}
