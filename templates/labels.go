// Package templates holds what fupan writes for people in their language: the
// labels of the report, the conclusion sheet and the command line, and the
// template teams fill (its sheets, hints, drop-downs and instructions). The
// tables and their column names come from the domain's schema, so there is one
// list of them.
package templates

import (
	"fmt"

	"github.com/fupan-review/fupan"
)

// Label is a text in the three languages.
type Label = fupan.Names

// L returns a label's text in the language; an unknown key is returned as is,
// so a missing label shows up in review rather than as a blank.
func L(lang fupan.Lang, key string) string {
	if l, ok := labels[key]; ok {
		return l.In(lang)
	}
	return key
}

// EachLabel calls fn with every label and its key, for tests that check the
// catalogue as a whole.
func EachLabel(fn func(key string, l Label)) {
	for k, l := range labels {
		fn(k, l)
	}
}

// Count writes a count with its noun, in the language: "1 warning" and "2
// warnings" in English; Chinese has no plural. key is "count.errors",
// "count.warnings" or "count.infos".
func Count(lang fupan.Lang, key string, n int) string {
	if lang == fupan.English && n == 1 {
		if one, ok := singular[key]; ok {
			return one
		}
	}
	return fmt.Sprintf(L(lang, key), n)
}

// singular is the English for one of a count.
var singular = map[string]string{"count.errors": "1 error", "count.warnings": "1 warning", "count.infos": "1 note"}

// AllText is every label and table and column name in the language: the
// characters a document in it may draw.
func AllText(lang fupan.Lang) []string {
	var out []string
	for _, l := range labels {
		out = append(out, l.In(lang))
	}
	for _, t := range fupan.Schema() {
		out = append(out, t.Title(lang))
		for _, c := range t.Columns {
			out = append(out, c.Names.In(lang))
		}
	}
	return out
}

