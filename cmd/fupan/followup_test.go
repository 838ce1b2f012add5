package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/xuri/excelize/v2"
)

// The loop over three quarters: 2025Q1's actions are followed up (not at
// all) in 2025Q2, whose table 4 decides eight actions,
// 2025Q3's table 5 (and table 2) says what became of them; a second team has
// no table 5. Through the history, inspect, the PDF and the overview.
func TestFollowUpAcrossPeriods(t *testing.T) {
	root := t.TempDir()
	write := func(q, file string, r samples.Review) {
		writeBook(t, filepath.Join(root, "in", q, file), samples.PerSheet(r))
	}
	// 2025Q1: the seed's own three actions, due in its Q1.
	q1 := samples.SeedSimplified()
	for i := range q1.Acts.Rows {
		q1.Acts.Rows[i][3] = "3/31"
	}
	write("2025Q1", "华东销售部_2025Q1.xlsx", q1)
	q2 := samples.SeedSimplified()
	q2.Acts.Rows = [][]string{
		{"优化投放渠道", "砍掉低效渠道", "李四", "8/31", "", "ROI≥1.5"},
		{"补充设计人力", "招聘1名设计", "王五", "7/31", "", "到岗"},
		{"搭建客户分层", "完成分层模型", "赵六", "12/31", "", "模型上线"},
		{"梳理报价流程", "发布新报价流程", "钱七", "9/15", "", "流程发布"},
		{"试点直播带货", "做3场直播", "孙八", "9/30", "", "3场"},
		{"更换CRM", "上线新CRM", "周九", "9/30", "", "上线"},
		{"线上推广方案上线", "方案上线", "李四", "7/31", "", "上线"},
		{"建立周报制度", "每周一发周报", "吴十", "9/30", "", "每周发出"},
	}
	write("2025Q2", "华东销售部_2025Q2.xlsx", q2)
	write("2025Q2", "华北销售部_2025Q2.xlsx", q2)
	q3 := samples.SeedSimplified()
	q3.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"优化投放渠道", "砍掉低效渠道", "李四", "8/31", "ROI≥1.5", "已完成", "8/28", "ROI 1.8"},
			{"补充设计人力", "招聘1名设计", "王五", "7/31", "到岗", "已完成", "8/15", "8月中到岗"},
			{"搭建客户分层", "完成分层模型", "赵六", "12/31", "模型上线", "进行中", "", ""},
			{"梳理报价流程", "发布新报价流程", "钱七", "9/15", "流程发布", "未开始", "", ""},
			{"试点直播带货", "做3场直播", "孙八", "9/30", "3场", "已取消", "", "平台政策变化，改为线下沙龙"},
			{"更换CRM", "上线新CRM", "周九", "9/30", "上线", "已取消", "", ""},
		}}
	write("2025Q3", "华东销售部_2025Q3.xlsx", q3)
	write("2025Q3", "华北销售部_2025Q3.xlsx", samples.SeedSimplified()) // no table 5
	for _, q := range []string{"2025Q1", "2025Q2", "2025Q3"} {
		runQuarter(t, root, q)
	}
	hist := filepath.Join(root, "out", "fupan-history.sqlite")
	inspect := func(file string) (list []map[string]any, summary map[string]any, findings []map[string]any) {
		t.Helper()
		out, stderr, code := runCLI(t, "inspect", "--json", "--as-of", "2025-10-08", "--history", hist, filepath.Join(root, "in", "2025Q3", file))
		if code != 0 {
			t.Fatalf("inspect %s: exit %d\n%s", file, code, stderr)
		}
		var v struct {
			Followup []map[string]any
			Summary  map[string]any
			Findings []map[string]any
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v.Followup, v.Summary, v.Findings
	}
	// 2025Q2 followed up 2025Q1's three actions: no table 5, no tracked
	// task of theirs, so all three unknown.
	out, _, _ := runCLI(t, "inspect", "--json", "--history", hist, filepath.Join(root, "in", "2025Q2", "华东销售部_2025Q2.xlsx"))
	var q2v struct {
		Followup []struct {
			Action, Status string
			FromPeriod     string `json:"from_period"`
		}
	}
	if err := json.Unmarshal([]byte(out), &q2v); err != nil {
		t.Fatal(err)
	}
	if len(q2v.Followup) != 3 || q2v.Followup[0].FromPeriod != "2025Q1" || q2v.Followup[0].Status != "unknown" {
		t.Errorf("2025Q2's follow-up of 2025Q1: %+v", q2v.Followup)
	}
	list, summary, findings := inspect("华东销售部_2025Q3.xlsx")
	want := map[string]string{"优化投放渠道": "done", "补充设计人力": "done_late", "搭建客户分层": "open", "梳理报价流程": "overdue",
		"试点直播带货": "dropped", "更换CRM": "dropped", "线上推广方案上线": "done", "建立周报制度": "unknown"}
	// 2025Q1's three, never followed up, stay open in the register and
	// come again, oldest first, with their own period.
	from := map[string]string{"降低新客户获取成本": "2025Q1", "提升线上推广转化率": "2025Q1", "复制重点客户运营经验": "2025Q1"}
	for a := range from {
		want[a] = "unknown"
	}
	if len(list) != len(want) {
		t.Fatalf("%d follow-ups, want %d: %v", len(list), len(want), list)
	}
	for i, f := range list {
		wantFrom := from[f["action"].(string)]
		if wantFrom == "" {
			wantFrom = "2025Q2"
		}
		if (i < 3) != (wantFrom == "2025Q1") {
			t.Errorf("follow-up %d is %v of %v: the oldest come first", i, f["action"], f["from_period"])
		}
		if f["status"] != want[f["action"].(string)] || f["from_period"] != wantFrom {
			t.Errorf("%v: %v from %v, want %s", f["action"], f["status"], f["from_period"], want[f["action"].(string)])
		}
		for _, k := range []string{"measure", "owner", "due", "done_on", "effect", "ref"} {
			if _, ok := f[k]; !ok {
				t.Errorf("follow-up lacks %q", k)
			}
		}
	}
	if summary["followup_total"] != 9.0 || summary["followup_done"] != 3.0 || summary["followup_overdue"] != 1.0 {
		t.Errorf("summary: %v %v %v", summary["followup_total"], summary["followup_done"], summary["followup_overdue"])
	}
	at := map[string]string{}
	for _, f := range findings {
		at[f["code"].(string)] += f["sheet"].(string) + "!" + f["cell"].(string) + " "
	}
	if at["action-not-followed-up"] != strings.Repeat("跟进!A2 ", 4) || at["action-overdue"] != "跟进!A6 " || at["action-dropped-no-reason"] != "跟进!H8 " {
		t.Errorf("follow-up findings at %v", at)
	}
	// The team without table 5: only the tracked task is known.
	list, _, findings = inspect("华北销售部_2025Q3.xlsx")
	unknown := 0
	for _, f := range list {
		if f["status"] == "unknown" {
			unknown++
		}
	}
	if unknown != 7 {
		t.Errorf("华北销售部: %d unknown, want 7", unknown)
	}
	notFollowed := 0
	for _, f := range findings {
		if f["code"] == "action-not-followed-up" && f["sheet"] == "行动" && f["cell"] == "A2" {
			notFollowed++
		}
	}
	if notFollowed != 7 {
		t.Errorf("华北销售部: %d action-not-followed-up at 行动!A2, want 7", notFollowed)
	}

	testtool.Require(t, "pdftotext")
	pdf := filepath.Join(root, "out", "2025Q3", "华东销售部_2025Q3.pdf")
	text := strings.Join(strings.Fields(testtool.Text(t, pdf)), "")
	for _, w := range []string{"上期行动落实情况", "落实率33.3%（3/9，已取消的不计）", "延期完成", "未跟进",
		"行动“梳理报价流程”逾期23天，来自2025Q2，尚未落实", "行动“建立周报制度”（来自2025Q2）本期没有跟进",
		"逾期23天，来自2025Q2", "行动落实率"} {
		if !strings.Contains(text, w) {
			t.Errorf("the 2025Q3 PDF lacks %q", w)
		}
	}
	// An overdue action's status is its age, said once (was 已逾期 above it).
	if strings.Contains(text, "已逾期逾期") {
		t.Errorf("the 2025Q3 PDF says an action overdue twice:\n%s", text)
	}
	// One age in the report: the follow-up section counts to the report's
	// day (2025-10-08) as page 1 does, never to the period's end (15 days).
	if strings.Contains(text, "逾期15天") {
		t.Error("the 2025Q3 PDF's follow-up counts an age to the period's end")
	}
	// 2025Q3's table 4 sets 2025Q1's 降低新客户获取成本 again: one action,
	// one decision, by table 4's date.
	if w := "行动“降低新客户获取成本”（来自2025Q1）本期没有跟进"; strings.Contains(text, w) {
		t.Errorf("the 2025Q3 PDF names the action table 4 sets again twice: %q", w)
	}
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"))), "")
	if !strings.Contains(overview, "行动落实率") || !strings.Contains(overview, "3/9") {
		t.Errorf("the overview lacks the follow-through:\n%s", overview)
	}
	for p := 1; p <= 3; p++ {
		renderPage(t, pdf, p)
	}
	// The reviewed workbook's conclusion sheet has the same section.
	x, err := excelize.OpenFile(filepath.Join(root, "out", "2025Q3", "华东销售部_2025Q3.reviewed.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = x.Close() }()
	rows, err := x.GetRows("复盘结论")
	if err != nil {
		t.Fatal(err)
	}
	sheet := ""
	for _, r := range rows {
		sheet += strings.Join(r, "|") + "\n"
	}
	for _, w := range []string{"上期行动落实情况", "落实率 33.3%（3/9，已取消的不计）", "梳理报价流程|逾期 23 天，来自 2025Q2 · 钱七 · 2025-09-15"} {
		if !strings.Contains(sheet, w) {
			t.Errorf("the conclusion sheet lacks %q:\n%s", w, sheet)
		}
	}
}
