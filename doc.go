// Package fupan is the domain of the strategy review (复盘): the review's types,
// the parsing of values as teams write them, the location of the four tables in a
// workbook's cells, the computation of achievement and deviation, and the
// findings. It depends on the standard library only; reading and writing
// workbooks (xlsx), drawing reports (pdf), mail and the batch live in packages of
// their own that depend on this one, never the other way round.
package fupan
