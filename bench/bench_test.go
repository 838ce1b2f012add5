// Package bench holds the benchmarks: per stage here (go test -bench .
// ./bench/), and across tools in run.sh.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/xlsx"
)

const seedFile = "../samples/華東銷售部_2025Q3.xlsx"

func load(b *testing.B) ([]byte, *fupan.Workbook, *fupan.Review) {
	b.Helper()
	data, err := os.ReadFile(seedFile)
	if err != nil {
		b.Fatal(err)
	}
	wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), seedFile, data)
	if err != nil {
		b.Fatal(err)
	}
	return data, wb, fupan.Analyze(wb, fupan.Options{})
}

// BenchmarkRead is the xlsx reader on the seed: bytes to cells.
func BenchmarkRead(b *testing.B) {
	data, _, _ := load(b)
	r := xlsx.NewReader(xlsx.Options{})
	for b.Loop() {
		if _, err := r.ReadBytes(context.Background(), seedFile, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyze is the domain: tables found, values parsed, figures
// computed, rules checked.
func BenchmarkAnalyze(b *testing.B) {
	_, wb, _ := load(b)
	for b.Loop() {
		fupan.Analyze(wb, fupan.Options{})
	}
}

// BenchmarkReviewed writes the reviewed workbook from the package the reader
// kept, as a run does.
func BenchmarkReviewed(b *testing.B) {
	data, _, rv := load(b)
	_, src, err := xlsx.NewReader(xlsx.Options{}).ReadSource(context.Background(), seedFile, data)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := src.WriteReviewed(context.Background(), io.Discard, rv, xlsx.ReviewedOptions{Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF draws the report, with the font taken apart once as a run does.
func BenchmarkPDF(b *testing.B) {
	_, _, rv := load(b)
	font, err := pdf.DefaultFont()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pdf.WriteReport(&buf, rv, pdf.Options{Font: font, Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFWithHistory draws the report of a team with ten earlier
// quarters: page 1 against the last one, and a trend chart.
func BenchmarkPDFWithHistory(b *testing.B) {
	_, _, rv := load(b)
	var past []fupan.Past
	for q := 0; q < 10; q++ {
		p := fupan.PastOf(rv, fupan.Identity{})
		p.Period, _ = fupan.ParsePeriod(fmt.Sprintf("%dQ%d", 2023+q/4, q%4+1))
		past = append(past, p)
	}
	rv.SetComparison(fupan.Compare(rv, past, fupan.Identity{}))
	if len(rv.Compared.Trends) == 0 {
		b.Fatal("no trends")
	}
	font, err := pdf.DefaultFont()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pdf.WriteReport(&buf, rv, pdf.Options{Font: font, Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontIndex takes the embedded font apart: paid once per run.
func BenchmarkFontIndex(b *testing.B) {
	for b.Loop() {
		if _, err := pdf.DefaultFont(); err != nil {
			b.Fatal(err)
		}
	}
}
