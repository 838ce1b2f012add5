package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/wording"
	"github.com/rs/zerolog"
)

// RobotTarget is one group robot of fupan.yaml's notify:, ready to post.
type RobotTarget struct {
	Name      string // how logs and the record name it: "wecom-1", or the config's name
	Robot     *robot.Robot
	Teams     []string   // only these teams' results; none: all
	ReportURL string     // where OUT is published, for links; "" for none
	Lang      fupan.Lang // "" for the language most of its teams write
}

// NotifyOptions steer Notify.
type NotifyOptions struct {
	Robots   []RobotTarget
	Identity fupan.Identity // to match teams: names
	DryRun   bool           // write the messages into OUT/notify instead
	Resend   bool           // post again what was posted
}

// NotifyResult says what Notify did.
type NotifyResult struct {
	Sent, Skipped, Failed, Written, Unknown int
}

// Notify posts a finished run's summary to each robot, exactly once for the
// run's content: the record (OUT/.fupan/notify.json) is written "unknown"
// before a message goes and "sent" once the platform took it, so neither a
// failure after that nor a kill posts it twice; a killed run's unposted
// messages go on the next call.
func Notify(ctx context.Context, out string, o NotifyOptions) (NotifyResult, error) {
	log := zerolog.Ctx(ctx)
	var res NotifyResult
	sum, unlock, err := finishedRun(out)
	if err != nil {
		return res, err
	}
	defer func() { _ = unlock() }()
	if sum.OK == 0 && sum.Failed == 0 {
		log.Warn().Str("output", out).Msg("the run reported no workbook: nothing to post")
		return res, nil
	}
	rec, err := readDeliveryRecord(filepath.Join(out, stateDir, "notify.json"), "the record of posted messages", "posted", "recording the message")
	if err != nil {
		return res, err
	}
	var errs []error
	for i, t := range o.Robots {
		if err := ctx.Err(); err != nil { // interrupted: the rest were never sent, and go next call
			errs = append(errs, fmt.Errorf("interrupted before robot %s: %w", t.Name, err))
			break
		}
		entries := entriesFor(sum, t.Teams, o.Identity)
		if len(entries) == 0 {
			log.Info().Str("robot", t.Name).Msg("no team of this robot in the run: nothing to post")
			continue
		}
		msg := composeSummary(out, sum, entries, t, o.Identity)
		key := notifyKey(t, entries)
		if prev, done := rec.Sent[key]; done && !o.Resend && !o.DryRun {
			if prev.unknown() {
				log.Warn().Str("robot", t.Name).Time("at", prev.At).Msg("this message may have been posted (posted in part, or no answer came): not again; --resend posts it")
				res.Unknown++
			} else {
				log.Info().Str("robot", t.Name).Time("at", prev.At).Msg("already posted, not again")
			}
			res.Skipped++
			continue
		}
		if o.DryRun {
			if err := writeDryRun(out, i, t, msg); err != nil {
				return res, err
			}
			res.Written++
			continue
		}
		failed, fatal := post(ctx, t, msg, rec.mark(key, deliveryEntry{Robot: t.Name, Title: msg.Title}), &res, len(entries))
		if fatal != nil {
			return res, fatal
		}
		if failed != nil {
			errs = append(errs, failed)
		}
	}
	return res, errors.Join(errs...)
}

// post posts one robot's message through deliverOnce. failed is this
// message's failure; fatal stops the call (the record cannot be written).
func post(ctx context.Context, t RobotTarget, msg robot.Message, rec inFlight, res *NotifyResult, teams int) (failed, fatal error) {
	log := zerolog.Ctx(ctx)
	out, err, fatal := deliverOnce(ctx, rec, robotSend(ctx, t.Robot, msg))
	if fatal != nil {
		return nil, fatal
	}
	switch out {
	case sentOK:
		log.Info().Str("robot", t.Name).Str("kind", string(t.Robot.Kind)).Int("teams", teams).Msg("summary posted")
		res.Sent++
		return nil, nil
	case unknownFate:
		res.Unknown++
		log.Error().Err(err).Str("robot", t.Name).Msg("this message may have been posted: not again; look in the group, then --resend if it is not there")
		return fmt.Errorf("robot %s: %w", t.Name, err), nil
	}
	res.Failed++
	log.Error().Err(err).Str("robot", t.Name).Msg("summary not posted; the next call tries again")
	return fmt.Errorf("robot %s: %w", t.Name, err), nil
}

