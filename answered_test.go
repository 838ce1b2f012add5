package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// unanswered lists the missed metrics page 1 says no action answers.
func unanswered(rv *fupan.Review) map[string]bool {
	out := map[string]bool{}
	for _, a := range fupan.NeedsAttention(rv, rv.Meta.PeriodEnd) {
		if a.Kind == fupan.AttnMissedNoAction {
			out[a.Subject] = true
		}
	}
	return out
}

// TestActionsAnswerMisses: an action answers a miss when it shares a word
// with the metric or its cause, in its 改进项, 具体措施 or 验收标准, across
// scripts; a miss nothing speaks of stays unanswered.
func TestActionsAnswerMisses(t *testing.T) {
	// The first example, in Traditional: 線索 in the acceptance
	// criterion and the item answer 銷售線索數.
	r := samples.SeedTraditional()
	r.Outcome.Rows = [][]string{
		{"銷售線索數", "1000條", "700條", "70%", "展會人流不及預期", "教訓:展會選址需看往屆數據"},
		{"門店客流量", "5000人", "3000人", "60%", "商圈道路施工", "教訓:提前了解商圈規劃"},
	}
	r.Acts.Rows = [][]string{
		{"提高展會線索量", "增加2場行業展會,現場掃碼登記", "王五", "9.30前", "市場部支持", "線索量≥900條"},
	}
	rv := analyzeBook(t, "華東銷售部_2025Q3.xlsx", samples.PerSheet(r))
	got := unanswered(rv)
	if got["銷售線索數"] {
		t.Error("銷售線索數 unanswered, though 提高展會線索量 (線索量≥900條) answers it")
	}
	if !got["門店客流量"] {
		t.Errorf("門店客流量, which no action speaks of, is answered: %v", got)
	}
	// The second: 提升素材质量 answers the cause 线上素材吸引力不足.
	s := samples.SeedSimplified()
	s.Outcome.Rows = [][]string{
		{"新客户获取量", "500家", "420家", "84%", "线上素材吸引力不足", "教训:素材设计需增加用户证言"},
		{"门店客流量", "5000人", "3000人", "60%", "商圈道路施工", "教训:提前了解商圈规划"},
	}
	s.Acts.Rows = [][]string{
		{"提升素材质量", "每月更新3条用户证言视频", "李四", "9.30前", "设计部配合", "点击率≥4%"},
	}
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(s))
	got = unanswered(rv)
	if got["新客户获取量"] {
		t.Error("新客户获取量 unanswered, though 提升素材质量 answers its cause 线上素材吸引力不足")
	}
	if !got["门店客流量"] {
		t.Errorf("门店客流量, which no action speaks of, is answered: %v", got)
	}
}
