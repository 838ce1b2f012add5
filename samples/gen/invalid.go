package gen

import "github.com/fupan-review/fupan/xlsx"

// Invalid is a broken workbook and the error it must give, at which cell.
type Invalid struct {
	Name  string // file name under samples/invalid
	Book  xlsx.Book
	Code  string // the finding code expected
	Sheet string
	Cell  string
}

func dropColumn(t Table, col int) Table {
	out := Table{Title: t.Title}
	cut := func(r []string) []string {
		c := append([]string{}, r[:col]...)
		return append(c, r[col+1:]...)
	}
	out.Header = cut(t.Header)
	for _, r := range t.Rows {
		out.Rows = append(out.Rows, cut(r))
	}
	return out
}

func clone(r Review) Review {
	cp := func(t Table) Table {
		n := Table{Title: t.Title, Header: append([]string{}, t.Header...)}
		for _, row := range t.Rows {
			n.Rows = append(n.Rows, append([]string{}, row...))
		}
		return n
	}
	return Review{Lang: r.Lang, Plan: cp(r.Plan), Track: cp(r.Track), Outcome: cp(r.Outcome), Acts: cp(r.Acts)}
}

// Invalids lists the broken samples. Each is the Simplified seed, one sheet per
// table (计划, 跟踪, 成果, 行动: title in row 1, header in row 2, data from row 3),
// with one thing broken.
func Invalids() []Invalid {
	var out []Invalid

	r := clone(SeedSimplified())
	r.Acts = dropColumn(r.Acts, 2) // 责任人
	out = append(out, Invalid{"缺少必填列_2025Q3.xlsx", PerSheet(r), "column-missing", "行动", "A2"})

	r = clone(SeedSimplified())
	r.Outcome.Rows[0][1] = "一千多万" // more than a figure: no figure
	out = append(out, Invalid{"无法识别的值_2025Q3.xlsx", PerSheet(r), "value-unreadable", "成果", "B3"})

	r = clone(SeedSimplified())
	r.Plan.Rows[1][3] = "8.31-8.1"
	out = append(out, Invalid{"起止时间倒置_2025Q3.xlsx", PerSheet(r), "range-backwards", "计划", "D4"})

	r = clone(SeedSimplified())
	r.Outcome.Rows[1][2] = "420万"
	out = append(out, Invalid{"单位不一致_2025Q3.xlsx", PerSheet(r), "unit-mismatch", "成果", "C4"})

	r = clone(SeedSimplified())
	b := PerSheet(r)
	dup := b.Sheets[1]
	dup.Name = "跟踪(旧)"
	b.Sheets = append(b.Sheets, dup)
	out = append(out, Invalid{"重复的表_2025Q3.xlsx", b, "table-duplicate", "跟踪(旧)", "A2"})

	r = clone(SeedSimplified())
	b = PerSheet(r)
	b.Sheets[2].Rows[3][2] = xlsx.Formula{Expr: "B4*0.84"} // never calculated
	out = append(out, Invalid{"公式无计算结果_2025Q3.xlsx", b, "formula-no-value", "成果", "C4"})

	r = clone(SeedSimplified())
	r.Plan.Rows[2][1] = "" // a task row that lost its text is fine; a date that cannot be read is not
	r.Acts.Rows[0][3] = "尽快"
	out = append(out, Invalid{"完成时间无法识别_2025Q3.xlsx", PerSheet(r), "value-unreadable", "行动", "D3"})
	return out
}

// SeedSimplifiedCopy is a copy of the Simplified seed that a test may change.
func SeedSimplifiedCopy() Review { return clone(SeedSimplified()) }