// entriesFor are the run's entries of a robot's teams (failed workbooks
// without a team go to every robot).
func entriesFor(sum *Summary, teams []string, id fupan.Identity) []Entry {
	want := map[string]bool{}
	for _, t := range teams {
		want[id.TeamKey(t)] = true
	}
	var out []Entry
	for _, e := range sum.Entries {
		if e.Status == StatusIgnored {
			continue
		}
		if len(want) > 0 && e.Team != "" && !want[id.TeamKey(e.Team)] {
			continue
		}
		if len(want) > 0 && e.Team == "" && e.Status != StatusFailed {
			continue
		}
		out = append(out, e)
	}
	return out
}

// notifyKey names a robot's message by the robot and the content of the
// workbooks it reports: the same reports to the same robot are the same
// message. The robot is named by a hash of its webhook, never the webhook.
func notifyKey(t RobotTarget, entries []Entry) string {
	var parts []string
	for _, e := range entries {
		parts = append(parts, e.File+"="+e.SHA256+"="+e.Status)
	}
	sort.Strings(parts)
	h := sha256.Sum256([]byte(t.Robot.ID() + "\x00" + strings.Join(parts, "\x00")))
	return t.Name + ":" + hex.EncodeToString(h[:12])
}

// robotLang is the language most of the robot's teams write.
func robotLang(entries []Entry, t RobotTarget) fupan.Lang {
	if t.Lang != "" {
		return t.Lang
	}
	count := map[fupan.Lang]int{}
	for _, e := range entries {
		count[e.Lang]++
	}
	return fupan.MostWritten(count)
}

// composeSummary is a robot's message: the period, reports done and failed,
// one line per team (their markdown renders no tables) with targets met and
// what needs attention, links where the output is published, kept within
// the platform's bytes by leaving teams out and saying how many.
func composeSummary(out string, sum *Summary, entries []Entry, t RobotTarget, id fupan.Identity) robot.Message {
	l := robotLang(entries, t)
	sub := &Summary{Entries: entries}
	for _, e := range entries {
		switch e.Status {
		case StatusOK:
			sub.OK++
		case StatusFailed:
			sub.Failed++
		}
	}
	fig := runFigures(sub, l)
	title := catalog.F(l, "notify.title", fig.Period)
	missing := missingOf(sum.Roster, t.Teams, id)
	counts := "notify.counts"
	if sub.OK == 1 {
		counts += ".one"
	}
	head := companyLead(entries, missing, l) + "\n" + catalog.F(l, counts, sub.OK, sub.Failed)
	if t.Robot.Kind != robot.Feishu { // the card's header holds the title
		head = "### " + title + "\n" + head
	}
	var lines []string
	ok := append([]Entry(nil), entries...)
	// Most urgent first, as the overview and the dashboard order teams.
	sort.SliceStable(ok, func(i, j int) bool { return wording.MoreUrgent(ok[i].urgency(), ok[j].urgency()) })
	for _, e := range ok {
		if e.Status != StatusOK {
			continue
		}
		line := "- **" + mdEscape(robot.Cut(e.Team, maxTitleName)) + "** " + catalog.F(l, "notify.team", metricsMet(e.Figures))
		if attn := e.attentionIn(l); len(attn) > 0 {
			n, a := len(attn), attn[0]
			if n > 1 {
				a = catalog.F(l, "notify.attention.more", a, n-1)
			}
			line += catalog.T(l, "sep.clause") + catalog.F(l, "notify.attention", mdEscape(a))
		}
		if link := reportLink(t.ReportURL, e.Outputs.PDF); link != "" {
			line += " [" + catalog.T(l, "notify.report") + "](" + link + ")"
		}
		lines = append(lines, line)
	}
	for _, e := range entries {
		if e.Status == StatusFailed {
			lines = append(lines, "- "+catalog.T(l, "notify.failed")+catalog.T(l, "sep.colon")+mdEscape(e.File)+catalog.T(l, "paren.open")+mdEscape(excerptText(e.Reason, 60))+catalog.T(l, "paren.close"))
		}
	}
	lines = append(lines, missingLines(missing, l)...)
	more := func(n int) string { return catalog.F(l, "notify.more", n) }
	tail := ""
	if link := reportLink(t.ReportURL, sum.Overview); link != "" {
		tail = "\n[" + catalog.T(l, "notify.overview") + "](" + link + ")"
	}
	text := robot.Fit(head, lines, more, t.Robot.Kind.Room(title)-len(tail)) + tail
	msg := robot.Message{Title: title, Markdown: text}
	if t.Robot.Kind == robot.WeCom && sum.Overview != "" {
		if data, err := os.ReadFile(filepath.Join(out, sum.Overview)); err == nil {
			msg.File = &robot.File{Name: safeName(title) + ".pdf", Data: data}
		}
	}
	return msg
}

