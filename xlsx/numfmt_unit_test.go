package xlsx_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// A number whose format carries a unit (1200 shown as 1200万) is read as the
// team sees it: a target of 1200 formatted 0"万" is 12,000,000, never 1200
// against an actual of 1080万 (900000% achieved).
func TestNumberFormatUnits(t *testing.T) {
	tests := []struct {
		code    string
		num     float64
		kind    fupan.CellKind
		display string
	}{
		{`0"万"`, 1200, fupan.CellText, "1200万"},
		{`0.0"亿"`, 1.2, fupan.CellText, "1.2亿"},
		{`0.0"亿"`, 2, fupan.CellText, "2.0亿"},
		{`0.0"万"`, 1234.5678, fupan.CellText, "1234.5678万"},
		{`0.00"前"`, 9.1, fupan.CellText, "9.10前"},
		{`#,##0"元"`, 50000, fupan.CellText, "50000元"},
		{`"¥"#,##0`, 50000, fupan.CellText, "¥50000"},
		{`¥#,##0.00`, 50000, fupan.CellText, "¥50000.00"},
		{`[$¥-804]#,##0.00`, 50000, fupan.CellText, "¥50000.00"},
		{`0"家"`, 500, fupan.CellText, "500家"},
		{`\万0`, 3, fupan.CellNumber, "3"}, // a unit before the number is no unit of it
		{`0\万`, 3, fupan.CellText, "3万"},
		{`0"%"`, 15, fupan.CellText, "15%"},
		{`#,##0,"千"`, 1200000, fupan.CellText, "1200千"},
		{`0.0,,"M"`, 1200000, fupan.CellText, "1.2M"},
		{`0.0"k"`, 12.5, fupan.CellText, "12.5k"},
		{`0"万";-0"万"`, -5, fupan.CellText, "-5万"},
		{`0"万";[Red]\-0"万"`, -5, fupan.CellText, "-5万"},
		{`0!万`, 3, fupan.CellText, "3万"},
		// 12345 shown as 1.2万 (the point a literal, the number in yuan):
		// the number is the figure.
		{`0!.0,"万"`, 12345, fupan.CellNumber, "12345"},
		{`[>=10000]0!.0,"万";0`, 12345, fupan.CellNumber, "12345"},
		// A unit fupan does not read: the number, as before.
		{`0"次/月"`, 5, fupan.CellNumber, "5"},
		// Plain formats read as before.
		{`#,##0`, 1200, fupan.CellNumber, "1200"},
		{`0.00`, 1200.5, fupan.CellNumber, "1200.5"},
		{`0%`, 0.9, fupan.CellPercent, "90%"},
		{`0.0%`, 0.9, fupan.CellPercent, "90%"},
		{`yyyy-mm-dd`, 45870, fupan.CellDate, "2025-08-01"},
		{`yyyy"年"m"月"d"日"`, 45870, fupan.CellDate, "2025-08-01"},
		{`0" "`, 7, fupan.CellNumber, "7"},
		{`#,##0_);(#,##0)`, 1200, fupan.CellNumber, "1200"},
		{`General`, 1200, fupan.CellNumber, "1200"},
	}
	path := filepath.Join(t.TempDir(), "formats.xlsx")
	f := excelize.NewFile()
	for i, tt := range tests {
		code := tt.code
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellValue("Sheet1", ref, tt.num); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", ref, ref, style); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		c := wb.Sheets[0].Cell(i+1, 1)
		if c.Kind != tt.kind || c.Display() != tt.display {
			t.Errorf("%v formatted %s: kind %d %q; want kind %d %q", tt.num, tt.code, c.Kind, c.Display(), tt.kind, tt.display)
		}
	}
}

// The seed's first metric with its target a number formatted as 万 or 亿 and
// its actual written as text: 90% achieved, as the team sees it.
func TestTargetFormattedAsUnit(t *testing.T) {
	for _, tc := range []struct {
		code   string
		target float64
		actual string
	}{
		{`0"万"`, 1200, "1080万"},
		{`0.0"亿"`, 1.2, "1.08亿"},
		{`#,##0"万元"`, 1200, "1080万元"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			f, err := excelize.OpenFile("../samples/华东销售部_2025Q3.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			code := tc.code
			style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				t.Fatal(err)
			}
			for _, set := range []error{
				f.SetCellValue("成果", "B3", tc.target),
				f.SetCellStyle("成果", "B3", "B3", style),
				f.SetCellValue("成果", "C3", tc.actual),
			} {
				if set != nil {
					t.Fatal(set)
				}
			}
			path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			rv := readReview(t, path)
			o := rv.Outcomes[0]
			if o.Achievement == nil || !near(*o.Achievement, 0.9) || o.Status != fupan.StatusClose {
				t.Errorf("华东销售额: achievement %v status %q; want 0.9, %q", deref(o.Achievement), o.Status, fupan.StatusClose)
			}
			for _, fd := range rv.Findings {
				if fd.Code == fupan.CodeMagnitudeDiffers {
					t.Errorf("finding %s: %s", fd.Code, fd.Message())
				}
			}
		})
	}
}
