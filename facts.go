package fupan

import (
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// factKind names a review fact.
type factKind int

const (
	factNone factKind = iota
	factTeam
	factPeriod
	factReviewer
)

var factLabels = map[string]factKind{
	"团队": factTeam, "团队名称": factTeam, "部门": factTeam, "team": factTeam, "department": factTeam, "团队/部门": factTeam,
	"复盘周期": factPeriod, "周期": factPeriod, "复盘期间": factPeriod, "period": factPeriod, "reviewperiod": factPeriod,
	"复盘人": factReviewer, "reviewer": factReviewer, "reviewedby": factReviewer,
}

// factLabel reads a cell as a fact label, possibly with its value after a colon
// in the same cell ("团队:华东销售部").
func factLabel(text string) (factKind, string) {
	t := strings.TrimSpace(value.FoldText(text))
	label, value, hasColon := strings.Cut(t, ":")
	if k, ok := factLabels[matchKey(label)]; ok {
		if hasColon {
			return k, strings.TrimSpace(value)
		}
		return k, ""
	}
	return factNone, ""
}

// isFactRow reports whether a row is a review fact (团队 | 华东销售部) rather
// than table data.
func isFactRow(row []Cell) bool {
	for _, c := range row {
		if c.IsBlank() {
			continue
		}
		k, _ := factLabel(c.Text)
		return k != factNone
	}
	return false
}

type facts struct {
	team, period, reviewer string
	teamRef, periodRef     Ref
}

// readFacts looks for labelled fact cells anywhere outside the tables: the label
// with its value in the next cell to the right (or below it, for a label row),
// or after a colon in the same cell.
func readFacts(wb *Workbook, tables []TableLoc) facts {
	var f facts
	inTable := func(sheet string, row int) bool {
		for _, t := range tables {
			if t.Sheet == sheet && row >= t.HeaderRow && row <= t.LastRow {
				return true
			}
		}
		return false
	}
	for _, sh := range wb.Sheets {
		for r, row := range sh.Rows {
			if inTable(sh.Name, r+1) {
				continue
			}
			for c, cell := range row {
				if cell.Kind != CellText || cell.Merged {
					continue
				}
				k, v := factLabel(cell.Text)
				if k == factNone {
					continue
				}
				ref := Ref{sh.Name, r + 1, c + 1}
				if v == "" {
					for c2 := c + 1; c2 < len(row); c2++ {
						if !row[c2].IsBlank() {
							v, ref = row[c2].Display(), Ref{sh.Name, r + 1, c2 + 1}
							break
						}
					}
				}
				switch {
				case v == "":
				case k == factTeam && f.team == "":
					f.team, f.teamRef = v, ref
				case k == factPeriod && f.period == "":
					f.period, f.periodRef = v, ref
				case k == factReviewer && f.reviewer == "":
					f.reviewer = v
				}
			}
		}
	}
	return f
}

// namesDiffer warns where the workbook's cells and its file name name
// different periods or teams: the cell is used, and a Q3 file whose cell
// says Q2 must not replace Q2 in the history unannounced. A file name may
// carry more words than the team (华东销售部-单表): only a team neither of
// which contains the other, folded, is another team.
func namesDiffer(r *Review, f facts, nameTeam, namePeriod string, fs *findings) {
	if f.period != "" && namePeriod != "" {
		cell, err1 := ParsePeriod(f.period)
		name, err2 := ParsePeriod(namePeriod)
		if err1 == nil && err2 == nil && cell.Label != name.Label {
			fs.add(CodePeriodNameDiffers, f.periodRef, f.period, cell.Label, name.Label, cell.Label)
		}
	}
	if f.team != "" && nameTeam != "" {
		a, b := teamKey(f.team), teamKey(nameTeam)
		if a != "" && b != "" && !strings.Contains(a, b) && !strings.Contains(b, a) {
			fs.add(CodeTeamNameDiffers, f.teamRef, f.team, nameTeam, f.team)
		}
	}
}

// teamKey is a team name folded for comparison: Simplified, lower case, with
// letters and digits only (East-China-Sales is East China Sales).
func teamKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, matchKey(s))
}
