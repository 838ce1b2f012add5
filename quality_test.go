package fupan

import (
	"os"
	"strings"
	"testing"
)

// qualityCase is one text a team could write, in one language, and whether
// the rule must find it (bad) or keep it.
type qualityCase struct {
	lang, metric, text string
	bad                bool
}

// checkBalance holds a table to the measure: at least n cases, half
// of them bad, in each of the three languages both kinds.
func checkBalance(t *testing.T, name string, cases []qualityCase, n int) {
	t.Helper()
	bad, good := 0, 0
	kinds := map[string]map[bool]bool{}
	for _, c := range cases {
		if c.bad {
			bad++
		} else {
			good++
		}
		if kinds[c.lang] == nil {
			kinds[c.lang] = map[bool]bool{}
		}
		kinds[c.lang][c.bad] = true
	}
	if bad+good < n || bad != good {
		t.Errorf("%s: %d bad and %d good cases; want %d or more, half of each", name, bad, good, n)
	}
	for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
		if !kinds[l][true] || !kinds[l][false] {
			t.Errorf("%s: %s lacks a bad or a good case", name, l)
		}
	}
}

// The seed's 聚焦问题本质: a cause that restates the miss or names a generic
// cause is surface; one with a measured fact, a named thing or a reason of
// its own is not.
func TestSurfaceCause(t *testing.T) {
	const sales, newCust, repurchase = "华东销售额", "新客户获取量", "重点客户复购率"
	const salesT, newCustT = "華東銷售額", "新客戶獲取量"
	const salesE, newCustE = "East China sales", "New customers"
	cases := []qualityCase{
		// The issue's own examples and their kin.
		{"zh-Hans", sales, "销售额低", true},
		{"zh-Hans", newCust, "新客户数量不足", true},
		{"zh-Hans", sales, "未达到目标", true},
		{"zh-Hans", sales, "市场原因", true},
		{"zh-Hans", sales, "客观原因", true},
		{"zh-Hans", sales, "执行不到位", true},
		{"zh-Hans", sales, "业绩不理想", true},
		{"zh-Hans", newCust, "客户少", true},
		{"zh-Hans", sales, "销售额比去年同期有所下降", true},
		{"zh-Hans", sales, "市场竞争激烈", true},
		{"zh-Hans", repurchase, "复购率偏低", true},
		{"zh-Hans", sales, "受疫情影响", true},
		{"zh-Hans", sales, "Q3销售额没有完成", true},
		{"zh-Hans", sales, "主观原因：重视不够", true},
		{"zh-Hans", sales, "因为市场原因", true}, // a because-clause with nothing of its own
		{"zh-Hant", salesT, "銷售額偏低", true},
		{"zh-Hant", newCustT, "新客戶數量不夠", true},
		{"zh-Hant", salesT, "沒有達到目標", true},
		{"zh-Hant", salesT, "市場環境不好", true},
		{"zh-Hant", salesT, "執行力不足", true},
		{"zh-Hant", salesT, "各種客觀因素", true},
		{"zh-Hant", salesT, "業績下滑嚴重", true},
		{"en", salesE, "Sales were low", true},
		{"en", newCustE, "New customers fell short", true},
		{"en", salesE, "We did not reach our target", true},
		{"en", salesE, "Market reasons", true},
		{"en", salesE, "Objective reasons", true},
		{"en", salesE, "Poor execution", true},
		{"en", salesE, "Sales were lower than last year", true},
		{"en", salesE, "Execution was not in place", true},
		{"en", newCustE, "Not enough new customers this quarter", true},
		{"en", salesE, "The market was bad due to competition", true},
		{"zh-Hans", sales, "华东区域销售额低于预期", true},
		{"zh-Hans", sales, "原因待分析", true},
		{"en", salesE, "Sales dropped in July", true},
		{"en", salesE, "TBD", true},

		// The seed's causes, its example of a root cause, measured facts,
		// named things, because-clauses with a reason.
		{"zh-Hans", sales, "新客户获取成本超预算30%,转化率未达预期", false},
		{"zh-Hans", newCust, "线上推广素材吸引力不足,率仅2.5%", false},
		{"zh-Hans", sales, "产品卖点未匹配客户核心需求", false},
		{"zh-Hans", newCust, "点击率仅2.5%", false},
		{"zh-Hans", sales, "成本超预算30%", false},
		{"zh-Hans", sales, "销售额低，因为地推活动目标客群定位偏差", false},
		{"zh-Hans", sales, "竞品“快达”同期降价抢走渠道", false},
		{"zh-Hans", newCust, "任务1未按时完成,因需求变更导致返工2次", false},
		{"zh-Hans", sales, "两家经销商转投竞品", false},
		{"zh-Hans", sales, "缺货", false},
		{"zh-Hans", newCust, "地推活动场地临时取消", false},
		{"zh-Hans", sales, "销售额低是因为产品定价高于同类产品", false},
		{"zh-Hans", repurchase, "客户经理流失，重点客户无人跟进", false},
		{"zh-Hant", salesT, "新客戶獲取成本超預算30%,轉化率未達預期", false},
		{"zh-Hant", newCustT, "線上推廣素材吸引力不足,率僅2.5%", false},
		{"zh-Hant", salesT, "產品賣點未匹配客戶核心需求", false},
		{"zh-Hant", salesT, "因地推活動目標客群定位偏差，獲客成本過高", false},
		{"zh-Hant", newCustT, "官網改版後註冊流程從3步增至7步", false},
		{"zh-Hant", salesT, "主力經銷商「華聯」停止進貨", false},
		{"zh-Hant", salesT, "競品降價，客戶轉向低價產品", false},
		{"en", salesE, "Acquisition cost 30% over budget, conversion below plan", false},
		{"en", newCustE, "Online creative not compelling, click-through only 2.5%", false},
		{"en", salesE, "The product's selling points did not match customers' core needs", false},
		{"en", salesE, "Sales were low because field events targeted students instead of young professionals", false},
		{"en", salesE, "Two key distributors switched to a rival brand", false},
		{"en", newCustE, "The sign-up form grew from 3 to 7 steps", false},
		{"en", salesE, `Competitor "Acme" cut prices`, false},
		{"en", salesE, "Stockouts at the Shanghai warehouse", false},
		{"en", salesE, "Sales were low: key accounts delayed orders after the price rise", false},
		{"zh-Hans", sales, "物流合作方更换，交付周期变长", false},
		{"zh-Hant", salesT, "物流合作方更換，交付週期變長", false},
		{"en", salesE, "The new CRM rollout kept account managers off the road for weeks", false},
		{"zh-Hans", sales, "预算不足，地推活动只办了一半", false},
		{"zh-Hant", salesT, "人員流動大，3名資深銷售離職", false},
		{"en", salesE, "Prices were raised ahead of competitors", false},
		{"en", salesE, "The July heatwave kept shoppers at home", false},
	}
	checkBalance(t, "causes", cases, 40)
	for _, c := range cases {
		if got := surfaceCause(c.text, c.metric); got != c.bad {
			t.Errorf("%s: cause %q of %q: surface %v, want %v", c.lang, c.text, c.metric, got, c.bad)
		}
	}
}

