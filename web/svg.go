package web

import (
	"fmt"
	"strings"
)

// The trend is drawn by the server as inline SVG: no chart library, no
// script, nothing a content policy has to allow.
const (
	trendW, trendH = 640, 220
	trendLeft      = 60
	trendRight     = 40
	trendTop       = 12
	trendBottom    = 40
)

type trendPoint struct {
	Label      string
	Mean, Done *float64
}

type trend struct {
	W, H        int
	Left, Right int    // the plot's x range, for the grid lines
	Mean, Done  string // polyline points
	MeanDots    []dot
	DoneDots    []dot
	Labels      []axisLabel
	Grid        []axisLabel
}

type dot struct {
	X, Y  float64
	Title string
}

type axisLabel struct {
	X, Y   float64
	Text   string
	Anchor string // text-anchor: the ends' labels stay inside the chart
}

// newTrend lays out the capped mean and completion of each period, 0–100%
// (an over-achievement is drawn at the top); nil with fewer than one point.
func newTrend(points []trendPoint) *trend {
	if len(points) == 0 {
		return nil
	}
	t := &trend{W: trendW, H: trendH, Left: trendLeft, Right: trendW - trendRight}
	plotW := float64(trendW - trendLeft - trendRight)
	plotH := float64(trendH - trendTop - trendBottom)
	x := func(i int) float64 {
		if len(points) == 1 {
			return trendLeft + plotW/2
		}
		return trendLeft + plotW*float64(i)/float64(len(points)-1)
	}
	y := func(v float64) float64 { return trendTop + plotH*(1-min(max(v, 0), 1)) }
	for _, g := range []float64{0, 0.5, 1} {
		t.Grid = append(t.Grid, axisLabel{X: trendLeft - 6, Y: y(g), Text: fmt.Sprintf("%.0f%%", g*100), Anchor: "end"})
	}
	var mean, done []string
	step := max(1, len(points)/8) // labels that do not overlap
	for i, p := range points {
		if i%step == 0 || i == len(points)-1 {
			anchor := "middle"
			switch {
			case len(points) == 1:
			case i == 0:
				anchor = "start"
			case i == len(points)-1:
				anchor = "end"
			}
			t.Labels = append(t.Labels, axisLabel{X: x(i), Y: trendH - 12, Text: p.Label, Anchor: anchor})
		}
		if p.Mean != nil {
			mean = append(mean, fmt.Sprintf("%.1f,%.1f", x(i), y(*p.Mean)))
			t.MeanDots = append(t.MeanDots, dot{x(i), y(*p.Mean), fmt.Sprintf("%s %.1f%%", p.Label, *p.Mean*100)})
		}
		if p.Done != nil {
			done = append(done, fmt.Sprintf("%.1f,%.1f", x(i), y(*p.Done)))
			t.DoneDots = append(t.DoneDots, dot{x(i), y(*p.Done), fmt.Sprintf("%s %.1f%%", p.Label, *p.Done*100)})
		}
	}
	t.Mean, t.Done = strings.Join(mean, " "), strings.Join(done, " ")
	return t
}
