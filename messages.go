package fupan

// The finding codes. They are stable: scripts match on them. Each has a
// severity below and a message in each language's catalogue.
const (
	// Errors: the workbook cannot be used for the report as it is.
	CodeFileUnreadable Code = "file-unreadable"
	CodeFileEncrypted  Code = "file-encrypted"
	CodeFileTooLarge   Code = "file-too-large"
	CodeFileLegacyXLS  Code = "file-legacy-xls"
	CodeFileNotXLSX    Code = "file-not-workbook"
	CodeNoTables       Code = "no-tables"
	CodeColumnMissing  Code = "column-missing"
	CodeTableDuplicate Code = "table-duplicate"
	CodeValueUnread    Code = "value-unreadable"
	CodeRangeBackwards Code = "range-backwards"
	CodeUnitMismatch   Code = "unit-mismatch"
	CodeFormulaNoValue Code = "formula-no-value"
	CodeFormulaError   Code = "formula-error"
	CodeNotFilled      Code = "review-not-filled"

	// Warnings: the review is usable but not yet good.
	CodeTableMissing  Code = "table-missing"
	CodePeriodUnknown Code = "period-unknown"
	// The workbook's cell and its file name name different periods or teams:
	// the cell is used, and the warning names both.
	CodePeriodNameDiffers Code = "period-name-differs"
	CodeTeamNameDiffers   Code = "team-name-differs"
	CodeTargetZero        Code = "target-zero"
	// Target and actual a thousandfold apart: a unit (万) likely forgotten.
	CodeMagnitudeDiffers   Code = "magnitude-differs"
	CodeDeviationNoCause   Code = "deviation-unexplained"
	CodeMissedNoCause      Code = "missed-no-cause"
	CodeMissedNoLesson     Code = "missed-no-lesson"
	CodeMissedNoActions    Code = "missed-no-actions"
	CodeOwnerMissing       Code = "owner-missing"
	CodeOwnerNotSingle     Code = "owner-not-single"
	CodeActionNoDue        Code = "action-no-due"
	CodeActionNoAcceptance Code = "action-no-acceptance"
	CodeGoalNotMeasurable  Code = "goal-not-measurable"
	CodeGoalNotTimeBound   Code = "goal-not-time-bound"
	CodeStatedAchievement  Code = "stated-achievement-differs"
	CodeStatedDeviation    Code = "stated-deviation-differs"
	CodeBlame              Code = "blames-person"
	CodeTaskUnmatched      Code = "task-unmatched"
	CodeValueMissing       Code = "value-missing"
	CodeCharUnsupported    Code = "char-unsupported"
	CodeSheetDamaged       Code = "sheet-damaged"
	CodeActionNotFollowed  Code = "action-not-followed-up"
	CodeActionOverdue      Code = "action-overdue"
	CodeActionDroppedNoWhy Code = "action-dropped-no-reason"
	CodeStatusUnknown      Code = "status-unknown"
	// A not-done status beside a done date: the status wins.
	CodeStatusDateConflict Code = "status-date-conflict"
	// Of a run, not of a workbook's content: summary.json's entries carry it.
	CodeTeamPeriodDuplicate Code = "team-period-duplicate"

	// A row of table 5 that names no earlier action of the team's register.
	CodeFollowupUnknownAction  Code = "followup-unknown-action"
	CodeFollowupClosedReopened Code = "followup-closed-reopened"
	// A task of table 1 dated before the period: carried, to re-plan.
	CodePlanBeforePeriod Code = "plan-before-period"

	// Infos.
	CodeTableEmpty     Code = "table-empty"
	CodeNegativeTarget Code = "negative-target"

	// Of the review's quality, not its results (quality.go): page 1's verdict
	// does not count them.
	CodeCauseSurface            Code = "cause-surface"             // warning
	CodeAcceptanceNotMeasurable Code = "acceptance-not-measurable" // warning
	CodeAchievedNoExperience    Code = "achieved-no-experience"    // info
)
