package templates

import "github.com/fupan-review/fupan"

// ColumnSpec is how the blank template presents one column.
type ColumnSpec struct {
	Col   fupan.Col
	Width float64
	Hint  Label   // the input message shown when a cell is selected
	List  []Label // a drop-down, where the column has a fixed set of values
	// Text formats the column as text so Excel keeps "7.31" as typed instead of
	// turning it into the number 7.31; Percent shows numbers as percentages.
	Text, Percent bool
}

// TableSpec is one table of the blank template, on a sheet of its own.
type TableSpec struct {
	ID      fupan.TableID
	Sheet   Label
	Columns []ColumnSpec
}

// Template returns the blank template's tables in order.
func Template() []TableSpec {
	return []TableSpec{
		{ID: fupan.PlanTable, Sheet: Label{Hans: "表1 执行计划", Hant: "表1 執行計劃", En: "1 Plan"}, Columns: []ColumnSpec{
			{Col: fupan.ColGoal, Width: 26, Hint: Label{Hans: "遵循 SMART 原则：有数字、有期限。例：Q3华东销售额提升20%", Hant: "遵循 SMART 原則：有數字、有期限。例：Q3華東銷售額提升20%", En: "SMART: a number and a deadline, e.g. Grow East China sales by 20% in Q3"}},
			{Col: fupan.ColTask, Width: 24, Hint: Label{Hans: "把目标拆成可执行的任务。例：优化线上推广渠道", Hant: "把目標拆成可執行的任務。例：優化線上推廣渠道", En: "A task that serves the goal, e.g. Optimise online promotion channels"}},
			{Col: fupan.ColOwner, Width: 12, Hint: Label{Hans: "唯一负责人，只写一个人", Hant: "唯一負責人，只寫一個人", En: "Exactly one owner"}},
			{Col: fupan.ColPeriod, Width: 16, Text: true, Hint: Label{Hans: "开始-结束。例：7.1-7.31 或 2025-07-01 ~ 2025-07-31", Hant: "開始-結束。例：7.1-7.31 或 2025-07-01 ~ 2025-07-31", En: "Start-end, e.g. 7/1-7/31 or 2025-07-01 ~ 2025-07-31"}},
			{Col: fupan.ColResources, Width: 24, Hint: Label{Hans: "预算与人力。例：预算5万元，设计1人", Hant: "預算與人力。例：預算5萬元，設計1人", En: "Budget and people, e.g. Budget 50,000 yuan, 1 designer"}},
			{Col: fupan.ColAcceptance, Width: 30, Hint: Label{Hans: "可衡量的交付标准。例：3个平台投放方案上线，点击率≥3%", Hant: "可衡量的交付標準。例：3個平臺投放方案上線，點擊率≥3%", En: "A measurable result, e.g. live on 3 platforms, click-through ≥3%"}},
		}},
		{ID: fupan.TrackingTable, Sheet: Label{Hans: "表2 进度跟踪", Hant: "表2 進度跟蹤", En: "2 Tracking"}, Columns: []ColumnSpec{
			{Col: fupan.ColTask, Width: 24, Hint: Label{Hans: "里程碑或关键任务，名称与表1一致", Hant: "里程碑或關鍵任務，名稱與表1一致", En: "A milestone of a task of table 1, named as there"}},
			{Col: fupan.ColPlanned, Width: 16, Text: true, Hint: Label{Hans: "计划日期或进度。例：7月31日前完成、80%。表头可注明月份：计划进度（7月）", Hant: "計劃日期或進度。例：7月31日前完成、80%。表頭可註明月份：計劃進度（7月）", En: "Planned date or progress, e.g. by 7/31 or 80%. The header may name the month: Planned (July)"}},
			{Col: fupan.ColActual, Width: 14, Text: true, Hint: Label{Hans: "实际日期或进度。例：7月28日、65%、已完成", Hant: "實際日期或進度。例：7月28日、65%、已完成", En: "Actual date or progress, e.g. 7/28, 65%, done"}},
			{Col: fupan.ColDeviation, Width: 10, Percent: true, Hint: Label{Hans: "可留空：fupan 会计算并填写", Hant: "可留空：fupan 會計算並填寫", En: "May stay blank: fupan computes it"}},
			{Col: fupan.ColProblem, Width: 28, Hint: Label{Hans: "偏差超过10%须填写。写事实，不归因于个人", Hant: "偏差超過10%須填寫。寫事實，不歸因於個人", En: "Required past 10% deviation. State facts, blame no one"}},
			{Col: fupan.ColCountermeasure, Width: 28, Hint: Label{Hans: "具体应对措施", Hant: "具體應對措施", En: "What is being done about it"}},
			{Col: fupan.ColOwner, Width: 12, Hint: Label{Hans: "唯一责任人", Hant: "唯一責任人", En: "Exactly one owner"}},
		}},
		{ID: fupan.OutcomeTable, Sheet: Label{Hans: "表3 成果复盘", Hant: "表3 成果復盤", En: "3 Outcomes"}, Columns: []ColumnSpec{
			{Col: fupan.ColMetric, Width: 20, Hint: Label{Hans: "目标指标。例：华东销售额", Hant: "目標指標。例：華東銷售額", En: "The metric, e.g. East China sales"}},
			{Col: fupan.ColTarget, Width: 14, Hint: Label{Hans: "例：1200万、500家、15%、≤80%", Hant: "例：1200萬、500家、15%、≤80%", En: "e.g. 12,000,000, 500 customers, 15%, ≤80%"}},
			{Col: fupan.ColActual, Width: 14, Hint: Label{Hans: "与计划值同一单位。例：1080万", Hant: "與計劃值同一單位。例：1080萬", En: "Same unit as the target, e.g. 10,800,000"}},
			{Col: fupan.ColAchievement, Width: 10, Percent: true, Hint: Label{Hans: "可留空：fupan 会计算并填写", Hant: "可留空：fupan 會計算並填寫", En: "May stay blank: fupan computes it"}},
			{Col: fupan.ColCause, Width: 30, Hint: Label{Hans: "用事实说明根本原因（5Why/鱼骨图）", Hant: "用事實說明根本原因（5Why/魚骨圖）", En: "The root cause, as facts (5 Whys, fishbone)"}},
			{Col: fupan.ColLesson, Width: 30, Hint: Label{Hans: "经验：可复制的做法；教训：下次要避免的", Hant: "經驗：可複製的做法；教訓：下次要避免的", En: "What worked and can be repeated; what to avoid next time"}},
			{Col: fupan.ColDirection, Width: 10, Hint: Label{Hans: "成本类指标选越低越好", Hant: "成本類指標選越低越好", En: "Choose lower for costs"},
				List: []Label{{Hans: "越高越好", Hant: "越高越好", En: "higher"}, {Hans: "越低越好", Hant: "越低越好", En: "lower"}}},
		}},
		{ID: fupan.ActionTable, Sheet: Label{Hans: "表4 后续行动", Hant: "表4 後續行動", En: "4 Actions"}, Columns: []ColumnSpec{
			{Col: fupan.ColItem, Width: 22, Hint: Label{Hans: "来自复盘结论的待改进点", Hant: "來自復盤結論的待改進點", En: "A point to improve from the conclusion"}},
			{Col: fupan.ColMeasure, Width: 30, Hint: Label{Hans: "具体措施", Hant: "具體措施", En: "The concrete measure"}},
			{Col: fupan.ColOwner, Width: 12, Hint: Label{Hans: "唯一责任人", Hant: "唯一責任人", En: "Exactly one owner"}},
			{Col: fupan.ColDue, Width: 12, Text: true, Hint: Label{Hans: "例：9.10前", Hant: "例：9.10前", En: "e.g. by 9/10"}},
			{Col: fupan.ColSupport, Width: 22, Hint: Label{Hans: "需要哪个部门提供什么", Hant: "需要哪個部門提供什麼", En: "Which team provides what"}},
			{Col: fupan.ColAcceptance, Width: 26, Hint: Label{Hans: "可衡量的验收标准。例：新客户获取成本≤预算的80%", Hant: "可衡量的驗收標準。例：新客戶獲取成本≤預算的80%", En: "Measurable, e.g. acquisition cost ≤ 80% of budget"}},
			{Col: fupan.ColStatus, Width: 10, Hint: Label{Hans: "行动进展", Hant: "行動進展", En: "Progress of the action"},
				List: []Label{{Hans: "未开始", Hant: "未開始", En: "not started"}, {Hans: "进行中", Hant: "進行中", En: "in progress"}, {Hans: "已完成", Hant: "已完成", En: "done"}}},
		}},
		{ID: fupan.FollowupTable, Sheet: Label{Hans: "表5 上期行动跟进", Hant: "表5 上期行動跟進", En: "5 Follow-up"}, Columns: []ColumnSpec{
			{Col: fupan.ColItem, Width: 22, Hint: Label{Hans: "上期表4中的改进项，原样照录", Hant: "上期表4中的改進項，原樣照錄", En: "An improvement from last period's table 4, as written there"}},
			{Col: fupan.ColMeasure, Width: 28, Hint: Label{Hans: "上期约定的具体措施", Hant: "上期約定的具體措施", En: "The measure agreed last period"}},
			{Col: fupan.ColOwner, Width: 12, Hint: Label{Hans: "唯一责任人", Hant: "唯一責任人", En: "Exactly one owner"}},
			{Col: fupan.ColDue, Width: 12, Text: true, Hint: Label{Hans: "上期约定的完成时间", Hant: "上期約定的完成時間", En: "The due date agreed last period"}},
			{Col: fupan.ColAcceptance, Width: 24, Hint: Label{Hans: "上期约定的验收标准", Hant: "上期約定的驗收標準", En: "The acceptance criterion agreed last period"}},
			{Col: fupan.ColStatus, Width: 10, Hint: Label{Hans: "本期末的状态；取消的须在“效果”中写明原因", Hant: "本期末的狀態；取消的須在「效果」中寫明原因", En: "Its state at this period's end; a dropped one needs its reason under Result"},
				List: []Label{{Hans: "已完成", Hant: "已完成", En: "done"}, {Hans: "进行中", Hant: "進行中", En: "in progress"}, {Hans: "未开始", Hant: "未開始", En: "not started"}, {Hans: "已取消", Hant: "已取消", En: "cancelled"}}},
			{Col: fupan.ColDoneOn, Width: 12, Text: true, Hint: Label{Hans: "实际完成的日期。例：9.8", Hant: "實際完成的日期。例：9.8", En: "When it was done, e.g. 9/8"}},
			{Col: fupan.ColEffect, Width: 30, Hint: Label{Hans: "对照验收标准的结果；取消的写明原因", Hant: "對照驗收標準的結果；取消的寫明原因", En: "The result against the acceptance criterion; for a dropped one, why"}},
		}},
	}
}

