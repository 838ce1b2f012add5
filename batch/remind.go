package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/wording"
	"github.com/rs/zerolog"
)

// RemindOptions steer Remind.
type RemindOptions struct {
	History  fupan.History
	Robots   []RobotTarget
	People   map[string]robot.Person // by name as teams write it
	Identity fupan.Identity
	Now      time.Time // in the time zone reminders are counted in
	Within   int       // days ahead that count as due soon
	DryRun   io.Writer // where set, the messages are written here, not sent
	// SubmissionDay, where set, reminds the teams expected (Teams, else
	// the history's latest comparable periods') that have not handed in the
	// period due, due that many days into the month after it.
	SubmissionDay int
	Teams         []string
}

// RemindResult says what Remind did.
type RemindResult struct {
	Sent, Failed int
	Unknown      int // of Failed: went out with no clear answer, so not sent again until due again
	Items        int // items reminded
	Quiet        int // items left out: reminded today (due soon) or this week (overdue)
}

// overdueEvery is how seldom an overdue item is reminded again.
const overdueEvery = 7

// Remind tells each team's group, through its robots, what of its latest
// review is overdue or due within the window: one message per team and
// robot, owners @-mentioned where fupan.yaml's people: knows them. An item
// due soon is reminded at most once a day, an overdue one at most once a
// week, counted in o.Now's time zone; the history records what was sent.
func Remind(ctx context.Context, o RemindOptions) (RemindResult, error) {
	var res RemindResult
	reviews, keys, err := o.History.Latest(ctx)
	if err != nil {
		return res, err
	}
	today := fupan.DateOf(o.Now)
	var errs []error
	for i, rv := range reviews {
		items := fupan.DueItems(rv, today, o.Within)
		if len(items) == 0 {
			continue
		}
		for _, t := range o.Robots {
			if !robotTakes(t, rv.Meta.Team, o.Identity) {
				continue
			}
			var due []fupan.DueItem
			var lasts []string
			for _, it := range items {
				last, err := o.History.LastReminded(ctx, t.Robot.ID(), keys[i], it.Key(), string(it.State))
				if err != nil {
					return res, err
				}
				if quiet(it.State, last, today) {
					res.Quiet++
					continue
				}
				due = append(due, it)
				lasts = append(lasts, last)
			}
			if len(due) == 0 {
				continue
			}
			msg := composeReminder(rv, due, t, o.People, today)
			if o.DryRun != nil {
				// What the group will read, with whom the post mentions.
				body := msg.Markdown
				if msg.Text != "" && len(msg.Mentions) > 0 && t.Robot.Kind == robot.WeCom {
					body = msg.Text // the text message WeCom is sent, to mention
				}
				fmt.Fprintf(o.DryRun, "== %s · %s\n%s\n", t.Name, msg.Title, body)
				if m := mentionLine(msg, t.Robot.Kind, reminderLang(rv, t)); m != "" {
					fmt.Fprintln(o.DryRun, m)
				}
				fmt.Fprintln(o.DryRun)
				res.Items += len(due)
				continue
			}
			r := reminder{db: o.History, robot: t.Robot.ID(), team: keys[i], due: due, lasts: lasts}
			failed, fatal := r.post(ctx, t, msg, robot.Cut(rv.Meta.Team, maxTitleName), today, &res)
			if fatal != nil {
				return res, fatal
			}
			if failed != nil {
				errs = append(errs, failed)
			}
		}
	}
	failed, err := remindSubmissions(ctx, o, reviews, keys, &res)
	if err != nil {
		return res, err
	}
	return res, errors.Join(append(errs, failed...)...)
}

// reminder is one message's items in the history's record of reminders,
// with the day each was last reminded before ("" for never): its inFlight.
type reminder struct {
	db          fupan.History
	robot, team string
	due         []fupan.DueItem
	lasts       []string
	day         string // the day it is sent on, recorded
}

// post sends a reminder through deliverOnce, as notify does: recorded
// before it goes, a robot that takes it and answers too late is not
// reminded again until the items are due again; a reminder that did not go
// is taken back, for the next run. failed is this reminder's failure; fatal
// stops the run (the history cannot be written).
func (r reminder) post(ctx context.Context, t RobotTarget, msg robot.Message, team string, today fupan.Date, res *RemindResult) (failed, fatal error) {
	log := zerolog.Ctx(ctx)
	r.day = today.String()
	out, err, fatal := deliverOnce(ctx, r, robotSend(ctx, t.Robot, msg))
	if fatal != nil {
		return nil, fatal
	}
	if out == sentOK {
		res.Sent++
		res.Items += len(r.due)
		log.Info().Str("robot", t.Name).Str("team", team).Int("items", len(r.due)).Msg("reminder sent")
		return nil, nil
	}
	res.Failed++
	failed = fmt.Errorf("robot %s, %s: %w", t.Name, team, err)
	if out == unknownFate {
		res.Unknown++
		log.Error().Err(err).Str("robot", t.Name).Str("team", team).Msg("this reminder may have been posted: not again until it is due again; look in the group")
		return failed, nil
	}
	log.Error().Err(err).Str("robot", t.Name).Str("team", team).Msg("reminder not sent; the next run tries again")
	return failed, nil
}

