// Package gen defines the example workbooks under samples/: the seed's review in each
// language, realistic variants and broken ones. The .xlsx files in samples/ are
// written by `go run ./samples/gen/mksamples` from the definitions here, which the
// tests use too.
package gen

import "github.com/fupan-review/fupan/xlsx"

// Table is one of the four tables as text: its title, header and rows.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
}

// Review is the four tables of one review in one language.
type Review struct {
	Lang                       string
	Plan, Track, Outcome, Acts Table
	// Follow is table 5, last period's actions followed up: optional.
	Follow Table
}

// SeedTraditional is the seed's review exactly as the seed writes it,
// including its slips ("率≥3%", and a stated -6.5% its dates do not give).
func SeedTraditional() Review {
	return Review{
		Lang: "zh-Hant",
		Plan: Table{"表1:策略執行計劃表",
			[]string{"策略目標", "關鍵任務", "負責人", "起止時間", "資源需求(預算/人力)", "驗收標準"},
			[][]string{
				{"Q3華東銷售額提升20%", "優化線上推廣渠道", "李四", "7.1-7.31", "預算5萬元,設計1人", "3個平臺投放方案上線,率≥3%"},
				{"", "開展區域地推活動", "王五", "8.1-8.31", "預算8萬元,地推團隊5人", "10場沙龍,累計參與500人,轉化30%"},
				{"", "重點客戶深度運營", "趙六", "7.15-9.30", "預算3萬元,客戶經理2人", "20家重點客戶復購率提升15%"},
			}},
		Track: Table{"表2:執行進度跟蹤表",
			[]string{"關鍵任務", "計劃進度(7月)", "實際進度", "偏差率", "主要問題", "應對措施", "責任人"},
			[][]string{
				{"線上推廣方案上線", "7月31日前完成", "7月28日", "-6.5%", "素材設計反復修改,延誤2天", "增加1名設計支持,並行修改", "李四"},
				{"首場地推活動", "7月15日開展", "7月18日", "+20%", "場地臨時取消,協調新場地耗時3天", "提前2周確認備用場地,簽訂備選協議", "王五"},
			}},
		Outcome: Table{"表3:成果復盤分析表",
			[]string{"目標指標", "計劃值", "實際值", "達成率", "偏差原因", "經驗/教訓"},
			[][]string{
				{"華東銷售額", "1200萬", "1080萬", "90%", "新客戶獲取成本超預算30%,轉化率未達預期", "教訓:地推活動客群畫像需更精準,需提前做小范圍測試"},
				{"新客戶獲取量", "500家", "420家", "84%", "線上推廣素材吸引力不足,率僅2.5%", "教訓:素材設計需增加用戶證言,強化痛點場景"},
				{"重點客戶復購率", "15%", "18%", "120%", "客戶經理推出\"老帶新\"激勵政策,效果顯著", "經驗:針對高價值客戶的分層運營策略可復制推廣"},
			}},
		Acts: Table{"表4:後續行動計劃表",
			[]string{"改進項", "具體措施", "責任人", "完成時間", "所需支持", "驗收標準"},
			[][]string{
				{"降低新客戶獲取成本", "優化地推活動客群畫像,聚焦25-35歲職場新人", "王五", "9.10前", "市場部提供用戶行為數據報告", "新客戶獲取成本≤預算的80%"},
				{"提升線上推廣轉化率", "增加3個用戶證言素材,優化落地頁文案", "李四", "8.20前", "設計部配合素材制作", "率≥4%,轉化率≥5%"},
				{"復制重點客戶運營經驗", "制定《高價值客戶分層運營SOP》", "趙六", "9.30前", "培訓部組織SOP內部培訓", "全體客戶經理掌握SOP,10月前落地實施"},
			}},
	}
}

// SeedSimplified is the seed's review in Simplified characters.
func SeedSimplified() Review {
	return Review{
		Lang: "zh-Hans",
		Plan: Table{"表1:策略执行计划表",
			[]string{"策略目标", "关键任务", "负责人", "起止时间", "资源需求(预算/人力)", "验收标准"},
			[][]string{
				{"Q3华东销售额提升20%", "优化线上推广渠道", "李四", "7.1-7.31", "预算5万元,设计1人", "3个平台投放方案上线,率≥3%"},
				{"", "开展区域地推活动", "王五", "8.1-8.31", "预算8万元,地推团队5人", "10场沙龙,累计参与500人,转化30%"},
				{"", "重点客户深度运营", "赵六", "7.15-9.30", "预算3万元,客户经理2人", "20家重点客户复购率提升15%"},
			}},
		Track: Table{"表2:执行进度跟踪表",
			[]string{"关键任务", "计划进度(7月)", "实际进度", "偏差率", "主要问题", "应对措施", "责任人"},
			[][]string{
				{"线上推广方案上线", "7月31日前完成", "7月28日", "-6.5%", "素材设计反复修改,延误2天", "增加1名设计支持,并行修改", "李四"},
				{"首场地推活动", "7月15日开展", "7月18日", "+20%", "场地临时取消,协调新场地耗时3天", "提前2周确认备用场地,签订备选协议", "王五"},
			}},
		Outcome: Table{"表3:成果复盘分析表",
			[]string{"目标指标", "计划值", "实际值", "达成率", "偏差原因", "经验/教训"},
			[][]string{
				{"华东销售额", "1200万", "1080万", "90%", "新客户获取成本超预算30%,转化率未达预期", "教训:地推活动客群画像需更精准,需提前做小范围测试"},
				{"新客户获取量", "500家", "420家", "84%", "线上推广素材吸引力不足,率仅2.5%", "教训:素材设计需增加用户证言,强化痛点场景"},
				{"重点客户复购率", "15%", "18%", "120%", "客户经理推出“老带新”激励政策,效果显著", "经验:针对高价值客户的分层运营策略可复制推广"},
			}},
		Acts: Table{"表4:后续行动计划表",
			[]string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准"},
			[][]string{
				{"降低新客户获取成本", "优化地推活动客群画像,聚焦25-35岁职场新人", "王五", "9.10前", "市场部提供用户行为数据报告", "新客户获取成本≤预算的80%"},
				{"提升线上推广转化率", "增加3个用户证言素材,优化落地页文案", "李四", "8.20前", "设计部配合素材制作", "率≥4%,转化率≥5%"},
				{"复制重点客户运营经验", "制定《高价值客户分层运营SOP》", "赵六", "9.30前", "培训部组织SOP内部培训", "全体客户经理掌握SOP,10月前落地实施"},
			}},
	}
}

