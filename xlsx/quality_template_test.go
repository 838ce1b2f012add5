package xlsx_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// The template's input hints ask for what the quality rules check, in each
// language: the cause's hint gives the seed's surface symptom and root cause,
// the lesson's the seed's experience, the acceptance columns' a number, date
// or deliverable.
func TestTemplateHintsOfTheQualityRules(t *testing.T) {
	want := map[fupan.Lang][]string{
		fupan.Simplified:  {"“销售额低”", "产品卖点未匹配客户核心需求", "转化率提升15%", "数字、日期或交付物"},
		fupan.Traditional: {"「銷售額低」", "產品賣點未匹配客戶核心需求", "轉化率提升15%", "數字、日期或交付物"},
		fupan.English:     {"“sales were low”", "selling points did not match", "conversion up 15%", "a number, date or deliverable"},
	}
	for l, words := range want {
		path := filepath.Join(t.TempDir(), "template.xlsx")
		if err := batch.WriteAtomic(path, func(f *os.File) error { return xlsx.WriteTemplate(f, l) }); err != nil {
			t.Fatal(err)
		}
		f := open(t, path)
		var prompts []string
		for _, spec := range wording.Template() {
			dvs, err := f.GetDataValidations(catalog.T(l, spec.Sheet))
			if err != nil {
				t.Fatal(err)
			}
			for _, dv := range dvs {
				if dv.Prompt != nil {
					prompts = append(prompts, *dv.Prompt)
				}
			}
		}
		all := strings.Join(prompts, "\n")
		for _, w := range words {
			if !strings.Contains(all, w) {
				t.Errorf("%s: no input hint of the template says %q:\n%s", l, w, all)
			}
		}
		for _, key := range []string{"template.hint.outcome.cause", "template.hint.outcome.lesson", "template.hint.plan.acceptance", "template.hint.actions.acceptance"} {
			if !strings.Contains(all, catalog.T(l, key)) {
				t.Errorf("%s: the hint %s is missing or cut: %q", l, key, catalog.T(l, key))
			}
		}
	}
}