// The seed's 3.3: an achieved metric's lesson says what can be repeated, not
// only that it went well.
func TestRepeatableExperience(t *testing.T) {
	const rep, sales = "重点客户复购率", "华东销售额"
	const repT = "重點客戶復購率"
	const repE = "Key-account repurchase rate"
	cases := []qualityCase{
		{"zh-Hans", rep, "", true},
		{"zh-Hans", rep, "效果很好", true},
		{"zh-Hans", rep, "继续保持", true},
		{"zh-Hans", rep, "再接再厉", true},
		{"zh-Hans", rep, "团队很努力", true},
		{"zh-Hans", sales, "达标", true},
		{"zh-Hans", rep, "经验：无", true},
		{"zh-Hans", sales, "超额完成目标", true},
		{"zh-Hans", sales, "销售额提升明显", true},
		{"zh-Hant", repT, "效果很好，繼續保持", true},
		{"zh-Hant", repT, "團隊表現優秀", true},
		{"zh-Hant", repT, "經驗：暫無", true},
		{"en", repE, "", true},
		{"en", repE, "Good job", true},
		{"en", repE, "Keep it up", true},
		{"en", repE, "Target met", true},
		{"en", repE, "Experience: none", true},
		{"en", repE, "Great teamwork", true},
		{"en", repE, "Well done everyone!", true},
		{"en", repE, "Keep doing what we did", true},
		{"zh-Hans", rep, "经验：按计划执行", true},

		{"zh-Hans", rep, "经验:针对高价值客户的分层运营策略可复制推广", false},
		{"zh-Hans", sales, "线上推广优化后转化率提升15%，核心素材方向为‘痛点场景+案例实证’", false},
		{"zh-Hans", sales, "经验：直播带货", false},
		{"zh-Hans", rep, "经验：客户经理推出“老带新”激励政策", false},
		{"zh-Hans", sales, "每周复盘投放数据，及时淘汰低效素材", false},
		{"zh-Hans", sales, "经验：提前两周锁定场地", false},
		{"zh-Hant", repT, "經驗:針對高價值客戶的分層運營策略可複製推廣", false},
		{"zh-Hant", repT, "經驗：每週回訪重點客戶", false},
		{"zh-Hant", repT, "客戶經理推出\"老帶新\"激勵政策", false},
		{"en", repE, "Experience: tiered management of high-value accounts can be rolled out", false},
		{"en", repE, "Weekly review of ad data, dropping weak creatives early", false},
		{"en", repE, "Referral incentive for account managers", false},
		{"en", repE, "Conversion up 15% after switching to pain-point creatives", false},
		{"en", repE, "Keep it up: call key accounts every Friday", false},
		{"zh-Hans", sales, "经验：地推前先做小范围测试，再全面铺开", false},
		{"zh-Hans", sales, "经验：素材统一采用用户证言", false},
		{"zh-Hant", repT, "經驗：地推前先做小範圍測試", false},
		{"en", repE, "Experience: test each field event on a small group first", false},
		{"en", repE, "Pair every new account manager with a senior one for the first month", false},
		{"zh-Hans", rep, "经验：团队按客户分层每周回访", false},
		{"en", repE, "Call lapsed accounts within a week of their last order", false},
	}
	checkBalance(t, "lessons", cases, 20)
	for _, c := range cases {
		if got := repeatableExperience(c.text, c.metric); got == c.bad {
			t.Errorf("%s: lesson %q of %q: repeatable %v, want %v", c.lang, c.text, c.metric, got, !c.bad)
		}
	}
}

