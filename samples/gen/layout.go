package gen

import (
	"fmt"
	"time"

	"github.com/fupan-review/fupan/xlsx"
)

// Tables returns the review's tables in order: four, and table 5 where it
// has one.
func (r Review) Tables() []Table {
	t := []Table{r.Plan, r.Track, r.Outcome, r.Acts}
	if len(r.Follow.Header) > 0 {
		t = append(t, r.Follow)
	}
	return t
}

func toRow(cells []string) []any {
	row := make([]any, len(cells))
	for i, c := range cells {
		if c != "" {
			row[i] = c
		}
	}
	return row
}

// goalMerge is the merge of table 1's goal over its rows, as the seed draws it.
func goalMerge(col string, firstDataRow, rows int) string {
	return fmt.Sprintf("%s%d:%s%d", col, firstDataRow, col, firstDataRow+rows-1)
}

// Covered puts a cover sheet with the review facts (团队 | 华东销售部) in
// front of a book's sheets, as teams that keep a cover do.
func Covered(b xlsx.Book, sheet string, facts [][]string) xlsx.Book {
	cover := xlsx.BookSheet{Name: sheet, Widths: widths(2)}
	for _, f := range facts {
		cover.Rows = append(cover.Rows, toRow(f))
	}
	b.Sheets = append([]xlsx.BookSheet{cover}, b.Sheets...)
	return b
}

// PerSheet lays out one table per sheet, each under its title row, with the
// goal merged over the plan's rows.
func PerSheet(r Review) xlsx.Book {
	names := map[string][]string{
		"zh-Hant": {"計劃", "跟蹤", "成果", "行動", "跟進"},
		"zh-Hans": {"计划", "跟踪", "成果", "行动", "跟进"},
		"en":      {"Plan", "Tracking", "Outcomes", "Actions", "Follow-up"},
	}[r.Lang]
	var b xlsx.Book
	for i, t := range r.Tables() {
		s := xlsx.BookSheet{Name: names[i], Rows: [][]any{{t.Title}, toRow(t.Header)}, Widths: widths(len(t.Header))}
		for _, row := range t.Rows {
			s.Rows = append(s.Rows, toRow(row))
		}
		s.Merges = append(s.Merges, fmt.Sprintf("A1:%c1", 'A'+len(t.Header)-1))
		if i == 0 {
			s.Merges = append(s.Merges, goalMerge("A", 3, len(t.Rows)))
		}
		b.Sheets = append(b.Sheets, s)
	}
	return b
}

func widths(n int) map[string]float64 {
	w := map[string]float64{}
	for i := 0; i < n; i++ {
		w[string(rune('A'+i))] = 24
	}
	return w
}

// Stacked lays out all four tables on one sheet under the review facts, with a
// blank row between tables.
func Stacked(r Review, sheet string, facts [][]string) xlsx.Book {
	s := xlsx.BookSheet{Name: sheet, Widths: widths(7)}
	for _, f := range facts {
		s.Rows = append(s.Rows, toRow(f))
	}
	for i, t := range r.Tables() {
		s.Rows = append(s.Rows, nil, []any{t.Title}, toRow(t.Header))
		first := len(s.Rows) + 1
		for _, row := range t.Rows {
			s.Rows = append(s.Rows, toRow(row))
		}
		if i == 0 {
			s.Merges = append(s.Merges, goalMerge("A", first, len(t.Rows)))
		}
	}
	return xlsx.Book{Sheets: []xlsx.BookSheet{s}}
}

func day(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }

// DateCells is the Simplified seed as a team that knows Excel keeps it: real
// date cells, percent cells, achievement as formulas with cached values,
// columns in another order, an extra remarks column, tables starting at B3 and
// separate start and end columns. date1904 writes it in the 1904 date system
// (Excel for Mac's old default).
func DateCells(date1904 bool) xlsx.Book {
	plan := xlsx.BookSheet{Name: "执行计划", Widths: widths(9), Rows: [][]any{
		{nil, "团队", "华东销售部(日期格式版)"},
		{nil, "复盘周期", "2025年第三季度"},
		nil,
		{nil, "关键任务", "策略目标", "负责人", "开始时间", "结束时间", "预算", "人力", "验收标准", "备注"},
		{nil, "优化线上推广渠道", "Q3华东销售额提升20%", "李四", day(7, 1), day(7, 31), "5万元", 1, "3个平台投放方案上线,率≥3%", "重点"},
		{nil, "开展区域地推活动", nil, "王五", day(8, 1), day(8, 31), 80000, 5, "10场沙龙,累计参与500人,转化30%", nil},
		{nil, "重点客户深度运营", nil, "赵六", day(7, 15), day(9, 30), "¥30,000", 2, "20家重点客户复购率提升15%", nil},
	}}
	track := xlsx.BookSheet{Name: "进度跟踪", Widths: widths(8), Rows: [][]any{
		{"关键任务", "实际进度", "计划进度(7月)", "偏差率", "主要问题", "应对措施", "责任人"},
		{"线上推广方案上线", day(7, 28), day(7, 31), xlsx.Percent(-0.065), "素材设计反复修改,延误2天", "增加1名设计支持,并行修改", "李四"},
		{"首场地推活动", day(7, 18), day(7, 15), xlsx.Percent(0.2), "场地临时取消,协调新场地耗时3天", "提前2周确认备用场地,签订备选协议", "王五"},
	}}
	outcome := xlsx.BookSheet{Name: "成果复盘", Widths: widths(7), Rows: [][]any{
		{"目标指标", "计划值", "实际值", "达成率", "偏差原因", "经验/教训"},
		{"华东销售额", 12000000, 10800000, xlsx.Formula{Expr: "C2/B2", Cached: xlsx.Percent(0.9)}, "新客户获取成本超预算30%,转化率未达预期", "教训:地推活动客群画像需更精准,需提前做小范围测试"},
		{"新客户获取量", "500家", "420家", xlsx.Percent(0.84), "线上推广素材吸引力不足,率仅2.5%", "教训:素材设计需增加用户证言,强化痛点场景"},
		{"重点客户复购率", xlsx.Percent(0.15), xlsx.Percent(0.18), xlsx.Formula{Expr: "C4/B4", Cached: xlsx.Percent(1.2)}, "客户经理推出“老带新”激励政策,效果显著", "经验:针对高价值客户的分层运营策略可复制推广"},
	}}
	acts := xlsx.BookSheet{Name: "行动计划", Widths: widths(7), Rows: [][]any{
		{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准"},
		{"降低新客户获取成本", "优化地推活动客群画像,聚焦25-35岁职场新人", "王五", day(9, 10), "市场部提供用户行为数据报告", "新客户获取成本≤预算的80%"},
		{"提升线上推广转化率", "增加3个用户证言素材,优化落地页文案", "李四", day(8, 20), "设计部配合素材制作", "率≥4%,转化率≥5%"},
		{"复制重点客户运营经验", "制定《高价值客户分层运营SOP》", "赵六", day(9, 30), "培训部组织SOP内部培训", "全体客户经理掌握SOP,10月前落地实施"},
	}}
	return xlsx.Book{Sheets: []xlsx.BookSheet{plan, track, outcome, acts}, Date1904: date1904}
}