// SeedEnglish is the seed's review as an English-speaking team would write it.
func SeedEnglish() Review {
	return Review{
		Lang: "en",
		Plan: Table{"Table 1: Strategy execution plan",
			[]string{"Strategy goal", "Key task", "Owner", "Start–end", "Resources (budget/people)", "Acceptance criteria"},
			[][]string{
				{"Grow East China sales by 20% in Q3", "Optimise online promotion channels", "Li Si", "7/1-7/31", "Budget 50,000 yuan, 1 designer", "Campaigns live on 3 platforms, click-through ≥3%"},
				{"", "Run regional field events", "Wang Wu", "8/1-8/31", "Budget 80,000 yuan, field team 5 people", "10 salons, 500 attendees, 30% conversion"},
				{"", "Deepen key-account management", "Zhao Liu", "7/15-9/30", "Budget 30,000 yuan, 2 account managers", "Repeat purchase of 20 key accounts up 15%"},
			}},
		Track: Table{"Table 2: Execution progress tracking",
			[]string{"Key task", "Planned (July)", "Actual", "Deviation", "Main problem", "Countermeasure", "Owner"},
			[][]string{
				{"Online promotion plan live", "Done by July 31", "Jul 28", "-6.5%", "Creative redesigned several times, 2 days lost", "Added one designer, revisions in parallel", "Li Si"},
				{"First field event", "Held Jul 15", "Jul 18", "+20%", "Venue cancelled at short notice, 3 days to find another", "Confirm a backup venue two weeks ahead, sign a standby agreement", "Wang Wu"},
			}},
		Outcome: Table{"Table 3: Outcome review",
			[]string{"Metric", "Target", "Actual", "Achievement", "Cause of deviation", "Lessons"},
			[][]string{
				{"East China sales", "¥12,000,000", "¥10,800,000", "90%", "Acquisition cost 30% over budget, conversion below plan", "Lesson: target field events more precisely and test small first"},
				{"New customers", "500 customers", "420 customers", "84%", "Online creative not compelling, click-through only 2.5%", "Lesson: add customer testimonials and sharpen pain-point scenes"},
				{"Key-account repurchase rate", "15%", "18%", "120%", "Account managers launched a referral incentive that worked well", "Experience: tiered management of high-value accounts can be rolled out"},
			}},
		Acts: Table{"Table 4: Follow-up actions",
			[]string{"Improvement", "Measures", "Owner", "Due", "Support needed", "Acceptance criteria"},
			[][]string{
				{"Lower customer acquisition cost", "Refine the field-event audience to young professionals aged 25-35", "Wang Wu", "by 9/10", "Marketing provides user behaviour data", "Acquisition cost ≤ 80% of budget"},
				{"Raise online conversion", "Add 3 testimonial creatives, rewrite the landing page", "Li Si", "by 8/20", "Design team produces the creatives", "Click-through ≥4%, conversion ≥5%"},
				{"Replicate key-account practice", "Write the high-value account management SOP", "Zhao Liu", "by 9/30", "Training runs internal SOP sessions", "All account managers trained, in use before October"},
			}},
	}
}

// Books are the example workbooks of samples/, by file name.
func Books() map[string]xlsx.Book {
	return map[string]xlsx.Book{
		// Each sample is its own team, so the README's first command records
		// each in the history: the Traditional one names itself on a cover.
		"華東銷售部_2025Q3.xlsx": Covered(PerSheet(SeedTraditional()), "封面", [][]string{
			{"團隊", "華東銷售部(繁體版)"}, {"復盤週期", "2025Q3"}}),
		"华东销售部_2025Q3.xlsx":            PerSheet(SeedSimplified()),
		"East-China-Sales_2025Q3.xlsx": PerSheet(SeedEnglish()),
		"华东销售部-单表_2025Q3.xlsx": Stacked(SeedSimplified(), "复盘", [][]string{
			{"团队", "华东销售部(单表版)"}, {"复盘周期", "2025Q3"}, {"复盘人", "张经理"}}),
		"华东销售部-日期格式_2025Q3.xlsx": DateCells(false),
	}
}
