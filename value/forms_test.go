package value

import (
	"errors"
	"testing"
)

// TestDayFirstDates: 31/08/2025 as European and many Chinese teams write it;
// a date both ways readable (05/08/2025) is an error that says so.
func TestDayFirstDates(t *testing.T) {
	for in, want := range map[string]Date{
		"31/08/2025":     d(2025, 8, 31),
		"31.08.2025":     d(2025, 8, 31),
		"31-08-2025":     d(2025, 8, 31),
		"08/31/2025":     d(2025, 8, 31), // month first: the only reading
		"05/05/2025":     d(2025, 5, 5),
		"done 15/9/2025": d(2025, 9, 15),
		"1/10/2025前完成":   {}, // ambiguous: below
	} {
		got, err := ParseDate(in, 0)
		if want.IsZero() {
			if !errors.Is(err, ErrAmbiguousDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want ErrAmbiguousDate", in, got, err)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseDate("05/08/2025", 0); !errors.Is(err, ErrAmbiguousDate) {
		t.Errorf("05/08/2025: %v; want ErrAmbiguousDate", err)
	}
	if _, err := ParseDate("31/31/2025", 0); !errors.Is(err, ErrBadDate) {
		t.Errorf("31/31/2025: %v; want ErrBadDate", err)
	}
	if s, e, err := ParseRange("01/07/2025 - 31/07/2025", 0); !errors.Is(err, ErrAmbiguousDate) {
		t.Errorf("a range starting ambiguous: %v %v %v", s, e, err)
	}
	if s, e, err := ParseRange("15/07/2025 - 31/07/2025", 0); err != nil || s != d(2025, 7, 15) || e != d(2025, 7, 31) {
		t.Errorf("15/07/2025 - 31/07/2025: %v %v %v", s, e, err)
	}
}

// TestQuantityForms: currencies kept, Chinese numerals read.
func TestQuantityForms(t *testing.T) {
	tests := []struct {
		in       string
		value    float64
		kind     Kind
		currency string
	}{
		{"EUR 2M", 2e6, KindAmount, "EUR"},
		{"€2M", 2e6, KindAmount, "EUR"},
		{"€1.8M", 1.8e6, KindAmount, "EUR"},
		{"2M EUR", 2e6, KindAmount, "EUR"},
		{"2 million EUR", 2e6, KindAmount, "EUR"},
		{"$3k", 3000, KindAmount, "USD"},
		{"USD 500,000", 5e5, KindAmount, "USD"},
		{"500,000 USD", 5e5, KindAmount, "USD"},
		{"¥50,000", 5e4, KindAmount, "CNY"},
		{"3,000元", 3000, KindAmount, "CNY"},
		{"5万元", 5e4, KindAmount, "CNY"},
		{"200万欧元", 2e6, KindAmount, "EUR"},
		{"30万美元", 3e5, KindAmount, "USD"},
		{"1200万", 12e6, KindAmount, ""}, // money by its 万, no currency written
		{"1.2亿", 1.2e8, KindAmount, ""},
		{"十万", 1e5, KindAmount, ""},
		{"两百万", 2e6, KindAmount, ""},
		{"三千", 3000, KindNumber, ""},
		{"一千二百万", 12e6, KindAmount, ""},
		{"十二家", 12, KindCount, ""},
		{"两百五十万元", 2.5e6, KindAmount, "CNY"},
		{"500家", 500, KindCount, ""},
		{"15%", 0.15, KindPercent, ""},
	}
	for _, tt := range tests {
		q, err := ParseQuantity(tt.in)
		if err != nil || q.Value != tt.value || q.Kind != tt.kind || q.Currency != tt.currency {
			t.Errorf("ParseQuantity(%q) = %+v, %v; want %v %s %s", tt.in, q, err, tt.value, tt.kind, tt.currency)
		}
	}
	eur, _ := ParseQuantity("€2M")
	usd, _ := ParseQuantity("$2M")
	bare, _ := ParseQuantity("200万")
	if eur.Compatible(usd) || !eur.Compatible(bare) {
		t.Error("euros and dollars compare, or euros and an amount with no currency do not")
	}
	r, err := ParseResources("预算十万,设计1人")
	if err != nil || r.Budget == nil || *r.Budget != 1e5 {
		t.Errorf("预算十万: %+v, %v", r, err)
	}
	r, err = ParseResources("Budget EUR 50,000, 1 designer")
	if err != nil || r.Budget == nil || *r.Budget != 5e4 || r.Currency != "EUR" {
		t.Errorf("Budget EUR 50,000: %+v, %v", r, err)
	}
}
