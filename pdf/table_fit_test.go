package pdf

import (
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
