package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/internal/smtptest"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// loopQuarters are four quarters of three teams as a strategy office runs
// them: 华东大区 sets 降低获客成本 in 2025Q1 and leaves it open for three
// periods, does 梳理报价流程 late and drops 试点直播带货; 华南区 never follows
// up 优化渠道激励 and skips 2025Q3; 华北区 renames itself 华北大区 in 2025Q3
// (teams_aliases) and closes its action then.
func loopQuarters(t *testing.T, root string) {
	t.Helper()
	follow := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表5:上期行动跟进",
			Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"}, Rows: rows}
	}
	acts := func(rows ...[]string) samples.Table {
		return samples.Table{Title: "表4:后续行动计划表", Header: []string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准"}, Rows: rows}
	}
	write := func(q, file string, acts, follow samples.Table) {
		r := samples.SeedSimplified()
		r.Acts, r.Follow = acts, follow
		writeBook(t, filepath.Join(root, "in", q, file), samples.PerSheet(r))
	}
	none := samples.Table{}
	write("2025Q1", "华东大区_2025Q1.xlsx", acts(
		[]string{"降低获客成本", "聚焦25-35岁客群", "王五", "3/31", "", "获客成本≤预算80%"},
		[]string{"梳理报价流程", "发布新报价流程", "钱七", "3/15", "", "流程发布"},
		[]string{"试点直播带货", "做3场直播", "孙八", "3/31", "", "3场"}), none)
	write("2025Q1", "华南区_2025Q1.xlsx", acts([]string{"优化渠道激励", "调整返点", "周九", "3/31", "", "方案发布"}), none)
	write("2025Q1", "华北区_2025Q1.xlsx", acts([]string{"开拓县域市场", "签约10家县级代理", "吴十", "6/30", "", "10家"}), none)

	write("2025Q2", "华东大区_2025Q2.xlsx", acts([]string{"建立周报制度", "每周一发周报", "吴十", "6/30", "", "每周发出"}), follow(
		[]string{"降低获客成本", "聚焦25-35岁客群", "王五", "3/31", "获客成本≤预算80%", "进行中", "", ""},
		[]string{"梳理报价流程", "发布新报价流程", "钱七", "3/15", "流程发布", "已完成", "4/10", "已发布"},
		[]string{"试点直播带货", "做3场直播", "孙八", "3/31", "3场", "进行中", "", ""}))
	write("2025Q2", "华南区_2025Q2.xlsx", acts([]string{"招聘区域经理", "到岗2人", "周九", "6/30", "", "到岗"}), none)
	write("2025Q2", "华北区_2025Q2.xlsx", acts([]string{"县域渠道培训", "培训2场", "吴十", "6/30", "", "2场"}), none)

	write("2025Q3", "华东大区_2025Q3.xlsx", acts([]string{"搭建客户分层", "完成分层模型", "赵六", "9/30", "", "模型上线"}), follow(
		[]string{"降低获客成本", "聚焦25-35岁客群", "王五", "3/31", "", "未开始", "", ""},
		[]string{"试点直播带货", "做3场直播", "孙八", "3/31", "", "已取消", "", "平台政策变化"},
		[]string{"建立周报制度", "每周一发周报", "吴十", "6/30", "", "已完成", "6/20", "每周发出"}))
	write("2025Q3", "华北大区_2025Q3.xlsx", acts([]string{"县域复盘", "复盘会1次", "吴十", "9/30", "", "1次"}), follow(
		[]string{"开拓县域市场", "签约10家县级代理", "吴十", "6/30", "", "已完成", "8/1", "签约12家"},
		[]string{"县域渠道培训", "培训2场", "吴十", "6/30", "", "已完成", "6/28", "2场"}))

	write("2025Q4", "华东大区_2025Q4.xlsx", acts([]string{"复制分层经验", "发布SOP", "赵六", "12/31", "", "SOP发布"}), follow(
		[]string{"降低获客成本", "聚焦25-35岁客群", "王五", "3/31", "", "进行中", "", ""},
		[]string{"搭建客户分层", "完成分层模型", "赵六", "9/30", "", "已完成", "9/28", "上线"}))
	write("2025Q4", "华南区_2025Q4.xlsx", acts([]string{"复盘渠道政策", "复盘会1次", "周九", "12/31", "", "1次"}), none)
	write("2025Q4", "华北大区_2025Q4.xlsx", acts([]string{"县域二期", "签约20家", "吴十", "12/31", "", "20家"}), follow(
		[]string{"县域复盘", "复盘会1次", "吴十", "9/30", "", "已完成", "9/20", "已开"}))

	cfg := filepath.Join(root, "fupan.yaml")
	if err := os.WriteFile(cfg, []byte("teams_aliases:\n  华北区: 华北大区\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"2025Q1", "2025Q2", "2025Q3", "2025Q4"} {
		args := []string{"run", filepath.Join(root, "in", q), "-o", filepath.Join(root, "out", q), "--as-of", map[string]string{
			"2025Q1": "2025-04-08", "2025Q2": "2025-07-08", "2025Q3": "2025-10-08", "2025Q4": "2026-01-08"}[q], "--config", cfg}
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Fatalf("run %s: exit %d\n%s", q, code, stderr)
		}
	}
}