// sending records the items reminded on the day: the history holds no
// "unknown", a reminder that may have gone counts as reminded.
func (r reminder) sending(ctx context.Context) error {
	for _, it := range r.due {
		if err := r.db.MarkReminded(ctx, r.robot, r.team, it.Key(), string(it.State), r.day); err != nil {
			return err
		}
	}
	return nil
}

// sent has nothing to add: sending recorded the day.
func (r reminder) sent(context.Context) error { return nil }

// takeBack puts back what the record held before, for a reminder that did
// not go.
func (r reminder) takeBack(ctx context.Context) error {
	for j, it := range r.due {
		var err error
		if r.lasts[j] == "" {
			err = r.db.ForgetReminded(ctx, r.robot, r.team, it.Key(), string(it.State))
		} else {
			err = r.db.MarkReminded(ctx, r.robot, r.team, it.Key(), string(it.State), r.lasts[j])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// quiet reports an item reminded recently enough: due soon, today; overdue,
// within the week.
func quiet(state fupan.DueState, last string, today fupan.Date) bool {
	if last == "" {
		return false
	}
	t, err := time.Parse("2006-01-02", last)
	if err != nil {
		return false
	}
	days := fupan.DateOf(t).DaysUntil(today)
	if state == fupan.DueSoon {
		return days < 1
	}
	return days < overdueEvery
}

// robotTakes reports whether a robot's teams include a team (no teams: all).
func robotTakes(t RobotTarget, team string, id fupan.Identity) bool {
	if len(t.Teams) == 0 {
		return true
	}
	key := id.TeamKey(team)
	for _, name := range t.Teams {
		if id.TeamKey(name) == key {
			return true
		}
	}
	return false
}

// maxTitleName is the most bytes of a team's name a title or an error
// holds (60 Chinese characters).
const maxTitleName = 180

// composeReminder is one team's reminder for one robot, in the team's
// language, the owners mentioned: by mobile in a WeCom text message (its
// markdown mentions no one), in DingTalk's markdown, by open_id in Feishu's
// card.
func composeReminder(rv *fupan.Review, items []fupan.DueItem, t RobotTarget, people map[string]robot.Person, today fupan.Date) robot.Message {
	l := reminderLang(rv, t)
	// A team's name of any length: the title stays short, and counts in
	// the platform's bytes with the markdown.
	title := catalog.F(l, "remind.title", robot.Cut(rv.Meta.Team, maxTitleName))
	head := catalog.F(l, "remind.from", rv.Meta.Period)
	if t.Robot.Kind != robot.Feishu {
		head = "### " + mdEscape(title) + "\n" + head
	}
	var lines, plain []string
	var mentions []robot.Person
	seen := map[string]bool{}
	for _, it := range items {
		text := catalog.F(l, "remind.due", it.Text, it.Due.String(), it.Owner)
		if it.State == fupan.Overdue { // how long, so that eleven months read as such
			key, days := "remind.overdue", fupan.DaysLate(it.Due, today)
			if days == 1 {
				key = "remind.overdue.one"
			}
			text = catalog.F(l, key, it.Text, it.Due.String(), days, it.Owner)
		}
		if it.From != "" { // an earlier period's action: the overdue days are said above
			from := catalog.F(l, "follow.age.from", it.From)
			if m := wording.Moved(l, it.Due, it.MovedTo); m != "" {
				from += catalog.T(l, "sep.parts") + m
			}
			text += catalog.T(l, "paren.open") + from + catalog.T(l, "paren.close")
		}
		lines = append(lines, "- "+mdEscape(text))
		plain = append(plain, "· "+text)
		for _, o := range it.Owners {
			p, ok := people[o]
			if !ok || seen[o] {
				continue
			}
			seen[o] = true
			p.Name = o
			mentions = append(mentions, p)
		}
	}
	more := func(n int) string { return catalog.F(l, "remind.more", n) }
	md := robot.Fit(head, lines, more, t.Robot.Kind.Room(title)-200)
	msg := robot.Message{Title: title, Markdown: md, Mentions: mentions}
	if t.Robot.Kind == robot.WeCom {
		// WeCom's text messages are limited to 2,048 bytes.
		msg.Text = robot.Fit(title+"\n"+catalog.F(l, "remind.from", rv.Meta.Period), plain, more, 2048)
	}
	return msg
}

// reminderLang is the language of a team's reminder: the robot's, else the
// team's, else Simplified.
func reminderLang(rv *fupan.Review, t RobotTarget) fupan.Lang {
	return fupan.LangOf(t.Lang, rv.Meta.Lang)
}

// mentionLine names the people a post mentions as the platform mentions
// them (WeCom and DingTalk by mobile, Feishu by open_id), for a dry run:
// "" where it mentions no one.
func mentionLine(m robot.Message, kind robot.Kind, l fupan.Lang) string {
	var names []string
	for _, p := range m.Mentions {
		id := p.Mobile
		if kind == robot.Feishu {
			id = p.FeishuID
		}
		if id != "" {
			names = append(names, "@"+p.Name+catalog.T(l, "paren.open")+id+catalog.T(l, "paren.close"))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return catalog.F(l, "remind.mentions", strings.Join(names, catalog.T(l, "sep.list")))
}
