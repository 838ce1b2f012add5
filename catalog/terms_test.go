package catalog

import (
	"strings"
	"testing"
)

// The Traditional texts name data quality one way, as Taiwan and Hong Kong
// say it (資料品質): the report said 數據質量問題 where the overview said
// 資料品質, and a hint 數據品質 between them.
func TestTraditionalDataQualityOneTerm(t *testing.T) {
	for _, key := range Keys(Traditional) {
		text := T(Traditional, key)
		for _, other := range []string{"數據質量", "數據品質", "資料質量"} {
			if strings.Contains(text, other) {
				t.Errorf("%s: %q says %s, not 資料品質", key, text, other)
			}
		}
	}
}
