package value

import (
	"errors"
	"testing"
)

// TestQuantitiesAsWritten: 1亿2千万 is 120,000,000 and 1万2千 12,000; 4OO
// (the letter O for zero) is no number, never 4 of a unit "oo"; < and > are
// strict bounds, ≤ and ≥ not.
func TestQuantitiesAsWritten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{{"1亿2千万", 1.2e8}, {"1亿2000万", 1.2e8}, {"1万2千", 12000}, {"3亿5千万元", 3.5e8}, {"1200万", 1.2e7}} {
		q, err := ParseQuantity(tc.in)
		if err != nil || q.Value != tc.want {
			t.Errorf("ParseQuantity(%q) = %v, %v; want %v", tc.in, q.Value, err, tc.want)
		}
	}
	for _, in := range []string{"4OO", "1,2OO", "4O0", "5OO家"} {
		if q, err := ParseQuantity(in); !errors.Is(err, ErrNoNumber) {
			t.Errorf("ParseQuantity(%q) = %+v, %v; want no number", in, q, err)
		}
	}
	if q, err := ParseQuantity("2oz"); err != nil || q.Unit != "oz" {
		t.Errorf("2oz: %+v, %v", q, err)
	}
	for _, tc := range []struct {
		in     string
		strict bool
	}{{"<2%", true}, {">500家", true}, {"小于2%", true}, {"≤2%", false}, {"≥3%", false}, {"不超过2%", false}, {"2%", false}} {
		if q, err := ParseQuantity(tc.in); err != nil || q.Strict != tc.strict {
			t.Errorf("ParseQuantity(%q): strict %v, %v; want %v", tc.in, q.Strict, err, tc.strict)
		}
	}
}
