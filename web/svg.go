package web

import (
	"html/template"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/chart"
)

// A team's trend is laid out by package chart, as the PDF's trend panels
// are, and written as inline SVG: one look on paper and on the page, no
// chart library, no script, nothing a content policy has to allow. A panel
// is the size of the overview's company trend panels, in millimetres.
const panelW, panelH = 88, 36

// trendPanel is one series' panel, as SVG (named for a screen reader by
// its aria-label).
type trendPanel struct {
	SVG template.HTML
}

// teamTrends are a team's capped mean achievement and task completion
// across its recorded periods (oldest first), a panel each; none without a
// period.
func teamTrends(list []fupan.Filed, figs []*fupan.Summary, l catalog.Lang) []trendPanel {
	if len(list) == 0 {
		return nil
	}
	mean := fupan.Trend{Metric: catalog.T(l, "web.col.mean")}
	done := fupan.Trend{Metric: catalog.T(l, "web.col.done")}
	var periods []string
	for i, rec := range list {
		periods = append(periods, rec.Period)
		f := figs[i]
		if f == nil {
			continue
		}
		if v := f.MeanAchievementCapped; v != nil {
			mean.Points = append(mean.Points, fupan.TrendPoint{Period: rec.Period, Achievement: v, Status: fupan.MetricStatus(*v)})
		}
		if v := f.Completion; v != nil {
			done.Points = append(done.Points, fupan.TrendPoint{Period: rec.Period, Achievement: v, Status: fupan.MetricStatus(*v)})
		}
	}
	var panels []trendPanel
	for _, t := range []fupan.Trend{mean, done} {
		shapes := chart.TrendPanel(chart.Approx{}, 0, 0, panelW, panelH, t, periods)
		// chart.SVG escapes every text it writes (a metric's, a period's).
		panels = append(panels, trendPanel{SVG: template.HTML(chart.SVG(shapes, 0, 0, panelW, panelH, t.Metric))})
	}
	return panels
}
