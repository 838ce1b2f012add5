package pdf

import (
	"testing"

	"github.com/fupan-review/fupan"
)

// TestTableStartsWithItsFirstRow: the room a table asks for before its
// header is the header and its first row as drawn, a status cell broken at
// its spaces included (逾期 130 天，来自 2025Q1 under 已逾期（已完成）): the
// follow-up table's header was left alone at a page's foot when its first
// row's status took more lines than the estimate.
func TestTableStartsWithItsFirstRow(t *testing.T) {
	d := testDoc(t)
	cols := []column{
		{title: "行动", share: 2.4, align: "L"},
		{title: "责任人", share: 0.9, align: "L", names: true},
		{title: "完成时间", share: 1.1, align: "L"},
		{title: "状态", share: 1.1, align: "L", computed: true},
		{title: "实际完成", share: 1.1, align: "L"},
		{title: "效果", share: 2.4, align: "L"},
	}
	rows := [][]cell{{{text: "上线客户分层SOP\n制定SOP并培训"}, {text: "赵六"}, {text: "2025-05-31"},
		statusCell("已逾期（已完成）\n逾期 130 天，来自 2025Q1", fupan.StatusMissed, ""), {}, {text: "已培训"}}}
	widths := d.columnWidths(cols, rows)
	_, h := d.rowLines(cols, widths, rows[0])
	if h > 40 {
		t.Fatalf("the row is %.1f mm: no test of a row that fits", h)
	}
	if got, want := d.startHeight(cols, widths, rows), d.headerHeight(cols, widths)+h; got < want-0.01 {
		t.Errorf("startHeight %.1f mm, want the header and the first row as drawn, %.1f mm", got, want)
	}
}
