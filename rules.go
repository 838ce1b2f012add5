package fupan

// Rule is one finding code: its severity, the threshold it judges by (0
// where it has none) and what it is about, in one table. The message and
// the hint are the catalogues' "finding.<code>" and "finding.<code>.hint";
// a rule with a threshold has it passed into its hint (and its message
// where the check says so), never written in the texts.
type Rule struct {
	Code      Code
	Severity  Severity
	Threshold float64
	About     string
}

// Rules are every finding code fupan reports. The README's table of codes
// has a row for each (TestRulesHaveTextsAndRows).
var Rules = []Rule{
	{CodeFileUnreadable, SevError, 0, "the file cannot be opened, or is damaged"},
	{CodeFileNotXLSX, SevError, 0, "not an .xlsx"},
	{CodeFileLegacyXLS, SevError, 0, "an Excel 97-2003 .xls"},
	{CodeFileEncrypted, SevError, 0, "password-protected, and no right password given"},
	{CodeFileTooLarge, SevError, 0, "over a size limit"},
	{CodeNoTables, SevError, 0, "no review table at all"},
	{CodeColumnMissing, SevError, 0, "a table lacks a required column"},
	{CodeTableDuplicate, SevError, 0, "a table found twice"},
	{CodeValueUnread, SevError, 0, "a value that cannot be read as its column needs"},
	{CodeRangeBackwards, SevError, 0, "a range that ends before it starts"},
	{CodeUnitMismatch, SevError, 0, "target and actual of different kinds, measure words or currencies"},
	{CodeFormulaNoValue, SevError, 0, "a formula never calculated"},
	{CodeFormulaError, SevError, 0, "a formula that gives an error"},
	{CodeNotFilled, SevError, 0, "no actual in table 3 and no progress in table 2"},

	{CodeTableMissing, SevWarning, 0, "one of the four tables is missing"},
	{CodePeriodUnknown, SevWarning, 0, "no review period, or one that is no period"},
	{CodePeriodNameDiffers, SevWarning, 0, "the 复盘周期 cell and the file name name different periods"},
	{CodeTeamNameDiffers, SevWarning, 0, "the team cell and the file name name clearly different teams"},
	{CodeTargetZero, SevWarning, 0, "a target of 0 with no direction to judge it by"},
	{CodeMagnitudeDiffers, SevWarning, 0, "target and actual a thousandfold or more apart: a unit likely forgotten"},
	{CodeDeviationNoCause, SevWarning, OnTrackLimit, "a milestone off by more than the limit without problem or countermeasure"},
	{CodeMissedNoCause, SevWarning, 0, "a missed metric without a cause"},
	{CodeMissedNoLesson, SevWarning, 0, "a missed metric without a lesson"},
	{CodeMissedNoActions, SevWarning, 0, "missed metrics and no follow-up action"},
	{CodeOwnerMissing, SevWarning, 0, "a task or action without an owner"},
	{CodeOwnerNotSingle, SevWarning, 0, "a task or action with several owners"},
	{CodeActionNoDue, SevWarning, 0, "an action without a due date"},
	{CodeActionNoAcceptance, SevWarning, 0, "an action without an acceptance criterion"},
	{CodeGoalNotMeasurable, SevWarning, 0, "a goal with no number"},
	{CodeGoalNotTimeBound, SevWarning, 0, "a goal with no date or period"},
	{CodeStatedAchievement, SevWarning, StatedTolerance, "the team's 达成率 differs from fupan's"},
	{CodeStatedDeviation, SevWarning, StatedTolerance, "the team's 偏差率 differs from fupan's"},
	{CodeBlame, SevWarning, 0, "a cause or problem that blames a person"},
	{CodeTaskUnmatched, SevWarning, 0, "a tracked task that matches no planned task"},
	{CodeValueMissing, SevWarning, 0, "a required cell left blank"},
	{CodeCharUnsupported, SevWarning, 0, "a character the report cannot draw"},
	{CodeSheetDamaged, SevWarning, 0, "a sheet whose part in the file is damaged, left out"},
	{CodeActionNotFollowed, SevWarning, 0, "last period's action not followed up"},
	{CodeActionOverdue, SevWarning, 0, "last period's action past its due date, not done"},
	{CodeActionDroppedNoWhy, SevWarning, 0, "last period's action dropped with no reason"},
	{CodeStatusUnknown, SevWarning, 0, "a status word fupan does not know"},
	{CodeStatusDateConflict, SevWarning, 0, "a status that says not done beside a date it was done, or a done date after the as-of day"},
	{CodeTeamPeriodDuplicate, SevWarning, 0, "two workbooks of one team and period in a run"},
	{CodeFollowupUnknownAction, SevWarning, 0, "a row of table 5 that names no earlier action of the team"},
	{CodeFollowupClosedReopened, SevWarning, 0, "a row of table 5 writing not done for an action an earlier review closed"},

	{CodeTableEmpty, SevInfo, 0, "a table with a header and no rows"},
	{CodeNegativeTarget, SevInfo, 0, "a negative target, and how its achievement is computed"},
	{CodePlanBeforePeriod, SevInfo, 0, "a carried task of table 1 dated before the period: to re-plan"},

	// Of how the review is written, not of its results (quality.go): page 1's
	// verdict does not count them.
	{CodeCauseSurface, SevWarning, 0, "a cause that restates the miss or names a generic cause, with no fact"},
	{CodeAcceptanceNotMeasurable, SevWarning, 0, "an acceptance criterion with no number, date or named deliverable"},
	{CodeAchievedNoExperience, SevInfo, 0, "an achieved metric with no experience that could be repeated"},
}

// severity and rules are Rules by code, made once and only read after.
var severity, rules = func() (map[Code]Severity, map[Code]Rule) {
	sev, byCode := map[Code]Severity{}, map[Code]Rule{}
	for _, r := range Rules {
		sev[r.Code], byCode[r.Code] = r.Severity, r
	}
	return sev, byCode
}()

// RuleOf is the rule of a code, and whether there is one.
func RuleOf(c Code) (Rule, bool) {
	r, ok := rules[c]
	return r, ok
}

// IsOverdue reports a due date passed as of a day: the due day itself is not
// overdue, the day after is. The follow-up judges as of the day after the
// period's end (an action due on its last day and not done is overdue once
// the period is over), the reminders and page 1 as of the report's day.
func IsOverdue(due, asOf Date) bool { return !due.IsZero() && due.Before(asOf) }
