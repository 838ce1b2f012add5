// Command gen writes realistic review workbooks for the benchmarks: the seed's
// shape in Simplified, Traditional and English, with varied sizes and values.
//
//	go run ./bench/gen -n 500 -o bench/data/500
//	go run ./bench/gen -n 1 -rows 100000 -o bench/data/big   (a 100,000-row tracking table)
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

func main() {
	n := flag.Int("n", 500, "how many workbooks")
	rows := flag.Int("rows", 0, "write one workbook with a tracking table of this many rows instead")
	out := flag.String("o", "bench/data", "output folder")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same workbooks")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	if *rows > 0 {
		fail(bigTracking(filepath.Join(*out, fmt.Sprintf("大表_%d行_2025Q3.xlsx", *rows)), *rows))
		return
	}
	rng := rand.New(rand.NewPCG(*seed, *seed))
	for i := 0; i < *n; i++ {
		var r samples.Review
		switch i % 3 {
		case 0:
			r = samples.SeedSimplifiedCopy()
		case 1:
			r = samples.SeedTraditional()
		default:
			r = samples.SeedEnglish()
		}
		vary(&r, rng)
		book := samples.PerSheet(r)
		if i%4 == 3 {
			book = samples.Stacked(r, "复盘", nil)
		}
		if err := xlsx.Build(filepath.Join(*out, fmt.Sprintf("团队%04d_2025Q3.xlsx", i)), book); err != nil {
			fail(err)
		}
	}
}

// vary changes the figures and the number of rows, as teams' reviews differ.
func vary(r *samples.Review, rng *rand.Rand) {
	for _, row := range r.Outcome.Rows {
		row[3] = "" // the team left 达成率 for fupan
	}
	extra := rng.IntN(6)
	for k := 0; k < extra; k++ {
		row := append([]string{}, r.Outcome.Rows[k%len(r.Outcome.Rows)]...)
		row[0] = fmt.Sprintf("%s %d", row[0], k+2)
		r.Outcome.Rows = append(r.Outcome.Rows, row)
	}
	for k := 0; k < rng.IntN(4); k++ {
		row := append([]string{}, r.Track.Rows[k%len(r.Track.Rows)]...)
		row[2] = fmt.Sprintf("7月%d日", 10+rng.IntN(20))
		row[3] = ""
		r.Track.Rows = append(r.Track.Rows, row)
	}
	if r.Lang != "en" {
		r.Outcome.Rows[0][2] = fmt.Sprintf("%d万", 900+rng.IntN(500))
		r.Outcome.Rows[1][2] = fmt.Sprintf("%d家", 350+rng.IntN(250))
	}
}

// bigTracking writes a workbook with the seed's plan, outcomes and actions and
// a tracking table of n rows, with the stream writer.
func bigTracking(path string, n int) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"关键任务", "计划进度(7月)", "实际进度", "偏差率", "主要问题", "应对措施", "责任人"}); err != nil {
		return err
	}
	for i := 2; i <= n+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		actual := fmt.Sprintf("7月%d日", 1+(i*7)%30)
		problem, counter := "", ""
		if i%5 == 0 {
			problem, counter = "场地临时取消,协调新场地耗时3天", "提前2周确认备用场地"
		}
		if err := sw.SetRow(cell, []any{fmt.Sprintf("里程碑%06d", i-1), fmt.Sprintf("7月%d日", 1+(i*3)%30), actual, nil, problem, counter, "王五"}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