// The seed's 4.1: an acceptance criterion carries a number, a date or a
// deliverable, as all of the seed's do.
func TestMeasurableAcceptance(t *testing.T) {
	cases := []qualityCase{
		{"zh-Hans", "", "效果明显", true},
		{"zh-Hans", "", "领导满意", true},
		{"zh-Hans", "", "完成", true},
		{"zh-Hans", "", "达到预期", true},
		{"zh-Hans", "", "客户满意", true},
		{"zh-Hans", "", "顺利完成", true},
		{"zh-Hans", "", "有所提升", true},
		{"zh-Hans", "", "明显改善", true},
		{"zh-Hans", "", "按时完成", true},
		{"zh-Hans", "", "执行到位", true},
		{"zh-Hant", "", "效果明顯", true},
		{"zh-Hant", "", "領導滿意", true},
		{"zh-Hant", "", "順利完成", true},
		{"zh-Hant", "", "轉化率有所提升", true},
		{"en", "", "Good results", true},
		{"en", "", "Done", true},
		{"en", "", "The manager is satisfied", true},
		{"en", "", "Significant improvement", true},
		{"en", "", "As expected", true},
		{"en", "", "Completed on time", true},
		{"en", "", "Better conversion", true},

		{"zh-Hans", "", "新客户获取成本≤预算的80%", false},
		{"zh-Hans", "", "点击率≥4%", false},
		{"zh-Hans", "", "全体客户经理掌握SOP,10月前落地实施", false},
		{"zh-Hans", "", "9月30日前上线", false},
		{"zh-Hans", "", "输出《地推活动避坑指南》", false},
		{"zh-Hans", "", "三个平台投放方案上线", false},
		{"zh-Hans", "", "月底前完成签约", false},
		{"zh-Hans", "", "零投诉", false},
		{"zh-Hans", "", "形成客户分层运营手册", false},
		{"zh-Hant", "", "新客戶獲取成本≤預算的80%", false},
		{"zh-Hant", "", "率≥4%,轉化率≥5%", false},
		{"zh-Hant", "", "全體客戶經理掌握SOP,10月前落地實施", false},
		{"zh-Hant", "", "月底前完成簽約", false},
		{"en", "", "Acquisition cost ≤ 80% of budget", false},
		{"en", "", "All account managers trained, in use before October", false},
		{"en", "", "Field-event checklist published", false},
		{"en", "", "Ten salons held", false},
		{"en", "", "Live by end of month", false},
		{"en", "", "Zero complaints", false},
		{"en", "", "Campaigns live on 3 platforms, click-through ≥3%", false},
		{"en", "", "Playbook adopted by every region", false},
	}
	checkBalance(t, "criteria", cases, 20)
	for _, c := range cases {
		if got := measurableAcceptance(c.text); got == c.bad {
			t.Errorf("%s: criterion %q: measurable %v, want %v", c.lang, c.text, got, !c.bad)
		}
	}
}

// Every finding code is a row of the README's table with its severity: the
// table is where teams and scripts look a code up.
func TestEveryCodeInREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for code, sev := range severity {
		if row := "| `" + string(code) + "` | " + string(sev) + " |"; !strings.Contains(string(readme), row) {
			t.Errorf("README.md's table of finding codes has no row %q", row)
		}
	}
}
