package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
)

// Every text of the overview's table lies inside its cell's padding, header
// and body, in each language: the header "平均达成率（单项封顶100%）" touched
// its border (wrapped to the padding, drawn a millimetre right of it), and
// "84.8% 未达成" broke inside its word ("未达\n成").
func TestOverviewTableTextInsideCells(t *testing.T) {
	v, was := 0.848, 0.9
	prev := &fupan.Previous{Period: "2025Q2", Summary: fupan.Summary{Metrics: 25, MetricsAchieved: 7, MeanAchievementCapped: &was}}
	fig := &fupan.Summary{Metrics: 25, MetricsAchieved: 6, MeanAchievementCapped: &v, Tracked: 12, OnSchedule: 12, FollowupTotal: 3, FollowupDone: 1}
	rows := []OverviewRow{
		{File: "a.xlsx", Team: "华南销售部", Period: "2025Q3", Figures: fig, Previous: prev, Warnings: 12},
		{File: "b.xlsx", Team: "Global-Sales", Period: "2025Q3", Figures: fig, Previous: prev},
	}
	for _, l := range []fupan.Lang{fupan.Simplified, fupan.Traditional, fupan.English} {
		d, err := newDoc(Options{}, l)
		if err != nil {
			t.Fatal(err)
		}
		d.newPage()
		d.overviewTeams(rows)
		var cells []op
		for _, o := range d.pdf.pages[0] {
			if o.kind == opRect && o.s == "FD" {
				cells = append(cells, o)
			}
		}
		top := 1e9
		for _, c := range cells {
			top = min(top, c.y)
		}
		for _, o := range d.pdf.pages[0] {
			if o.kind != opText || o.y < top { // the heading above the table
				continue
			}
			d.setSize(o.st.size)
			w := d.width(o.s)
			in := false
			for _, c := range cells {
				if o.x >= c.x && o.x < c.x+c.w && o.y > c.y && o.y < c.y+c.h {
					in = true
					if o.x < c.x+cellPad-0.05 || o.x+w > c.x+c.w-cellPad+0.05 {
						t.Errorf("%s: %q drawn from %.1f to %.1f mm, its cell's inside %.1f–%.1f", l, o.s, o.x, o.x+w, c.x+cellPad, c.x+c.w-cellPad)
					}
				}
			}
			if !in {
				t.Errorf("%s: %q is in no cell", l, o.s)
			}
			for _, broken := range []string{"未达", "未達", "接", "達", "达"} {
				if o.s == broken {
					t.Errorf("%s: a status word broken: a line is %q", l, o.s)
				}
			}
		}
	}
}

// A table's last row is never alone on a page of its own (a findings table
// spilled one row onto a new page): where it does not fit, the row before it
// goes over with it.
func TestTableLastRowNotAlone(t *testing.T) {
	d, err := newDoc(Options{}, fupan.Simplified)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	cols := []column{{title: "类别", share: 1, align: "L"}, {title: "说明", share: 4, align: "L"}}
	var rows [][]cell
	for i := 0; i < 6; i++ {
		rows = append(rows, []cell{{text: "警告"}, {text: fmt.Sprintf("第 %d 行", i+1)}})
	}
	d.setSize(8.5)
	rowH := d.lineH() + 2*cellPad
	// Room for the header and five rows: the sixth would go over alone.
	d.pdf.SetY(bottom - d.headerHeight(cols, []float64{contentW / 5, contentW * 4 / 5}) - 5*rowH - 0.5)
	d.table(cols, rows)
	if d.pdf.PageCount() != 2 {
		t.Fatalf("%d pages", d.pdf.PageCount())
	}
	onLast := 0
	for _, o := range d.pdf.pages[1] {
		if o.kind == opText && strings.HasPrefix(o.s, "第 ") {
			onLast++
		}
	}
	if onLast < 2 {
		t.Errorf("%d rows on the table's last page: its last row alone", onLast)
	}
}

// Nor are a table's last two rows alone on a page (the follow-up table
// spilled two rows onto a page of their own): the row before them goes over
// with them.
func TestTableLastTwoRowsNotAlone(t *testing.T) {
	d, err := newDoc(Options{}, fupan.Simplified)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	cols := []column{{title: "类别", share: 1, align: "L"}, {title: "说明", share: 4, align: "L"}}
	var rows [][]cell
	for i := 0; i < 7; i++ {
		rows = append(rows, []cell{{text: "警告"}, {text: fmt.Sprintf("第 %d 行", i+1)}})
	}
	d.setSize(8.5)
	rowH := d.lineH() + 2*cellPad
	// Room for the header and five rows: the sixth and seventh would go
	// over alone.
	d.pdf.SetY(bottom - d.headerHeight(cols, []float64{contentW / 5, contentW * 4 / 5}) - 5*rowH - 0.5)
	d.table(cols, rows)
	if d.pdf.PageCount() != 2 {
		t.Fatalf("%d pages", d.pdf.PageCount())
	}
	onLast := 0
	for _, o := range d.pdf.pages[1] {
		if o.kind == opText && strings.HasPrefix(o.s, "第 ") {
			onLast++
		}
	}
	if onLast < 3 {
		t.Errorf("%d rows on the table's last page: its last rows alone", onLast)
	}
}
