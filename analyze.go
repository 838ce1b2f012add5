package fupan

import (
	"strings"
	"time"
)

// Options steer Analyze. Every field may be left zero.
type Options struct {
	Lang   Lang      // the language of messages and labels; zero: the workbook's own
	Team   string    // team when the workbook and its file name give none
	Period string    // period when the workbook and its file name give none
	Now    time.Time // today, for the year of dates when no period is known
}

// Analyze reads the tables of a workbook, parses their values, computes the
// figures and checks the review: the seed's steps, one after the other. It
// never fails: every problem is a finding.
func Analyze(wb *Workbook, opts Options) *Review {
	r := &Review{File: wb.File, Plan: []PlanRow{}, Tracking: []TrackingRow{}, Outcomes: []OutcomeRow{}, Actions: []ActionRow{}, Followup: []FollowUp{}, Findings: []Finding{}}
	// 1. Locate the tables. The language decides the messages and the
	// headers tell it, so the tables' problems are reported after.
	var problems []locateProblem
	r.Tables, problems = locate(wb)
	r.Meta.Lang = opts.Lang
	if r.Meta.Lang == "" {
		r.Meta.Lang = detectLang(wb, r.Tables)
	}
	fs := &findings{lang: r.Meta.Lang}
	for _, d := range wb.Damaged {
		fs.add(CodeSheetDamaged, Ref{Sheet: d.Sheet}, d.Sheet, d.Part)
	}
	for _, p := range problems {
		p.report(fs)
	}
	// 2. The review facts: team, period, reviewer.
	readMeta(r, wb, opts, fs)
	// 3. Read each table's rows into typed rows.
	readTables(r, wb, opts, fs)
	// 4. Compute the figures, 5. check the rules.
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	compute(r, fs, DateOf(now))
	check(r, fs)
	r.Findings = fs.list
	// 6. Follow up last period's actions: without the history, table 5's own
	// rows are the list; with it, Compare follows up the previous review's
	// again. Each follow-up ends by finishing the review: its findings in
	// order and counted.
	r.FollowUpActions(nil, "")
	return r
}

// readTables reads every table found into the review's rows. Without a
// period, dates written without a year take this year's; that is reported
// once, and only if such a date occurs.
func readTables(r *Review, wb *Workbook, opts Options, fs *findings) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r.AsOf = DateOf(now)
	years := &yearSource{year: r.Meta.PeriodStart.Year, fallback: now.Year()}
	sheets := map[string]*Sheet{}
	for _, s := range wb.Sheets {
		sheets[s.Name] = s
	}
	for _, t := range r.Tables {
		rd := tableReader{sheet: sheets[t.Sheet], loc: t, fs: fs, years: years, asOf: DateOf(now)}
		switch t.ID {
		case PlanTable:
			r.Plan = readPlan(rd)
		case TrackingTable:
			r.Tracking = readTracking(rd, r.Meta)
		case OutcomeTable:
			r.Outcomes = readOutcomes(rd)
		case ActionTable:
			r.Actions = readActions(rd)
		case FollowupTable:
			r.FollowupRows = readFollowups(rd)
		}
		if len(t.Rows) == 0 {
			fs.add(CodeTableEmpty, Ref{t.Sheet, t.HeaderRow, t.FirstCol}, tableTitle(t.ID))
		}
		checkCharacters(rd, fs)
	}
	if years.guessed {
		fs.add(CodePeriodUnknown, Ref{}, years.fallback)
	}
}

// detectLang tells the workbook's language from its header cells: English when
// they are Latin, else Traditional or Simplified by the characters only one of
// them writes. Without tables, all text cells are looked at.
func detectLang(wb *Workbook, tables []TableLoc) Lang {
	var sb strings.Builder
	for _, t := range tables {
		for _, h := range t.Headers {
			sb.WriteString(h)
		}
	}
	if sb.Len() == 0 {
		for _, s := range wb.Sheets {
			for i, row := range s.Rows {
				if i > 200 {
					break
				}
				for _, c := range row {
					if c.Kind == CellText {
						sb.WriteString(c.Text)
					}
				}
			}
		}
	}
	text := sb.String()
	trad, simp, han := scriptCounts(text)
	latin := 0
	for _, r := range text {
		if r < 128 && (r|0x20 >= 'a' && r|0x20 <= 'z') {
			latin++
		}
	}
	switch {
	case han == 0 && latin > 0:
		return English
	case trad > simp:
		return Traditional
	}
	return Simplified
}

// readMeta fills the review facts: from the workbook, else the file name, else
// the options.
func readMeta(r *Review, wb *Workbook, opts Options, fs *findings) {
	f := readFacts(wb, r.Tables)
	nameTeam, namePeriod := factsFromName(wb.File)
	pick := func(vals ...string) (string, string) {
		from := []string{"workbook", "file name", "option"}
		for i, v := range vals {
			if strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v), from[i]
			}
		}
		return "", ""
	}
	r.Meta.Team, r.Meta.TeamFrom = pick(f.team, nameTeam, opts.Team)
	r.Meta.Reviewer = f.reviewer
	unclear, unclearRef := "", Ref{}
	for i, cand := range []string{f.period, namePeriod, opts.Period} {
		if strings.TrimSpace(cand) == "" {
			continue
		}
		p, err := ParsePeriod(cand)
		if err != nil {
			// A season, a backwards range, 2025-7-9 (a day or a quarter), in
			// the cell or the file's name: never a silent month or year.
			if i < 2 && unclear == "" {
				unclear = cand
				if i == 0 {
					unclearRef = f.periodRef
				}
			}
			continue
		}
		r.Meta.Period, r.Meta.PeriodStart, r.Meta.PeriodEnd = p.Label, p.Start, p.End
		r.Meta.PeriodText = strings.TrimSpace(cand)
		r.Meta.PeriodFrom = []string{"workbook", "file name", "option"}[i]
		break
	}
	namesDiffer(r, f, nameTeam, namePeriod, fs)
	switch {
	case unclear != "" && r.Meta.Period != "":
		fs.addText(CodePeriodUnknown, unclearRef, "period.unclear", "period.unclear.hint", unclear)
	case unclear != "":
		fs.addText(CodePeriodUnknown, unclearRef, "period.unclear.unrecorded", "period.unclear.hint", unclear)
	}
}

// Unreadable is the review of a file that could not be read: no tables, one
// error finding that says why.
func Unreadable(file string, lang Lang, f Finding) *Review {
	return &Review{File: file, Meta: Meta{Lang: lang}, Plan: []PlanRow{}, Tracking: []TrackingRow{},
		Outcomes: []OutcomeRow{}, Actions: []ActionRow{}, Followup: []FollowUp{}, Findings: []Finding{f}, Summary: Summary{Errors: 1}}
}
