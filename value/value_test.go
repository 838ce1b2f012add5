package value

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"
)

func d(y int, m time.Month, day int) Date { return Date{y, m, day} }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want Date
	}{
		// The seed's cells, and the value formats the README lists (What fupan reads).
		{"2025-07-31", 0, d(2025, 7, 31)},
		{"2025/7/31", 0, d(2025, 7, 31)},
		{"2025年7月31日", 0, d(2025, 7, 31)},
		{"7月31日", 2025, d(2025, 7, 31)},
		{"7.31", 2025, d(2025, 7, 31)},
		{"7/31", 2025, d(2025, 7, 31)},
		{"7月31日前完成", 2025, d(2025, 7, 31)},
		{"9.10前", 2025, d(2025, 9, 10)},
		{"7月15日開展", 2025, d(2025, 7, 15)},
		{"by 7/31", 2025, d(2025, 7, 31)},
		{"7月28日", 2025, d(2025, 7, 28)},
		{"7月18日", 2025, d(2025, 7, 18)},
		{"8.20前", 2025, d(2025, 8, 20)},
		{"9.30前", 2025, d(2025, 9, 30)},
		// Other spellings teams use.
		{"２０２５－０７－３１", 0, d(2025, 7, 31)},
		{"7月底", 2025, d(2025, 7, 31)},
		{"2025年2月底", 0, d(2025, 2, 28)},
		{"Jul 28", 2025, d(2025, 7, 28)},
		{"July 31, 2024", 2025, d(2024, 7, 31)},
		{"31 July 2025", 0, d(2025, 7, 31)},
		{"Done by July 31", 2025, d(2025, 7, 31)},
		{"2025.07.31", 0, d(2025, 7, 31)},
		{"7月31號", 2025, d(2025, 7, 31)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.year)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q, %d) = %v, %v; want %v", tt.in, tt.year, got, err, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in   string
		year int
		want error
	}{
		{"尽快", 2025, ErrNoDate},
		{"", 2025, ErrNoDate},
		{"2.30", 2025, ErrBadDate},
		{"2025-02-30", 0, ErrBadDate},
		{"7.31", 0, ErrNoYear},
		{"13/45", 2025, ErrNoDate},
		{"2.5%", 2025, ErrNoDate},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.year)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want error %v", tt.in, got, err, tt.want)
		}
		if err != nil && !got.IsZero() {
			t.Errorf("ParseDate(%q) gave %v with its error; want no date", tt.in, got)
		}
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		in         string
		start, end Date
	}{
		// The seed's periods, for a 2025 review.
		{"7.1-7.31", d(2025, 7, 1), d(2025, 7, 31)},
		{"8.1-8.31", d(2025, 8, 1), d(2025, 8, 31)},
		{"7.15-9.30", d(2025, 7, 15), d(2025, 9, 30)},
		// The value formats the README lists (What fupan reads).
		{"7月1日至7月31日", d(2025, 7, 1), d(2025, 7, 31)},
		{"2025-07-01 ~ 2025-07-31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7/1–7/31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7/1—7/31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7.1到7.31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7.1 ~ 7.31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7月1日至31日", d(2025, 7, 1), d(2025, 7, 31)},
		{"2025-07-01-2025-07-31", d(2025, 7, 1), d(2025, 7, 31)},
		{"7/1 to 7/31", d(2025, 7, 1), d(2025, 7, 31)},
		{"2025-12-15 ~ 1.15", d(2025, 12, 15), d(2026, 1, 15)},
	}
	for _, tt := range tests {
		s, e, err := ParseRange(tt.in, 2025)
		if err != nil || s != tt.start || e != tt.end {
			t.Errorf("ParseRange(%q) = %v, %v, %v; want %v, %v", tt.in, s, e, err, tt.start, tt.end)
		}
	}
	for _, bad := range []struct {
		in   string
		want error
	}{
		{"7.31-7.1", ErrBackwards},
		{"9.30-7.15", ErrBackwards},
		{"7.31", ErrNotRange},
		{"全年", ErrNoDate},
		{"7.1和7.31", ErrNotRange},
	} {
		_, _, err := ParseRange(bad.in, 2025)
		if !errors.Is(err, bad.want) {
			t.Errorf("ParseRange(%q) error = %v; want %v", bad.in, err, bad.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b)) }

