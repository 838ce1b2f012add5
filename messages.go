package fupan

// The finding codes. They are stable: scripts match on them. Each has one
// message in the catalogue below, in Simplified, Traditional and English.
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

	// Warnings: the review is usable but not yet good.
	CodeTableMissing       Code = "table-missing"
	CodePeriodUnknown      Code = "period-unknown"
	CodeTargetZero         Code = "target-zero"
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
	CodeBaselineUnusable   Code = "baseline-after-planned"
	CodeValueMissing       Code = "value-missing"
	CodeCharUnsupported    Code = "char-unsupported"
	CodeActionNotFollowed  Code = "action-not-followed-up"
	CodeActionOverdue      Code = "action-overdue"
	CodeActionDroppedNoWhy Code = "action-dropped-no-reason"
	// Of a run, not of a workbook's content: summary.json's entries carry it.
	CodeTeamPeriodDuplicate Code = "team-period-duplicate"

	// Infos.
	CodeTableEmpty Code = "table-empty"
)

type message struct {
	sev                        Severity
	hans, hant, en             string
	hintHans, hintHant, hintEn string
}

// catalogue holds every finding's message. Arguments are filled in the order the
// checks pass them; they are already in the workbook's language.
var catalogue = map[Code]message{
	CodeFileUnreadable: {SevError,
		"无法读取文件 %s：%s", "無法讀取檔案 %s：%s", "Cannot read %s: %s",
		"请在 Excel 中打开并另存为 .xlsx 后重试。", "請在 Excel 中開啟並另存為 .xlsx 後重試。", "Open it in Excel, save it as .xlsx and try again."},
	CodeFileEncrypted: {SevError,
		"文件 %s 设有打开密码，无法读取（%s）", "檔案 %s 設有開啟密碼，無法讀取（%s）", "%s is password-protected (%s)",
		"请移除打开密码后另存，或在配置中提供存放密码的环境变量。", "請移除開啟密碼後另存，或在設定中提供存放密碼的環境變數。", "Remove the password and save again, or name an environment variable holding it in the config."},
	CodeFileTooLarge: {SevError,
		"文件 %s 过大：%s", "檔案 %s 過大：%s", "%s is too large: %s",
		"请删除无关的工作表或数据后重试，或调高大小上限。", "請刪除無關的工作表或資料後重試，或調高大小上限。", "Remove unrelated sheets or data, or raise the size limit."},
	CodeFileLegacyXLS: {SevError,
		"文件 %s 是旧版 .xls 格式（%s）", "檔案 %s 是舊版 .xls 格式（%s）", "%s is a legacy .xls workbook (%s)",
		"请在 Excel 中另存为 .xlsx 格式。", "請在 Excel 中另存為 .xlsx 格式。", "Save it as .xlsx in Excel."},
	CodeFileNotXLSX: {SevError,
		"文件 %s 不是 Excel 工作簿（%s）", "檔案 %s 不是 Excel 活頁簿（%s）", "%s is not an Excel workbook (%s)",
		"请提交用复盘模板填写的 .xlsx 文件。", "請提交用復盤模板填寫的 .xlsx 檔案。", "Hand in the .xlsx file filled from the review template."},
	CodeNoTables: {SevError,
		"工作簿中找不到任何复盘表格（策略执行计划表、执行进度跟踪表、成果复盘分析表、后续行动计划表）",
		"活頁簿中找不到任何復盤表格（策略執行計劃表、執行進度跟蹤表、成果復盤分析表、後續行動計劃表）",
		"No review table found (strategy execution plan, progress tracking, outcome review, follow-up actions)",
		"请使用 fupan template 生成的模板，并保留各表的表头行。", "請使用 fupan template 產生的範本，並保留各表的表頭列。", "Use the template from `fupan template` and keep each table's header row."},
	CodeColumnMissing: {SevError,
		"%s 第 %d 行的表头缺少必填列“%s”，整张表无法读取", "%s 第 %d 列的表頭缺少必填欄「%s」，整張表無法讀取", "%s: the header in row %d lacks the required column %q, so the table cannot be read",
		"请在表头中补上该列（名称与模板一致），并填写内容。", "請在表頭中補上該欄（名稱與範本一致），並填寫內容。", "Add the column to the header (named as in the template) and fill it in."},
	CodeTableDuplicate: {SevError,
		"%s 出现了两次：%s 和 %s", "%s 出現了兩次：%s 和 %s", "%s appears twice: at %s and at %s",
		"每张表只保留一份，请删除或合并重复的表。", "每張表只保留一份，請刪除或合併重複的表。", "Keep one copy of each table: delete or merge the other."},
	CodeValueUnread: {SevError,
		"“%s”列的值“%s”无法识别为%s", "「%s」欄的值「%s」無法識別為%s", "The %s value %q cannot be read as %s",
		"请按模板示例的写法填写，如 日期 7.31、金额 1200万、数量 500家、比例 15%。", "請按範本示例的寫法填寫，如 日期 7.31、金額 1200萬、數量 500家、比例 15%。", "Write it as the template shows: a date 7/31, an amount 12,000,000, a count 500, a rate 15%.",
	},
	CodeRangeBackwards: {SevError,
		"起止时间“%s”的结束早于开始", "起止時間「%s」的結束早於開始", "The range %q ends before it starts",
		"请检查起止日期的先后顺序。", "請檢查起止日期的先後順序。", "Check the order of the start and end dates."},
	CodeUnitMismatch: {SevError,
		"“%s”的计划值“%s”与实际值“%s”单位不一致（%s 与 %s）", "「%s」的計劃值「%s」與實際值「%s」單位不一致（%s 與 %s）", "%s: target %q and actual %q are of different kinds (%s and %s)",
		"计划值与实际值须使用同一种单位（金额、数量或百分比）。", "計劃值與實際值須使用同一種單位（金額、數量或百分比）。", "Write target and actual in the same kind of unit (amount, count or percentage)."},
	CodeFormulaNoValue: {SevError,
		"“%s”列的公式没有计算结果", "「%s」欄的公式沒有計算結果", "The formula in the %s column has no calculated value",
		"请在 Excel 中打开工作簿、重新计算并保存。", "請在 Excel 中開啟活頁簿、重新計算並儲存。", "Open the workbook in Excel, recalculate and save it."},
	CodeFormulaError: {SevError,
		"“%s”列的公式结果为错误值 %s", "「%s」欄的公式結果為錯誤值 %s", "The formula in the %s column gives the error %s",
		"请修正公式引用的单元格或改为直接填写数值。", "請修正公式引用的儲存格或改為直接填寫數值。", "Fix the cells the formula refers to, or type the value."},

	CodeTableMissing: {SevWarning,
		"缺少%s", "缺少%s", "%s is missing",
		"复盘需要完整的四张表，请补充该表。", "復盤需要完整的四張表，請補充該表。", "A review needs all four tables: add this one."},
	CodePeriodUnknown: {SevWarning,
		"无法确定复盘周期，未写年份的日期按 %d 年计算", "無法確定復盤週期，未寫年份的日期按 %d 年計算", "The review period is unknown; dates without a year are taken as %d",
		"请填写“复盘周期”（如 2025Q3），或将文件命名为 团队_周期.xlsx。", "請填寫「復盤週期」（如 2025Q3），或將檔案命名為 團隊_週期.xlsx。", "Fill in the review period (such as 2025Q3), or name the file team_period.xlsx."},
	CodeTargetZero: {SevWarning,
		"“%s”的计划值为 0，无法计算达成率", "「%s」的計劃值為 0，無法計算達成率", "%s has a target of 0, so achievement cannot be computed",
		"请填写非零的计划值。", "請填寫非零的計劃值。", "Give a target other than zero."},
	CodeDeviationNoCause: {SevWarning,
		"“%s”偏差率 %s 超过 10%%，但未填写%s", "「%s」偏差率 %s 超過 10%%，但未填寫%s", "%s deviates by %s (over 10%%) but has no %s",
		"偏差超过 10% 时须分析原因（主观或客观）并写明应对措施。", "偏差超過 10% 時須分析原因（主觀或客觀）並寫明應對措施。", "Past 10% the cause must be analysed and a countermeasure stated."},
	CodeMissedNoCause: {SevWarning,
		"指标“%s”未达标（达成率 %s），但未填写偏差原因", "指標「%s」未達標（達成率 %s），但未填寫偏差原因", "%s was missed (achievement %s) but no cause is given",
		"请用 5Why 或鱼骨图分析根本原因，写事实而非表象。", "請用 5Why 或魚骨圖分析根本原因，寫事實而非表象。", "Find the root cause (5 Whys, fishbone) and state facts, not symptoms."},
	CodeMissedNoLesson: {SevWarning,
		"指标“%s”未达标，但未总结经验/教训", "指標「%s」未達標，但未總結經驗/教訓", "%s was missed but no lesson is recorded",
		"请写下可复用的教训，以免重蹈覆辙。", "請寫下可複用的教訓，以免重蹈覆轍。", "Write down the lesson so it is not repeated."},
	CodeMissedNoActions: {SevWarning,
		"%d 个指标中 %d 个未达成（其中 %d 个达成率低于90%%），但后续行动计划表中没有任何行动", "%d 個指標中 %d 個未達成（其中 %d 個達成率低於90%%），但後續行動計劃表中沒有任何行動", "%[2]d of %[1]d metrics were not met (%[3]d below 90%%) but there are no follow-up actions",
		"针对每个待改进点制定措施、责任人、完成时间和验收标准。", "針對每個待改進點制定措施、責任人、完成時間和驗收標準。", "Give each point to improve a measure, owner, due date and acceptance criterion."},
	CodeOwnerMissing: {SevWarning,
		"“%s”没有负责人", "「%s」沒有負責人", "%q has no owner",
		"每项任务或行动须指定唯一负责人。", "每項任務或行動須指定唯一負責人。", "Give every task and action exactly one owner."},
	CodeOwnerNotSingle: {SevWarning,
		"“%s”有多个负责人（%s）", "「%s」有多個負責人（%s）", "%q has several owners (%s)",
		"每项任务或行动只设一名负责人，其他人可写在所需支持中。", "每項任務或行動只設一名負責人，其他人可寫在所需支持中。", "Name one owner; others can go under support needed."},
	CodeActionNoDue: {SevWarning,
		"行动“%s”没有完成时间", "行動「%s」沒有完成時間", "Action %q has no due date",
		"请填写完成时间，如 9.10前。", "請填寫完成時間，如 9.10前。", "Give a due date, such as 9/10."},
	CodeActionNoAcceptance: {SevWarning,
		"行动“%s”没有验收标准", "行動「%s」沒有驗收標準", "Action %q has no acceptance criterion",
		"请写明可衡量的验收标准，如 新客户获取成本≤预算的80%。", "請寫明可衡量的驗收標準，如 新客戶獲取成本≤預算的80%。", "State a measurable criterion, such as acquisition cost ≤ 80% of budget."},
	CodeGoalNotMeasurable: {SevWarning,
		"策略目标“%s”不可衡量（没有数字）", "策略目標「%s」不可衡量（沒有數字）", "Goal %q is not measurable (it has no number)",
		"按 SMART 原则写出数字，如 Q3华东销售额提升20%。", "按 SMART 原則寫出數字，如 Q3華東銷售額提升20%。", "Follow SMART: put a number in it, such as raise Q3 sales by 20%."},
	CodeGoalNotTimeBound: {SevWarning,
		"策略目标“%s”没有时限", "策略目標「%s」沒有時限", "Goal %q has no time limit",
		"按 SMART 原则写明期限，如 Q3 或 9月30日前。", "按 SMART 原則寫明期限，如 Q3 或 9月30日前。", "Follow SMART: say by when, such as Q3 or by 9/30."},
	CodeStatedAchievement: {SevWarning,
		"“%s”填写的达成率 %s 与计算值 %s 不符", "「%s」填寫的達成率 %s 與計算值 %s 不符", "%s: the stated achievement %s differs from the computed %s",
		"达成率 = 实际值 ÷ 计划值；请核对数值或公式。", "達成率 = 實際值 ÷ 計劃值；請核對數值或公式。", "Achievement is actual ÷ target: check the figures or the formula."},
	CodeStatedDeviation: {SevWarning,
		"“%s”填写的偏差率 %s 与按日期计算的 %s 不符", "「%s」填寫的偏差率 %s 與按日期計算的 %s 不符", "%s: the stated deviation %s differs from the computed %s",
		"偏差率 =（实际 − 计划）÷ 计划；日期按自基准日起的天数计算。", "偏差率 =（實際 − 計劃）÷ 計劃；日期按自基準日起的天數計算。", "Deviation is (actual − planned) ÷ planned; dates count days from the baseline."},
	CodeBlame: {SevWarning,
		"“%s”归因于个人（%s），而不是事实", "「%s」歸因於個人（%s），而不是事實", "%q blames a person (%s) rather than stating a fact",
		"以数据和事实说明原因，如“任务1未按时完成，因需求变更导致返工2次”。", "以數據和事實說明原因，如「任務1未按時完成，因需求變更導致返工2次」。", "State the fact behind it, such as \"task 1 was late because a change of requirements caused two rounds of rework\"."},
	CodeTaskUnmatched: {SevWarning,
		"跟踪的任务“%s”在策略执行计划表中找不到对应的关键任务", "跟蹤的任務「%s」在策略執行計劃表中找不到對應的關鍵任務", "Tracked task %q matches no key task of the plan",
		"请使用与计划表一致的任务名称。", "請使用與計劃表一致的任務名稱。", "Use the task's name as the plan writes it."},
	CodeBaselineUnusable: {SevWarning,
		"“%s”的计划日期 %s 早于基准日 %s，无法计算偏差率", "「%s」的計劃日期 %s 早於基準日 %s，無法計算偏差率", "%s: the planned date %s is before the baseline %s, so no deviation can be computed",
		"请检查表头中的月份与计划日期。", "請檢查表頭中的月份與計劃日期。", "Check the month in the header and the planned date."},

	CodeValueMissing: {SevWarning,
		"“%s”列未填写", "「%s」欄未填寫", "The %s column is blank",
		"请补填该单元格；无法计算的行不会出现在报告的数字中。", "請補填該儲存格；無法計算的列不會出現在報告的數字中。", "Fill it in: a row that cannot be computed counts in none of the report's figures."},
	CodeCharUnsupported: {SevWarning,
		"“%s”中的字符 %s 超出了 PDF 所用字体的范围，报告中以 ? 代替", "「%s」中的字元 %s 超出了 PDF 所用字型的範圍，報告中以 ? 代替", "%q holds %s, which the PDF's font cannot draw: the report shows ? instead",
		"改用常用字（例如把 𠮷 写作 吉），或删去表情符号；工作簿中的原文不受影响。", "改用常用字（例如把 𠮷 寫作 吉），或刪去表情符號；工作簿中的原文不受影響。", "Use a common character instead, or leave out the emoji; the workbook keeps the original."},
	CodeActionNotFollowed: {SevWarning,
		"上期（%[2]s）的行动“%[1]s”本期没有跟进", "上期（%[2]s）的行動「%[1]s」本期沒有跟進", "Last period's (%[2]s) action %[1]q is not followed up",
		"在表5“上期行动跟进”中写明它的状态、实际完成时间和效果。", "在表5「上期行動跟進」中寫明它的狀態、實際完成時間和效果。", "Give its status, completion date and result in table 5 (Follow-up of last period's actions)."},
	CodeActionOverdue: {SevWarning,
		"上期的行动“%s”已过完成时间（%s），尚未完成", "上期的行動「%s」已過完成時間（%s），尚未完成", "Last period's action %q was due %s and is not done",
		"写明阻碍和新的完成时间，或将其取消并在“效果”中说明原因。", "寫明阻礙和新的完成時間，或將其取消並在「效果」中說明原因。", "Say what blocks it and the new date, or cancel it and give the reason under Result."},
	CodeActionDroppedNoWhy: {SevWarning,
		"上期的行动“%s”已取消，但没有说明原因", "上期的行動「%s」已取消，但沒有說明原因", "Last period's action %q was dropped with no reason given",
		"在“效果”中写明取消的原因。", "在「效果」中寫明取消的原因。", "Give the reason under Result."},
	CodeTeamPeriodDuplicate: {SevWarning,
		"本次执行中 %s 与本工作簿属于同一团队、同一周期，复盘历史只保留修改时间较晚的 %s", "本次執行中 %s 與本活頁簿屬於同一團隊、同一週期，復盤歷史只保留修改時間較晚的 %s", "%s in this run is of the same team and period; the review history keeps the one modified last, %s",
		"请删除过时的版本，或在工作簿中改正团队或周期。", "請刪除過時的版本，或在活頁簿中改正團隊或週期。", "Remove the outdated copy, or correct the team or period in the workbook."},
	CodeTableEmpty: {SevInfo,
		"%s还没有填写内容", "%s還沒有填寫內容", "%s is empty",
		"请按表头填写。", "請按表頭填寫。", "Fill it in under its header."},
}
