package batch

import (
	"context"
	"fmt"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/robot"
)

// remindSubmissions reminds each expected team that has not handed in the
// period due (fupan.SubmissionDue) in its groups: within the window before
// the deadline, and once a day after it, its owner @-mentioned where the
// people map knows them (the reviewer of its last review, else the team's
// name). Nothing where o.SubmissionDay is 0.
func remindSubmissions(ctx context.Context, o RemindOptions, latest []*fupan.Review, keys []string, res *RemindResult) ([]error, error) {
	if o.SubmissionDay <= 0 {
		return nil, nil
	}
	recorded, err := recordedOf(ctx, o.History)
	if err != nil {
		return nil, err
	}
	today := fupan.DateOf(o.Now)
	roster, deadline, ok := fupan.SubmissionDue(recorded, o.Teams, today, o.SubmissionDay, o.Identity)
	if !ok || today.Before(deadline.AddDays(-o.Within)) {
		return nil, nil
	}
	state := fupan.SubmitDue
	if deadline.Before(today) {
		state = fupan.SubmitOverdue
	}
	last := map[string]*fupan.Review{}
	for i, rv := range latest {
		last[keys[i]] = rv
	}
	var failed []error
	for _, m := range roster.Missing {
		key := o.Identity.TeamKey(m.Team)
		lang, owner := fupan.Simplified, ""
		if rv := last[key]; rv != nil {
			lang, owner = rv.Meta.Lang, rv.Meta.Reviewer
		}
		item := fupan.DueItem{Kind: fupan.ItemSubmission, Text: roster.Period, Due: deadline, State: state}
		for _, t := range o.Robots {
			if !robotTakes(t, m.Team, o.Identity) {
				continue
			}
			prev, err := o.History.LastReminded(ctx, t.Robot.ID(), key, item.Key(), string(state))
			if err != nil {
				return failed, err
			}
			if prev == today.String() {
				res.Quiet++
				continue
			}
			msg := composeSubmission(m.Team, roster.Period, deadline, state, lang, t, mention(o.People, owner, m.Team))
			if o.DryRun != nil {
				fmt.Fprintf(o.DryRun, "== %s · %s\n%s\n\n", t.Name, msg.Title, msg.Markdown)
				res.Items++
				continue
			}
			r := reminder{db: o.History, robot: t.Robot.ID(), team: key, due: []fupan.DueItem{item}, lasts: []string{prev}}
			f, fatal := r.post(ctx, t, msg, robot.Cut(m.Team, maxTitleName), today, res)
			if fatal != nil {
				return failed, fatal
			}
			if f != nil {
				failed = append(failed, f)
			}
		}
	}
	return failed, nil
}

// mention is who a hand-in reminder @-mentions: the owner, else the team,
// as the people map knows them; none where it knows neither.
func mention(people map[string]robot.Person, owner, team string) []robot.Person {
	for _, n := range fupan.ParseOwners(owner) {
		if p, ok := people[n]; ok {
			p.Name = n
			return []robot.Person{p}
		}
	}
	if p, ok := people[team]; ok {
		p.Name = team
		return []robot.Person{p}
	}
	return nil
}

// composeSubmission is a team's reminder to hand in its review of a period.
func composeSubmission(team, period string, deadline fupan.Date, state fupan.DueState, l fupan.Lang, t RobotTarget, mentions []robot.Person) robot.Message {
	l = fupan.LangOf(t.Lang, l)
	title := catalog.F(l, "remind.submit.title", robot.Cut(team, maxTitleName))
	text := catalog.F(l, "remind.submit.due", deadline.String(), period)
	if state == fupan.SubmitOverdue {
		text = catalog.F(l, "remind.submit.overdue", period, deadline.String())
	}
	md := mdEscape(text)
	if t.Robot.Kind != robot.Feishu {
		md = "### " + mdEscape(title) + "\n" + md
	}
	msg := robot.Message{Title: title, Markdown: md, Mentions: mentions}
	if t.Robot.Kind == robot.WeCom {
		msg.Text = title + "\n" + text
	}
	return msg
}