var labels = map[string]Label{
	"report.title":              {Hans: "策略复盘报告", Hant: "策略復盤報告", En: "Strategy Review Report"},
	"team":                      {Hans: "团队", Hant: "團隊", En: "Team"},
	"period":                    {Hans: "复盘周期", Hant: "復盤週期", En: "Review period"},
	"reviewer":                  {Hans: "复盘人", Hant: "復盤人", En: "Reviewer"},
	"date":                      {Hans: "报告日期", Hant: "報告日期", En: "Report date"},
	"source":                    {Hans: "源文件", Hant: "源檔案", En: "Source file"},
	"summary":                   {Hans: "关键数据", Hant: "關鍵數據", En: "Key figures"},
	"metrics.met":               {Hans: "指标达成", Hant: "指標達成", En: "Targets met"},
	"mean.achievement":          {Hans: "平均达成率（单项封顶100%）", Hant: "平均達成率（單項封頂100%）", En: "Mean achievement (each capped at 100%)"},
	"tasks.on.schedule":         {Hans: "里程碑按期", Hant: "里程碑按期", En: "Milestones on schedule"},
	"completion":                {Hans: "关键任务完成率", Hant: "關鍵任務完成率", En: "Key-task completion"},
	"budget":                    {Hans: "预算合计", Hant: "預算合計", En: "Total budget"},
	"people":                    {Hans: "投入人力", Hant: "投入人力", En: "People"},
	"actions":                   {Hans: "后续行动", Hant: "後續行動", En: "Follow-up actions"},
	"actions.open":              {Hans: "未完成行动", Hant: "未完成行動", En: "Open actions"},
	"chart.achievement":         {Hans: "各指标达成率", Hant: "各指標達成率", En: "Achievement per metric"},
	"chart.gantt":               {Hans: "任务进度甘特图", Hant: "任務進度甘特圖", En: "Task timeline"},
	"plan.period":               {Hans: "计划起止", Hant: "計劃起止", En: "Planned period"},
	"gantt.planned":             {Hans: "计划节点", Hant: "計劃節點", En: "Planned milestone"},
	"gantt.actual":              {Hans: "实际完成", Hant: "實際完成", En: "Actual"},
	"tables":                    {Hans: "复盘表格", Hant: "復盤表格", En: "Review tables"},
	"conclusion":                {Hans: "复盘结论", Hant: "復盤結論", En: "Review conclusion"},
	"highlights":                {Hans: "亮点", Hant: "亮點", En: "Highlights"},
	"improve":                   {Hans: "待改进点", Hant: "待改進點", En: "Points to improve"},
	"root.causes":               {Hans: "根本原因", Hant: "根本原因", En: "Root causes"},
	"directions":                {Hans: "改进方向", Hant: "改進方向", En: "Directions"},
	"findings":                  {Hans: "数据质量问题", Hant: "數據質量問題", En: "Data-quality findings"},
	"no.findings":               {Hans: "未发现问题。", Hant: "未發現問題。", En: "No findings."},
	"none":                      {Hans: "无", Hant: "無", En: "None"},
	"status.achieved":           {Hans: "达成", Hant: "達成", En: "Achieved"},
	"status.close":              {Hans: "接近", Hant: "接近", En: "Close"},
	"status.missed":             {Hans: "未达成", Hant: "未達成", En: "Missed"},
	"status":                    {Hans: "状态", Hant: "狀態", En: "Status"},
	"on.track":                  {Hans: "正常", Hant: "正常", En: "On track"},
	"ahead":                     {Hans: "提前", Hant: "提前", En: "Ahead"},
	"off.track":                 {Hans: "偏差过大", Hant: "偏差過大", En: "Off track"},
	"severity.error":            {Hans: "错误", Hant: "錯誤", En: "Error"},
	"severity.warning":          {Hans: "警告", Hant: "警告", En: "Warning"},
	"severity.info":             {Hans: "提示", Hant: "提示", En: "Info"},
	"cell":                      {Hans: "单元格", Hant: "儲存格", En: "Cell"},
	"sheet":                     {Hans: "工作表", Hant: "工作表", En: "Sheet"},
	"message":                   {Hans: "问题", Hant: "問題", En: "Finding"},
	"hint":                      {Hans: "建议", Hant: "建議", En: "What to do"},
	"item":                      {Hans: "项目", Hant: "項目", En: "Item"},
	"value":                     {Hans: "数值", Hant: "數值", En: "Value"},
	"computed":                  {Hans: "计算值", Hant: "計算值", En: "Computed"},
	"stated":                    {Hans: "填写值", Hant: "填寫值", En: "Stated"},
	"note.stated":               {Hans: "团队填写 %s，按数据计算为 %s", Hant: "團隊填寫 %s，按數據計算為 %s", En: "The team wrote %s; the figures give %s"},
	"page":                      {Hans: "第 %d 页 / 共 %d 页", Hant: "第 %d 頁 / 共 %d 頁", En: "Page %d of %d"},
	"count.errors":              {Hans: "%d 个错误", Hant: "%d 個錯誤", En: "%d errors"},
	"count.warnings":            {Hans: "%d 个警告", Hant: "%d 個警告", En: "%d warnings"},
	"count.infos":               {Hans: "%d 个提示", Hant: "%d 個提示", En: "%d notes"},
	"file.ok":                   {Hans: "可用于生成报告", Hant: "可用於產生報告", En: "ready for the report"},
	"file.bad":                  {Hans: "有错误，无法生成报告", Hant: "有錯誤，無法產生報告", En: "has errors, no report can be made"},
	"missing.value":             {Hans: "（未填写）", Hant: "（未填寫）", En: "(blank)"},
	"file.ok.count":             {Hans: "已生成报告", Hant: "已產生報告", En: "reports"},
	"file.failed.count":         {Hans: "未能处理", Hant: "未能處理", En: "failed"},
	"overview.title":            {Hans: "策略复盘总览", Hant: "策略復盤總覽", En: "Strategy Review Overview"},
	"overview.failed":           {Hans: "未能处理的工作簿", Hant: "未能處理的活頁簿", En: "Workbooks that failed"},
	"overview.chart":            {Hans: "各团队平均达成率", Hant: "各團隊平均達成率", En: "Mean achievement by team"},
	"overview.teams":            {Hans: "各团队复盘概况", Hant: "各團隊復盤概況", En: "Teams side by side"},
	"reason":                    {Hans: "原因", Hant: "原因", En: "Reason"},
	"file":                      {Hans: "文件", Hant: "檔案", En: "File"},
	"target.line":               {Hans: "目标 100%", Hant: "目標 100%", En: "Target 100%"},
	"lesson":                    {Hans: "经验", Hant: "經驗", En: "Lesson"},
	"cause":                     {Hans: "原因", Hant: "原因", En: "Cause"},
	"due":                       {Hans: "完成时间", Hant: "完成時間", En: "Due"},
	"owner":                     {Hans: "责任人", Hant: "責任人", En: "Owner"},
	"deviation.late":            {Hans: "延迟", Hant: "延遲", En: "late"},
	"deviation.early":           {Hans: "提前", Hant: "提前", En: "early"},
	"problems.and.counter":      {Hans: "问题与应对", Hant: "問題與應對", En: "Problems and countermeasures"},
	"direction.lower":           {Hans: "（越低越好）", Hant: "（越低越好）", En: "(lower is better)"},
	"skip.unreadable":           {Hans: "无法读取：%v", Hant: "無法讀取：%v", En: "cannot be read: %v"},
	"skip.broken-link":          {Hans: "失效的符号链接", Hant: "失效的符號連結", En: "a broken symbolic link"},
	"skip.link-out":             {Hans: "指向输入文件夹之外的符号链接（不跟随）", Hant: "指向輸入資料夾之外的符號連結（不跟隨）", En: "a symbolic link out of the input folder (not followed)"},
	"skip.xls":                  {Hans: "旧版 .xls 工作簿：请在 Excel 中打开并另存为 .xlsx", Hant: "舊版 .xls 活頁簿：請在 Excel 中開啟並另存為 .xlsx", En: "a legacy .xls workbook: open it in Excel and save it as .xlsx"},
	"skip.csv":                  {Hans: "CSV 文件：请填写复盘模板（fupan template）并保存为 .xlsx", Hant: "CSV 檔案：請填寫復盤範本（fupan template）並儲存為 .xlsx", En: "a CSV file: fill the review template (fupan template) and save it as .xlsx"},
	"skip.other-sheet":          {Hans: "不是 Excel 工作簿：请另存为 .xlsx", Hant: "不是 Excel 活頁簿：請另存為 .xlsx", En: "not an Excel workbook: save it as .xlsx"},
	"skip.not-workbook":         {Hans: "不是工作簿（只读取 .xlsx 和 .xlsm）", Hant: "不是活頁簿（只讀取 .xlsx 和 .xlsm）", En: "not a workbook (only .xlsx and .xlsm are read)"},
	"skip.name-taken":           {Hans: "输出文件名会与 %s 的相同（%s）：请重命名其中一个", Hant: "輸出檔名會與 %s 的相同（%s）：請重新命名其中一個", En: "its outputs would take the name of %s's (%s): rename one of the two"},
	"gantt.hidden":              {Hans: "另有 %d 项任务、%d 个里程碑未列出，见工作簿", Hant: "另有 %d 項任務、%d 個里程碑未列出，見活頁簿", En: "%d more tasks and %d milestones not shown: see the workbook"},
	"extra.columns":             {Hans: "本表另有列：%s（内容见工作簿）", Hant: "本表另有欄：%s（內容見活頁簿）", En: "This table also has the columns %s (see the workbook)"},
	"actions.done":              {Hans: "行动完成", Hant: "行動完成", En: "Actions done"},
	"previous.value":            {Hans: "上期 %s", Hant: "上期 %s", En: "last period %s"},
	"summary.vs":                {Hans: "关键数据（与上期 %s 相比）", Hant: "關鍵數據（與上期 %s 相比）", En: "Key figures (against %s)"},
	"chart.trend":               {Hans: "指标达成率趋势（近 %d 期）", Hant: "指標達成率趨勢（近 %d 期）", En: "Achievement over the last %d periods"},
	"chart.trend.hidden":        {Hans: "另有 %d 项指标的趋势未列出", Hant: "另有 %d 項指標的趨勢未列出", En: "%d more metrics' trends not shown"},
	"vs.previous":               {Hans: "与上期 %s 相比：", Hant: "與上期 %s 相比：", En: "Against %s: "},
	"overview.change":           {Hans: "较上期", Hant: "較上期", En: "vs. last period"},
	"overview.first":            {Hans: "首期", Hant: "首期", En: "first period"},
	"history.none":              {Hans: "历史中没有复盘记录", Hant: "歷史中沒有復盤記錄", En: "no reviews recorded"},
	"notify.title":              {Hans: "策略复盘 · %s", Hant: "策略復盤 · %s", En: "Strategy review · %s"},
	"notify.counts":             {Hans: "已生成报告 %d 份 · 未能处理 %d 份 · 平均达成率 %s", Hant: "已生成報告 %d 份 · 未能處理 %d 份 · 平均達成率 %s", En: "%d reports · %d failed · mean achievement %s"},
	"notify.team":               {Hans: "指标达成 %s", Hant: "指標達成 %s", En: "targets met %s"},
	"notify.more":               {Hans: "另有 %d 个团队", Hant: "另有 %d 個團隊", En: "%d more teams"},
	"notify.report":             {Hans: "报告", Hant: "報告", En: "report"},
	"notify.overview":           {Hans: "总览", Hant: "總覽", En: "overview"},
	"notify.failed":             {Hans: "未能处理", Hant: "未能處理", En: "failed"},
	"notify.attention":          {Hans: "需要决策：%s", Hant: "需要決策：%s", En: "needs a decision: %s"},
	"notify.attention.more":     {Hans: "%s 等 %d 项", Hant: "%s 等 %d 項", En: "%s and %d more"},
	"remind.title":              {Hans: "行动提醒 · %s", Hant: "行動提醒 · %s", En: "Reminder · %s"},
	"remind.overdue":            {Hans: "“%s”已过完成时间 %s（%s）", Hant: "「%s」已過完成時間 %s（%s）", En: "%s was due %s (%s)"},
	"remind.due":                {Hans: "“%s”将于 %s 到期（%s）", Hant: "「%s」將於 %s 到期（%s）", En: "%s is due %s (%s)"},
	"remind.more":               {Hans: "另有 %d 项", Hant: "另有 %d 項", En: "%d more"},
	"remind.from":               {Hans: "来自 %s 的复盘", Hant: "來自 %s 的復盤", En: "from the %s review"},
	"attn.followup-overdue":     {Hans: "上期行动“%s”已过完成时间（%s），尚未落实", Hant: "上期行動「%s」已過完成時間（%s），尚未落實", En: "last period's action %s was due %s and is not done"},
	"attn.followup-unknown":     {Hans: "上期行动“%s”本期没有跟进", Hant: "上期行動「%s」本期沒有跟進", En: "last period's action %s is not followed up"},
	"followup":                  {Hans: "上期行动落实情况", Hant: "上期行動落實情況", En: "Last period's actions followed up"},
	"followup.rate":             {Hans: "落实率 %s（%d/%d，已取消的不计）", Hant: "落實率 %s（%d/%d，已取消的不計）", En: "Follow-through %s (%d of %d, dropped ones left out)"},
	"followup.short":            {Hans: "行动落实率", Hant: "行動落實率", En: "Follow-through"},
	"followup.action":           {Hans: "行动", Hant: "行動", En: "Action"},
	"followup.done_on":          {Hans: "实际完成", Hant: "實際完成", En: "Done on"},
	"followup.effect":           {Hans: "效果", Hant: "效果", En: "Result"},
	"follow.done":               {Hans: "已完成", Hant: "已完成", En: "done"},
	"follow.done_late":          {Hans: "延期完成", Hant: "延期完成", En: "done late"},
	"follow.open":               {Hans: "进行中", Hant: "進行中", En: "open"},
	"follow.overdue":            {Hans: "已逾期", Hant: "已逾期", En: "overdue"},
	"follow.dropped":            {Hans: "已取消", Hant: "已取消", En: "dropped"},
	"follow.unknown":            {Hans: "未跟进", Hant: "未跟進", En: "not followed up"},
	"lessons.sheet":             {Hans: "其他团队的经验教训", Hant: "其他團隊的經驗教訓", En: "Other teams' lessons"},
	"lessons.title":             {Hans: "经验教训库", Hant: "經驗教訓庫", En: "Lessons library"},
	"lessons.metric":            {Hans: "指标", Hant: "指標", En: "Metric"},
	"lessons.kind":              {Hans: "类型", Hant: "類型", En: "Kind"},
	"lessons.text":              {Hans: "经验/教训", Hant: "經驗/教訓", En: "Lesson"},
	"lessons.from":              {Hans: "来源", Hant: "來源", En: "From"},
	"lessons.none":              {Hans: "复盘历史中还没有其他团队在这些指标上的经验教训", Hant: "復盤歷史中還沒有其他團隊在這些指標上的經驗教訓", En: "No other team's lessons on these metrics in the history yet"},
	"lessons.recurring":         {Hans: "本期经验教训（多个团队共有的在前）", Hant: "本期經驗教訓（多個團隊共有的在前）", En: "This period's lessons (those several teams share first)"},
	"lessons.teams":             {Hans: "%d 个团队", Hant: "%d 個團隊", En: "%d teams"},
	"kind.experience":           {Hans: "经验", Hant: "經驗", En: "experience"},
	"kind.lesson":               {Hans: "教训", Hant: "教訓", En: "lesson"},
	"verdict":                   {Hans: "结论", Hant: "結論", En: "Verdict"},
	"verdict.metrics":           {Hans: "指标达成 %d/%d", Hant: "指標達成 %d/%d", En: "%d of %d targets met"},
	"verdict.none":              {Hans: "没有可计算达成率的指标", Hant: "沒有可計算達成率的指標", En: "no target could be measured"},
	"verdict.worst":             {Hans: "最差：%s", Hant: "最差：%s", En: "worst: %s"},
	"verdict.milestones":        {Hans: "%d 个里程碑中 %d 个偏差过大", Hant: "%d 個里程碑中 %d 個偏差過大", En: "%[2]d of %[1]d milestones off track"},
	"attention":                 {Hans: "需要决策的事项", Hant: "需要決策的事項", En: "Needs a decision"},
	"attention.none":            {Hans: "暂无需要决策的事项", Hant: "暫無需要決策的事項", En: "Nothing needs a decision"},
	"attention.more":            {Hans: "另有 %d 项，见复盘结论与数据质量问题", Hant: "另有 %d 項，見復盤結論與數據品質問題", En: "%d more: see the conclusion and the findings"},
	"attn.missed-no-action":     {Hans: "“%s”未达成，后续行动中没有对应的措施", Hant: "「%s」未達成，後續行動中沒有對應的措施", En: "%s was missed and no follow-up action addresses it"},
	"attn.off-track-no-measure": {Hans: "“%s”偏差过大，没有应对措施", Hant: "「%s」偏差過大，沒有應對措施", En: "%s is off track with no countermeasure"},
	"attn.action-overdue":       {Hans: "行动“%s”已过完成时间（%s），尚未完成", Hant: "行動「%s」已過完成時間（%s），尚未完成", En: "action %s is past its due date (%s) and not done"},
}