// metricsMet is a team's targets met of all as every other reader reads it
// (wording.OfAll: "1 / 3", "—" for none).
func metricsMet(f *fupan.Summary) string {
	if f == nil {
		return wording.OfAll(0, 0)
	}
	return wording.OfAll(f.MetricsAchieved, f.Metrics)
}

// reportLink is an output's URL under report_url, each path segment escaped.
func reportLink(base, rel string) string {
	if base == "" || rel == "" {
		return ""
	}
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	// JoinPath escapes each segment; String escapes the base's own
	// (复盘报告), which some chat clients would cut a link at.
	return u.JoinPath(strings.Split(filepath.ToSlash(rel), "/")...).String()
}

// mdEscape keeps a team's text from being read as markdown (a name with
// brackets or asterisks) or breaking the line.
func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]", "`", "\\`", "<", "&lt;", ">", "&gt;").Replace(s)
}

func excerptText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// writeDryRun writes a robot's message into OUT/notify for a look.
func writeDryRun(out string, i int, t RobotTarget, m robot.Message) error {
	dir := filepath.Join(out, "notify")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	text := "# " + m.Title + "\n\n" + m.Markdown + "\n"
	if m.File != nil {
		text += "\n(" + m.File.Name + ")\n"
	}
	return writeFileAtomic(filepath.Join(dir, fmt.Sprintf("%02d-%s.md", i+1, safeName(t.Name))), []byte(text))
}

// missingOf are the rosters with only the robot's teams missing (all where
// it names none): a team-limited group hears of its own teams only.
func missingOf(rosters []fupan.Roster, teams []string, id fupan.Identity) []fupan.Roster {
	if len(teams) == 0 {
		return rosters
	}
	want := map[string]bool{}
	for _, t := range teams {
		want[id.TeamKey(t)] = true
	}
	var out []fupan.Roster
	for _, r := range rosters {
		r.Missing = slices.DeleteFunc(slices.Clone(r.Missing), func(m fupan.Missing) bool { return !want[id.TeamKey(m.Team)] })
		out = append(out, r)
	}
	return out
}

// companyLead is the summary's first line, the company's figures as the
// overview sums them (fupan.CompanySummary) over the robot's teams: targets
// met of all, the mean with each metric capped, and the follow-through with
// the open actions of the teams that have not handed in, as the run counted
// them (summary.json keeps them).
func companyLead(entries []Entry, rosters []fupan.Roster, l fupan.Lang) string {
	var teams []fupan.Summary
	for _, e := range entries {
		if e.Status == StatusOK && e.Figures != nil {
			teams = append(teams, *e.Figures)
		}
	}
	var absent fupan.FollowThrough
	for _, r := range rosters {
		for _, m := range r.Missing {
			if m.FollowThrough != nil {
				absent = absent.Add(*m.FollowThrough)
			}
		}
	}
	c := fupan.CompanySummary(teams, absent)
	mean := "—"
	if c.MeanAchievementCapped != nil {
		mean = fupan.FormatPercent(*c.MeanAchievementCapped, false)
	}
	lead := catalog.F(l, "notify.lead", wording.OfAll(c.MetricsAchieved, c.Metrics), mean)
	if r := c.FollowThrough(); r != nil && c.FollowupTotal > 0 { // none before a second period
		lead += catalog.F(l, "notify.lead.follow", wording.OfAll(c.FollowupDone, c.FollowupTotal)+catalog.T(l, "paren.open")+fupan.FormatPercent(*r, false)+catalog.T(l, "paren.close"))
	}
	return lead
}
