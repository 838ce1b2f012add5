// Package value reads the values teams write in review workbooks, at the
// bottom of the domain and on the standard library alone: dates and ranges
// ("7.31", "7月31日前完成", "7.1-7.31"), review periods (2025Q3,
// 2025年第三季度), quantities ("1200萬", "¥50,000", "≥3%"), resources
// ("預算5萬元,設計1人"), owners, and the folding of width and script that
// matching headers and names needs. A value that cannot be read is an error
// value (ErrNoDate, ErrBadDate…), which the table reader turns into a
// finding at its cell.
package value
