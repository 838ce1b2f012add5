package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
)

// overviewRows are five teams with a previous period and actions followed
// up: the overview's table has all its nine columns, the narrowest.
func overviewRows() []OverviewRow {
	v, was := 0.913, 0.9
	prev := &fupan.Previous{Period: "2025Q2", Summary: fupan.Summary{Metrics: 3, MetricsAchieved: 1, MeanAchievementCapped: &was}}
	fig := &fupan.Summary{Metrics: 3, MetricsAchieved: 1, MeanAchievementCapped: &v, Tracked: 2, OnSchedule: 1, FollowupTotal: 3, FollowupDone: 1}
	var rows []OverviewRow
	for _, team := range []string{"East-China-Sales", "华东销售部", "华东销售部(单表版)", "华东销售部(日期格式版)", "華東銷售部(繁體版)"} {
		rows = append(rows, OverviewRow{File: team + ".xlsx", Team: team, Period: "2025Q3", Figures: fig, Previous: prev, Warnings: 1})
	}
	return rows
}

// The overview's table headers break between words, never inside one
// ("里程碑按/期", "未完成行/动", "行动落实/率", "平均达成率（单/项封顶100%）"):
// the columns are wide enough for a header's words, in a smaller size where
// they must be.
func TestTableHeaderWordsWhole(t *testing.T) {
	testtool.Require(t, "pdftotext")
	for _, l := range []fupan.Lang{fupan.Simplified, fupan.English} {
		var buf bytes.Buffer
		if err := WriteOverview(&buf, overviewRows(), Options{Lang: l}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "overview.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		// The header's lines, as pdftotext reads them, one string.
		out := testtool.Run(t, "pdftotext", "-bbox", path, "-")
		var text []string
		for _, m := range regexp.MustCompile(`<word [^>]*>([^<]*)</word>`).FindAllStringSubmatch(out, -1) {
			text = append(text, m[1])
		}
		all := " " + strings.Join(text, " ") + " "
		// From the table's heading on: the key figures above say some of
		// the same words.
		at := strings.Index(all, catalog.T(l, "overview.teams"))
		if at < 0 {
			t.Fatalf("%s: no heading %q in %s", l, catalog.T(l, "overview.teams"), all)
		}
		all = all[at:]
		for _, key := range []string{"tasks.on.schedule", "actions.open", "followup.short", "mean.achievement", "overview.data", "metrics.met"} {
			title := catalog.T(l, key)
			var parts []string // the header's words: what no line may part
			if l == fupan.English {
				parts = strings.Fields(title)
			} else {
				// A bracket's words, 100% apart from 单项封顶.
				parts = regexp.MustCompile(`（?\p{Han}+|[0-9A-Za-z%]+）?`).FindAllString(title, -1)
			}
			for _, p := range parts {
				if !strings.Contains(all, p) {
					t.Errorf("%s: the header %q is broken inside %q", l, title, p)
				}
			}
		}
	}
}

// The overview's heading 各团队复盘概况 is never left at a page's foot with
// its table on the next page: it goes over with the header row and the
// first team.
func TestOverviewTeamsHeadingWithItsTable(t *testing.T) {
	rows := overviewRows()
	d, err := newDoc(Options{}, fupan.Simplified)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	// Room for the heading (and its 20 mm), not for the table's header and
	// first row.
	d.pdf.SetY(bottom - d.headingH(0) - 21)
	d.overviewTeams(rows)
	heading, first := -1, -1
	for p, ops := range d.pdf.pages {
		for _, o := range ops {
			if o.kind != opText {
				continue
			}
			if o.s == catalog.T(fupan.Simplified, "overview.teams") && heading < 0 {
				heading = p
			}
			if strings.HasPrefix(o.s, "East-China") && first < 0 {
				first = p
			}
		}
	}
	if heading != first {
		t.Errorf("the heading is on page %d, the table's first team on page %d", heading+1, first+1)
	}
	// Nor the list of workbooks that failed, with a long reason.
	d, err = newDoc(Options{}, fupan.Simplified)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	d.pdf.SetY(bottom - d.headingH(0) - 21)
	d.overviewFailed([]OverviewRow{{File: "坏.xlsx", Failed: true, Reason: strings.Repeat("工作簿无法打开，请另存为 .xlsx 后重新提交。", 10)}})
	heading, first = -1, -1
	for p, ops := range d.pdf.pages {
		for _, o := range ops {
			switch {
			case o.kind != opText:
			case o.s == catalog.T(fupan.Simplified, "overview.failed") && heading < 0:
				heading = p
			case o.s == "坏.xlsx" && first < 0:
				first = p
			}
		}
	}
	if heading != first {
		t.Errorf("the failed list's heading is on page %d, its first workbook on page %d", heading+1, first+1)
	}
}