// FactsSheet is the name of the template's review-facts sheet.
var FactsSheet = Label{Hans: "复盘信息", Hant: "復盤資訊", En: "Review"}

// Facts are the review facts the template asks for, with their hints.
func Facts() [][2]Label {
	return [][2]Label{
		{{Hans: "团队", Hant: "團隊", En: "Team"}, {Hans: "例：华东销售部", Hant: "例：華東銷售部", En: "e.g. East China Sales"}},
		{{Hans: "复盘周期", Hant: "復盤週期", En: "Period"}, {Hans: "例：2025Q3、2025-07、2025H1", Hant: "例：2025Q3、2025-07、2025H1", En: "e.g. 2025Q3, 2025-07, 2025H1"}},
		{{Hans: "复盘人", Hant: "復盤人", En: "Reviewer"}, {Hans: "主持本次复盘的人", Hant: "主持本次復盤的人", En: "Who led the review"}},
	}
}

// InstructionsSheet is the name of the sheet that explains the template.
var InstructionsSheet = Label{Hans: "填写说明", Hant: "填寫說明", En: "How to fill"}

// Instructions are the lines of the instructions sheet.
func Instructions() []Label {
	return []Label{
		{Hans: "策略执行及成果复盘模板", Hant: "策略執行及成果復盤範本", En: "Strategy execution and outcome review template"},
		{Hans: "1. 在“复盘信息”中填写团队、复盘周期（如 2025Q3）和复盘人。", Hant: "1. 在「復盤資訊」中填寫團隊、復盤週期（如 2025Q3）和復盤人。", En: "1. On the Review sheet, fill in team, period (such as 2025Q3) and reviewer."},
		{Hans: "2. 表1 执行计划：把目标拆成关键任务，每项任务一名负责人，写明起止时间、预算/人力和验收标准。", Hant: "2. 表1 執行計劃：把目標拆成關鍵任務，每項任務一名負責人，寫明起止時間、預算/人力和驗收標準。", En: "2. Table 1, plan: break the goal into key tasks, one owner each, with start-end, budget/people and acceptance criteria."},
		{Hans: "3. 表2 进度跟踪：按周或按月记录里程碑的计划与实际；偏差超过10%时写明主要问题和应对措施。", Hant: "3. 表2 進度跟蹤：按週或按月記錄里程碑的計劃與實際；偏差超過10%時寫明主要問題和應對措施。", En: "3. Table 2, tracking: record each milestone's plan and actual weekly or monthly; past 10% deviation, state the problem and the countermeasure."},
		{Hans: "4. 表3 成果复盘：填写计划值与实际值（同一单位）；未达标的写明原因和教训，达标的总结经验。", Hant: "4. 表3 成果復盤：填寫計劃值與實際值（同一單位）；未達標的寫明原因和教訓，達標的總結經驗。", En: "4. Table 3, outcomes: target and actual in the same unit; for a miss give the cause and lesson, for a success the experience."},
		{Hans: "5. 表4 后续行动：每个待改进点写明措施、责任人、完成时间和验收标准。", Hant: "5. 表4 後續行動：每個待改進點寫明措施、責任人、完成時間和驗收標準。", En: "5. Table 4, actions: every point to improve gets a measure, an owner, a due date and an acceptance criterion."},
		{Hans: "6. 表5 上期行动跟进（可选）：逐项写明上期表4中行动的状态、实际完成时间和效果；fupan next 生成的下期工作簿已预填。", Hant: "6. 表5 上期行動跟進（可選）：逐項寫明上期表4中行動的狀態、實際完成時間和效果；fupan next 產生的下期活頁簿已預填。", En: "6. Table 5, follow-up (optional): for each action of last period's table 4, its status, completion date and result; fupan next pre-fills it."},
		{Hans: "达成率和偏差率可以留空，fupan 会计算并填入；如果填写了，fupan 会核对。", Hant: "達成率和偏差率可以留空，fupan 會計算並填入；如果填寫了，fupan 會核對。", En: "Achievement and deviation may stay blank: fupan computes them, and checks them where you fill them in."},
		{Hans: "写法示例：日期 7.31、7月31日、2025-07-31；金额 1200万、¥50,000；数量 500家；比例 15%、≥3%。", Hant: "寫法示例：日期 7.31、7月31日、2025-07-31；金額 1200萬、¥50,000；數量 500家；比例 15%、≥3%。", En: "How to write values: dates 7/31 or 2025-07-31; amounts 12,000,000 or ¥50,000; counts 500; rates 15%, ≥3%."},
		{Hans: "客观中立：以数据为依据，不归因于个人。不说“张三执行不力”，而说“任务1未按时完成，因需求变更导致返工2次”。", Hant: "客觀中立：以數據為依據，不歸因於個人。不說「張三執行不力」，而說「任務1未按時完成，因需求變更導致返工2次」。", En: "Be objective: reason from data, never blame a person. Not \"Zhang San performed poorly\" but \"task 1 was late because a change of requirements caused two rounds of rework\"."},
		{Hans: "交表前可执行 fupan validate 文件名.xlsx 检查。", Hant: "交表前可執行 fupan validate 檔名.xlsx 檢查。", En: "Before handing it in, run fupan validate FILE.xlsx to check it."},
	}
}
