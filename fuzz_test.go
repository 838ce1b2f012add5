package fupan

import (
	"testing"

	"github.com/fupan-review/fupan/value"
)

// FuzzValues feeds the value parsers what a cell may hold. None may panic, and
// a value read without error must be a real value.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"1200萬", "500家", "-6.5%", "≥3%", "不低於500家", "¥50,000", "7.1-7.31", "7月31日前完成",
		"2025-07-01 ~ 2025-07-31", "預算5萬元,設計1人", "李四、王五", "9.10前", "2025年第三季度", "by 7/31", "7月1日至31日", "1.2億", "0.5k", "",
		"还没完成", "完成不了", "not completed", "2025年7-9月", "2025.7.1-2025.9.30", "31/08/2025", "两百万", "EUR 2M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if q, err := value.ParseQuantity(s); err == nil && q.Kind == value.KindNone {
			t.Errorf("ParseQuantity(%q) gave no kind", s)
		}
		if d, err := ParseDate(s, 2025); err == nil && d.IsZero() {
			t.Errorf("ParseDate(%q) gave no date", s)
		}
		if a, b, err := value.ParseRange(s, 2025); err == nil && (a.IsZero() || b.Before(a)) {
			t.Errorf("ParseRange(%q) = %v..%v", s, a, b)
		}
		_, _ = value.ParseResources(s)
		_, _ = ParsePeriod(s)
		_, _ = value.ParseRate(s)
		for _, o := range ParseOwners(s) {
			if o == "" {
				t.Errorf("ParseOwners(%q) gave an empty owner", s)
			}
		}
		_, _ = value.NoteMonth(s)
		if p, err := ParsePeriod(s); err == nil && (p.Start.IsZero() || p.End.Before(p.Start) || p.Kind() == "") {
			t.Errorf("ParsePeriod(%q) = %+v", s, p)
		}
		if st := ReadStatus(s); st.Done() && st.Words == "" {
			t.Errorf("ReadStatus(%q) is done with no words", s)
		}
	})
}

// FuzzHeaders feeds the header matcher and the table locator rows of text.
func FuzzHeaders(f *testing.F) {
	f.Add("計劃進度(7月)", "關鍵任務", "實際進度", "表2:執行進度跟蹤表")
	f.Add("目标指标", "计划值", "实际值", "达成率")
	f.Add("Strategy goal", "Key task", "Owner", "Start–end")
	f.Add("改进项", "具体措施", "完成时间", "验收标准")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		for _, id := range Tables {
			for _, h := range []string{a, b, c, d} {
				_, _, _ = MatchHeader(id, h)
			}
		}
		text := func(s string) Cell { return Cell{Kind: CellText, Text: s} }
		wb := &Workbook{File: a + "_" + b + ".xlsx", Sheets: []*Sheet{{Name: "S", Rows: [][]Cell{
			{text(d)},
			{text(a), text(b), text(c), text(d), text("负责人"), text("验收标准")},
			{text(b), text(c), text(a), text(d)},
			{text("关键任务"), text("计划进度(" + a + ")"), text("实际进度")},
			{text(c), text(d), text(b)},
		}}}}
		rv := Analyze(wb, Options{})
		for _, fd := range rv.Findings {
			if fd.Message() == "" || fd.Code == "" {
				t.Errorf("finding without message or code: %+v", fd)
			}
		}
	})
}