// The loop across four quarters: an action left open appears in every
// later period's follow-up, attention box, next workbook and reminder, with
// its age, until it is closed; fupan actions lists the register once per
// action, the renamed team's too.
func TestActionRegisterAcrossQuarters(t *testing.T) {
	root := t.TempDir()
	loopQuarters(t, root)
	hist := filepath.Join(root, "out", "fupan-history.sqlite")
	cfg := filepath.Join(root, "fupan.yaml")
	followup := func(q, file string) map[string]string {
		t.Helper()
		out, stderr, code := runCLI(t, "inspect", "--json", "--history", hist, "--config", cfg, filepath.Join(root, "in", q, file))
		if code != 0 {
			t.Fatalf("inspect %s: exit %d\n%s", file, code, stderr)
		}
		var v struct {
			Followup []struct {
				Action, Status string
				FromPeriod     string `json:"from_period"`
			}
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, f := range v.Followup {
			got[f.Action] = f.Status + "@" + f.FromPeriod
		}
		return got
	}
	for q, want := range map[string]string{"2025Q2": "open", "2025Q3": "overdue", "2025Q4": "overdue"} {
		got := followup(q, "华东大区_"+q+".xlsx")
		if got["降低获客成本"] != want+"@2025Q1" && !(q == "2025Q2" && got["降低获客成本"] == "overdue@2025Q1") {
			t.Errorf("%s follows 降低获客成本 as %q", q, got["降低获客成本"])
		}
		if q != "2025Q2" {
			if _, ok := got["梳理报价流程"]; ok {
				t.Errorf("%s follows 梳理报价流程, done late in 2025Q2: %v", q, got)
			}
		}
		if q == "2025Q4" {
			if _, ok := got["试点直播带货"]; ok {
				t.Errorf("2025Q4 follows 试点直播带货, dropped in 2025Q3: %v", got)
			}
		}
	}
	// inspect's text says it too, its age counted to the as-of day as the
	// report's is (2026-01-10: 285 days past 2025-03-31, not 275 to the
	// period's end).
	out, stderr, code := runCLI(t, "inspect", "--history", hist, "--config", cfg, "--as-of", "2026-01-10", filepath.Join(root, "in", "2025Q4", "华东大区_2025Q4.xlsx"))
	if code != 0 || !strings.Contains(out, "降低获客成本 | 王五 | 2025-03-31 | 逾期 285 天，来自 2025Q1") {
		t.Errorf("inspect's follow-up lacks the open action's age: exit %d\n%s%s", code, out, stderr)
	}
	// 华南区 skipped 2025Q3: its 2025Q1 action, never followed up, comes
	// again in 2025Q4.
	if got := followup("2025Q4", "华南区_2025Q4.xlsx"); got["优化渠道激励"] != "unknown@2025Q1" || got["招聘区域经理"] != "unknown@2025Q2" {
		t.Errorf("华南区 2025Q4: %v", got)
	}

	testtool.Require(t, "pdftotext")
	for _, q := range []string{"2025Q2", "2025Q3", "2025Q4"} {
		text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", q, "华东大区_"+q+".pdf"), "-l", "1")), "")
		if !strings.Contains(text, "降低获客成本") || !strings.Contains(text, "来自2025Q1") {
			t.Errorf("page 1 of 华东大区 %s lacks the open action and its age:\n%s", q, text)
		}
	}
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q4", "华东大区_2025Q4.pdf"))), "")
	// The age counts to the report's day, as page 1's does: 283 days past
	// 2025-03-31 on 2026-01-08, not 275 to the period's end.
	if !strings.Contains(text, "逾期283天，来自2025Q1") || strings.Contains(text, "逾期275天") {
		t.Errorf("the 2025Q4 follow-up lacks the age of 降低获客成本 (283 days past 2025-03-31 at 2026-01-08)")
	}

	// next: 2026Q1's table 5 carries the open one, noted with its period.
	next := filepath.Join(root, "next")
	if _, stderr, code := runCLI(t, "next", filepath.Join(root, "out", "2025Q4"), "-o", next, "--config", cfg); code != 0 {
		t.Fatalf("next: exit %d\n%s", code, stderr)
	}
	x, err := excelize.OpenFile(filepath.Join(next, "华东大区_2026Q1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, _ := x.GetRows("表5 上期行动跟进")
	var items []string
	for _, r := range rows[2:] {
		if len(r) > 0 {
			items = append(items, r[0])
		}
	}
	if strings.Join(items, ",") != "降低获客成本,复制分层经验" {
		t.Errorf("2026Q1's table 5: %v", items)
	}
	comments, _ := x.GetComments("表5 上期行动跟进")
	if len(comments) != 1 || comments[0].Cell != "A3" || !strings.Contains(comments[0].Text, "来自 2025Q1") {
		t.Errorf("the carried row's note: %+v", comments)
	}

	// fupan actions: one row per action, the renamed team's under its name.
	out, stderr, code = runCLI(t, "actions", "--json", "--history", hist, "--config", cfg, "--as-of", "2026-01-08")
	if code != 0 {
		t.Fatalf("actions: exit %d\n%s", code, stderr)
	}
	var reg []struct {
		Team, Action, Status string
		From                 string `json:"from_period"`
		Age                  int    `json:"age_days"`
	}
	if err := json.Unmarshal([]byte(out), &reg); err != nil {
		t.Fatal(err)
	}
	byAction := map[string]string{}
	for _, e := range reg {
		if _, dup := byAction[e.Action]; dup {
			t.Errorf("%s listed twice", e.Action)
		}
		byAction[e.Action] = e.Team + " " + e.Status + " " + e.From
	}
	for action, want := range map[string]string{"降低获客成本": "华东大区 overdue 2025Q1", "梳理报价流程": "华东大区 done_late 2025Q1",
		"试点直播带货": "华东大区 dropped 2025Q1", "开拓县域市场": "华北大区 done_late 2025Q1", "优化渠道激励": "华南区 unknown 2025Q1"} {
		if byAction[action] != want {
			t.Errorf("actions: %s is %q, want %q", action, byAction[action], want)
		}
	}
	out, _, _ = runCLI(t, "actions", "--history", hist, "--config", cfg, "--team", "华东", "--open", "--owner", "王五", "--as-of", "2026-01-08")
	if !strings.Contains(out, "降低获客成本") || !strings.Contains(out, "283") || strings.Contains(out, "复制分层经验") {
		t.Errorf("actions --team 华东 --open --owner 王五:\n%s", out)
	}
	xl := filepath.Join(root, "台账.xlsx")
	if _, stderr, code := runCLI(t, "actions", "--history", hist, "-o", xl); code != 0 {
		t.Fatalf("actions -o: exit %d\n%s", code, stderr)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	panes, _ := f.GetPanes("行动跟踪表")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the register's header is not frozen: %+v", panes)
	}
	filtered := false
	for _, d := range f.GetDefinedName() {
		filtered = filtered || d.Name == "_xlnm._FilterDatabase" && strings.Contains(d.RefersTo, "$A$1:$H$")
	}
	if !filtered {
		t.Errorf("the register has no filter over its columns: %+v", f.GetDefinedName())
	}
	if rows, _ := f.GetRows("行动跟踪表"); len(rows) != len(reg)+1 {
		t.Errorf("the register workbook has %d rows for %d actions", len(rows), len(reg))
	}

	// remind names the open action with its age, in the team's group.
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	rcfg := robotConfig(t, srv, "teams_aliases:\n  华北区: 华北大区\n")
	out, stderr, code = runCLI(t, "remind", "--dry-run", "--history", hist, "--config", rcfg, "--within-days", "3")
	if code != 0 {
		t.Fatalf("remind: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "降低获客成本") || !strings.Contains(out, "来自 2025Q1") || !strings.Contains(out, "优化渠道激励") {
		t.Errorf("remind --dry-run:\n%s", out)
	}
}

// The roster over the four quarters: 2025Q3 expects 2025Q2's three teams
// and names 华南区, which skipped it, with its last period, in
// summary.json, the overview and the log; 2025Q2, all in, names none; a
// teams: list in fupan.yaml is who is expected instead.
func TestRosterAcrossQuarters(t *testing.T) {
	root := t.TempDir()
	loopQuarters(t, root)
	roster := func(q string) []map[string]any {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, "out", q, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct{ Roster []map[string]any }
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		return sum.Roster
	}
	if r := roster("2025Q1"); len(r) != 0 {
		t.Errorf("2025Q1, nobody known before it: %v", r)
	}
	if r := roster("2025Q2"); len(r) != 1 || r[0]["expected"] != 3.0 || r[0]["handed_in"] != 3.0 || len(r[0]["missing"].([]any)) != 0 {
		t.Errorf("2025Q2: %v", r)
	}
	r := roster("2025Q3")
	if len(r) != 1 || r[0]["expected"] != 3.0 || r[0]["handed_in"] != 2.0 {
		t.Fatalf("2025Q3: %v", r)
	}
	missing := r[0]["missing"].([]any)
	if len(missing) != 1 || missing[0].(map[string]any)["team"] != "华南区" || missing[0].(map[string]any)["last_period"] != "2025Q2" {
		t.Errorf("2025Q3 missing: %v", missing)
	}
	testtool.Require(t, "pdftotext")
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"), "-l", "1")), "")
	for _, w := range []string{"未提交（已提交2/3）", "华南区", "2025Q2"} {
		if !strings.Contains(overview, w) {
			t.Errorf("the 2025Q3 overview's page 1 lacks %q:\n%s", w, overview)
		}
	}
	if o := testtool.Text(t, filepath.Join(root, "out", "2025Q2", "overview.pdf")); strings.Contains(o, "未提交") {
		t.Errorf("the 2025Q2 overview names missing teams though all handed in")
	}

	// A teams: list: 华中区, never recorded, is expected too.
	cfg := filepath.Join(root, "teams.yaml")
	if err := os.WriteFile(cfg, []byte("teams: [华东大区, 华南区, 华北大区, 华中区]\nteams_aliases:\n  华北区: 华北大区\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "run", filepath.Join(root, "in", "2025Q4"), "-o", filepath.Join(root, "out", "2025Q4"), "--as-of", "2026-01-08", "--config", cfg, "--force")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	r = roster("2025Q4")
	if len(r) != 1 || r[0]["expected"] != 4.0 || r[0]["handed_in"] != 3.0 {
		t.Fatalf("2025Q4 with teams: %v", r)
	}
	if m := r[0]["missing"].([]any); len(m) != 1 || m[0].(map[string]any)["team"] != "华中区" || m[0].(map[string]any)["last_period"] != nil {
		t.Errorf("2025Q4 missing: %v", m)
	}
	if !strings.Contains(stderr, `"team":"华中区"`) || !strings.Contains(stderr, "has not handed in") {
		t.Errorf("the run's log does not name 华中区:\n%s", stderr)
	}
}

// Each period's overview is what leadership acts on: page 1 has the
// company's figures against last period, its trend, and every team's
// items that need a decision (each one of summary.json's), the missing
// teams named; the per-team rows follow.
func TestOverviewLeadershipActsOn(t *testing.T) {
	root := t.TempDir()
	loopQuarters(t, root)
	testtool.Require(t, "pdftotext")
	for _, q := range []string{"2025Q2", "2025Q3", "2025Q4"} {
		b, err := os.ReadFile(filepath.Join(root, "out", q, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		var sum struct {
			Entries []struct {
				Team      string
				Attention []string
			}
		}
		if err := json.Unmarshal(b, &sum); err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(root, "out", q, "overview.pdf")
		all := strings.Join(strings.Fields(testtool.Text(t, pdf)), "")
		page1 := strings.Join(strings.Fields(testtool.Text(t, pdf, "-l", "1")), "")
		items := 0
		for _, e := range sum.Entries {
			for _, a := range e.Attention {
				items++
				if !strings.Contains(all, strings.Join(strings.Fields(a), "")) {
					t.Errorf("the %s overview lacks %s's decision item %q", q, e.Team, a)
				}
			}
		}
		if items == 0 {
			t.Errorf("%s: no decision items to look for", q)
		}
		for _, w := range []string{"全公司关键数据（与上期", "指标达成", "行动落实率", "已提交", "需要决策的事项", "全公司趋势"} {
			if !strings.Contains(page1, w) {
				t.Errorf("page 1 of the %s overview lacks %q:\n%s", q, w, page1)
			}
		}
	}
	page1 := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"), "-l", "1")), "")
	if !strings.Contains(page1, "未提交（已提交2/3）") || !strings.Contains(page1, "2/3") {
		t.Errorf("the 2025Q3 overview's page 1 does not say 2 of 3 handed in:\n%s", page1)
	}
	// The picture of it, for docs/ (FUPAN_WRITE_DOCS=1 writes it there).
	if dir := os.Getenv("FUPAN_WRITE_DOCS"); dir != "" {
		testtool.Run(t, "pdftoppm", "-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile",
			filepath.Join(root, "out", "2025Q4", "overview.pdf"), filepath.Join(dir, "overview-page1"))
	}
}

// The run's mail names the team of fupan.yaml's teams: that did not hand
// in, in its text and its HTML.
func TestMailNamesMissingTeams(t *testing.T) {
	srv := smtptest.Start(t, "fupan@example.com", testPassword)
	t.Setenv("FUPAN_TEST_SMTP_PASSWORD", testPassword)
	cfg := writeConfig(t, srv.Port, srv.CAFile, "teams: [华东销售部, 华南销售部]\n")
	in := t.TempDir()
	b, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "华东销售部_2025Q3.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", in, "-o", t.TempDir(), "--mail", "--config", cfg, "--no-history"); code != 0 {
		t.Fatalf("run --mail: exit %d\n%s", code, stderr)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := parseMail(t, msgs[0].Data)
	if !strings.Contains(m.body, "未提交：华南销售部（从未提交）") || !strings.Contains(m.html, "未提交：华南销售部（从未提交）") {
		t.Errorf("the mail does not name the team not handed in:\n%s\n%s", m.body, m.html)
	}
}

// A due day no month has for every month is refused, naming the key.
func TestRemindSubmissionDueDay(t *testing.T) {
	root := t.TempDir()
	writeBook(t, filepath.Join(root, "in", "2025Q3", "华东区_2025Q3.xlsx"), samples.PerSheet(samples.SeedSimplified()))
	runQuarter(t, root, "2025Q3")
	srv := robottest.Start(robottest.Wall{})
	defer srv.Close()
	cfg := robotConfig(t, srv, "submission: {due_day: 40}\n")
	_, stderr, code := runCLI(t, "remind", "--dry-run", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), "--config", cfg)
	if code != exitBadUsage || !strings.Contains(stderr, "due_day 40") {
		t.Errorf("due_day 40: exit %d\n%s", code, stderr)
	}
}