func TestParseQuantity(t *testing.T) {
	tests := []struct {
		in   string
		want Quantity
	}{
		// The seed's targets and actuals.
		{"1200萬", Quantity{Value: 12e6, Kind: KindAmount}},
		{"1080萬", Quantity{Value: 10.8e6, Kind: KindAmount}},
		{"500家", Quantity{Value: 500, Kind: KindCount, Unit: "家"}},
		{"420家", Quantity{Value: 420, Kind: KindCount, Unit: "家"}},
		{"15%", Quantity{Value: 0.15, Kind: KindPercent}},
		{"18%", Quantity{Value: 0.18, Kind: KindPercent}},
		// The value formats the README lists (What fupan reads).
		{"1080万", Quantity{Value: 10.8e6, Kind: KindAmount}},
		{"5萬元", Quantity{Value: 50000, Kind: KindAmount}},
		{"1.2億", Quantity{Value: 1.2e8, Kind: KindAmount}},
		{"¥50,000", Quantity{Value: 50000, Kind: KindAmount}},
		{"3,000元", Quantity{Value: 3000, Kind: KindAmount}},
		{"50000", Quantity{Value: 50000, Kind: KindNumber}},
		{"10場", Quantity{Value: 10, Kind: KindCount, Unit: "场"}},
		{"500人", Quantity{Value: 500, Kind: KindCount, Unit: "人"}},
		{"2人", Quantity{Value: 2, Kind: KindCount, Unit: "人"}},
		{"+20%", Quantity{Value: 0.2, Kind: KindPercent}},
		{"-6.5%", Quantity{Value: -0.065, Kind: KindPercent}},
		{"120%", Quantity{Value: 1.2, Kind: KindPercent}},
		{"≥3%", Quantity{Value: 0.03, Kind: KindPercent, Cmp: CmpAtLeast}},
		{">=3%", Quantity{Value: 0.03, Kind: KindPercent, Cmp: CmpAtLeast}},
		{"≤80%", Quantity{Value: 0.8, Kind: KindPercent, Cmp: CmpAtMost}},
		{"不低於500家", Quantity{Value: 500, Kind: KindCount, Unit: "家", Cmp: CmpAtLeast}},
		{"不低于500家", Quantity{Value: 500, Kind: KindCount, Unit: "家", Cmp: CmpAtLeast}},
		{"不超過80%", Quantity{Value: 0.8, Kind: KindPercent, Cmp: CmpAtMost}},
		{"不超过80%", Quantity{Value: 0.8, Kind: KindPercent, Cmp: CmpAtMost}},
		// Other forms.
		{"１２００万", Quantity{Value: 12e6, Kind: KindAmount}},
		{"10万人", Quantity{Value: 1e5, Kind: KindCount, Unit: "人"}},
		{"¥12,000,000", Quantity{Value: 12e6, Kind: KindAmount}},
		{"500 customers", Quantity{Value: 500, Kind: KindCount, Unit: "customers"}},
		{"500家以上", Quantity{Value: 500, Kind: KindCount, Unit: "家", Cmp: CmpAtLeast}},
		{"约1200万", Quantity{Value: 12e6, Kind: KindAmount}},
		{"1.5k", Quantity{Value: 1500, Kind: KindNumber}},
		{"2.5M", Quantity{Value: 2.5e6, Kind: KindNumber}},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in)
		if err != nil || !near(got.Value, tt.want.Value) || got.Kind != tt.want.Kind || got.Unit != tt.want.Unit || got.Cmp != tt.want.Cmp {
			t.Errorf("ParseQuantity(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "很多", "一千多万", "1000多万", "三十余家", "1200万左右吧", "率≥3%", "N/A"} {
		if q, err := ParseQuantity(bad); err == nil {
			t.Errorf("ParseQuantity(%q) = %+v; want an error, never a zero", bad, q)
		}
	}
}

func TestCompatible(t *testing.T) {
	q := func(s string) Quantity {
		v, err := ParseQuantity(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"1200萬", "1080萬", true},
		{"5萬", "3000元", true}, // 萬 and 元 are the same kind
		{"500家", "420家", true},
		{"15%", "18%", true},
		{"500家", "420", true},
		{"1200万", "50000", true},
		{"500家", "420万", false},
		{"15%", "18", false},
		{"500家", "420人", false},
		{"1200万", "15%", false},
		// A bare zero is nothing in any unit: 0 against ≤2% is 0%.
		{"≤2%", "0", true},
		{"0", "15%", true},
		{"2%", "0.0", true},
		{"15%", "0.5", false},
	}
	for _, tt := range tests {
		if got := q(tt.a).Compatible(q(tt.b)); got != tt.want {
			t.Errorf("Compatible(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseResources(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		in             string
		budget, people *float64
	}{
		// The seed's three cells.
		{"預算5萬元,設計1人", f(50000), f(1)},
		{"預算8萬元,地推團隊5人", f(80000), f(5)},
		{"預算3萬元,客戶經理2人", f(30000), f(2)},
		{"预算5万元,设计1人", f(50000), f(1)},
		{"Budget 50,000 yuan, 1 designer", f(50000), f(1)},
		{"Budget 80,000 yuan, field team 5 people", f(80000), f(5)},
		{"预算¥12,000;开发2人、测试1人", f(12000), f(3)},
		{"需要飞书", nil, nil},
		{"设计2名", nil, f(2)},
	}
	for _, tt := range tests {
		got, err := ParseResources(tt.in)
		if err != nil {
			t.Errorf("ParseResources(%q): %v", tt.in, err)
			continue
		}
		if !eqPtr(got.Budget, tt.budget) || !eqPtr(got.People, tt.people) {
			t.Errorf("ParseResources(%q) = budget %v people %v; want %v %v", tt.in, show(got.Budget), show(got.People), show(tt.budget), show(tt.people))
		}
	}
	if _, err := ParseResources("预算待定"); err == nil {
		t.Error(`ParseResources("预算待定") gave no error: a budget that cannot be read must not be a zero`)
	}
}

func eqPtr(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || near(*a, *b)) }
func show(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

func TestParseOwners(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"李四", []string{"李四"}},
		{"李四、王五", []string{"李四", "王五"}},
		{"李四/王五", []string{"李四", "王五"}},
		{"Li Si and Wang Wu", []string{"Li Si", "Wang Wu"}},
		{"李四,王五", []string{"李四", "王五"}},
		{" ", nil},
	}
	for _, tt := range tests {
		got := ParseOwners(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("ParseOwners(%q) = %q; want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("ParseOwners(%q) = %q; want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		label      string
		start, end Date
	}{
		{"2025Q3", "2025Q3", d(2025, 7, 1), d(2025, 9, 30)},
		{"2025-07", "2025-07", d(2025, 7, 1), d(2025, 7, 31)},
		{"2025H1", "2025H1", d(2025, 1, 1), d(2025, 6, 30)},
		{"2025", "2025", d(2025, 1, 1), d(2025, 12, 31)},
		{"2025年Q3", "2025Q3", d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年第三季度", "2025Q3", d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年7月", "2025-07", d(2025, 7, 1), d(2025, 7, 31)},
		{"Q3 2025", "2025Q3", d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年下半年", "2025H2", d(2025, 7, 1), d(2025, 12, 31)},
		{"2024q4", "2024Q4", d(2024, 10, 1), d(2024, 12, 31)},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil || p.Label != tt.label || p.Start != tt.start || p.End != tt.end {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %s %v..%v", tt.in, p, err, tt.label, tt.start, tt.end)
		}
	}
	if _, err := ParsePeriod("上个月"); !errors.Is(err, ErrUnknownPeriod) {
		t.Errorf("ParsePeriod(上个月) error = %v", err)
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{{"90%", 0.9}, {"-6.5%", -0.065}, {"+20%", 0.2}, {"120%", 1.2}, {"0.9", 0.9}, {"90", 0.9}}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if err != nil || !near(got, tt.want) {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseRate("很高"); err == nil {
		t.Error("ParseRate(很高) gave no error")
	}
}

func TestNoteMonth(t *testing.T) {
	for in, want := range map[string]time.Month{"7月": 7, "7月份": 7, "2025年7月": 7, "2025-07": 7, "July": 7, "Jul 2025": 7, "预算/人力": 0} {
		if _, m := NoteMonth(in); m != want {
			t.Errorf("NoteMonth(%q) = %v; want %v", in, m, want)
		}
	}
}

// Date.String writes the ISO form by hand; it is fmt's %04d-%02d-%02d.
func TestDateString(t *testing.T) {
	for _, d := range []Date{{1900, 1, 1}, {2025, 7, 31}, {2025, 12, 9}, {2999, 10, 10}, {2000, 2, 29}} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
	if (Date{}).String() != "" {
		t.Error("the zero date is not empty")
	}
}
