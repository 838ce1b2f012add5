package value

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Kind is the kind of a value: target and actual of a metric must agree on it.
type Kind int

// The kinds of value.
const (
	KindNone    Kind = iota
	KindNumber       // a bare number: agrees with an amount or a count
	KindAmount       // money: 元, 万, 亿, ¥
	KindCount        // a count with a measure word: 500家, 10场
	KindPercent      // a fraction written as a percentage
)

func (k Kind) String() string {
	switch k {
	case KindNumber:
		return "number"
	case KindAmount:
		return "amount"
	case KindCount:
		return "count"
	case KindPercent:
		return "percent"
	}
	return "none"
}

// MarshalJSON writes the kind's name.
func (k Kind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// Cmp is a comparator written before a target or criterion.
type Cmp int

// The comparators.
const (
	CmpNone    Cmp = iota
	CmpAtLeast     // ≥, >=, 不低于, 至少
	CmpAtMost      // ≤, <=, 不超过, 最多
)

func (c Cmp) String() string {
	switch c {
	case CmpAtLeast:
		return ">="
	case CmpAtMost:
		return "<="
	}
	return ""
}

// Quantity is a number as a team writes it: 1200萬 is 12,000,000 of KindAmount,
// 500家 is 500 of KindCount with unit 家, 15% is 0.15 of KindPercent.
type Quantity struct {
	Value float64
	Kind  Kind
	Unit  string // the measure word of a count, folded to compare: 家, 场, 人
	// UnitText is the measure word as the team wrote it (場, 個), for the
	// messages that quote it; Unit is folded to Simplified.
	UnitText string
	Cmp      Cmp
	// Strict is a bound that excludes itself: <2% is not met at 2%.
	Strict bool
	// Currency is the currency written with an amount (CNY, EUR, USD, HKD,
	// GBP), "" where none is: 1200万 is money of the team's own currency.
	Currency string
}

// Compatible reports whether two quantities measure the same kind of thing. A
// bare number agrees with an amount or a count; counts agree when their
// measure words do (or one has none).
func (q Quantity) Compatible(o Quantity) bool {
	a, b := q.Kind, o.Kind
	if a == KindAmount && b == KindAmount && q.Currency != "" && o.Currency != "" && q.Currency != o.Currency {
		return false // euros against dollars
	}
	if a == b {
		return a != KindCount || q.Unit == "" || o.Unit == "" || Simplify(q.Unit) == Simplify(o.Unit)
	}
	if a == KindNumber && q.Value == 0 || b == KindNumber && o.Value == 0 {
		return true // a bare zero is nothing in any unit: 0 against ≤2% is 0%
	}
	if a == KindNumber {
		a, b = b, a
	}
	return b == KindNumber && (a == KindAmount || a == KindCount)
}

// comparator words, as match keys, longest first where one is a prefix of another.
var cmpPrefixes = []struct {
	text string
	cmp  Cmp
}{
	{">=", CmpAtLeast}, {"≥", CmpAtLeast}, {"≧", CmpAtLeast}, {">", CmpAtLeast},
	{"<=", CmpAtMost}, {"≤", CmpAtMost}, {"≦", CmpAtMost}, {"<", CmpAtMost},
	{"不低于", CmpAtLeast}, {"不少于", CmpAtLeast}, {"不小于", CmpAtLeast}, {"大于等于", CmpAtLeast},
	{"大于", CmpAtLeast}, {"高于", CmpAtLeast}, {"至少", CmpAtLeast}, {"超过", CmpAtLeast},
	{"不超过", CmpAtMost}, {"不高于", CmpAtMost}, {"不多于", CmpAtMost}, {"不大于", CmpAtMost},
	{"小于等于", CmpAtMost}, {"小于", CmpAtMost}, {"低于", CmpAtMost}, {"最多", CmpAtMost}, {"控制在", CmpAtMost},
	{"atleast", CmpAtLeast}, {"nolessthan", CmpAtLeast}, {"minimum", CmpAtLeast}, {"min", CmpAtLeast},
	{"atmost", CmpAtMost}, {"nomorethan", CmpAtMost}, {"upto", CmpAtMost}, {"maximum", CmpAtMost}, {"max", CmpAtMost}, {"under", CmpAtMost},
}

// strictCmp are the comparisons that exclude the bound: <, >, 小于, 大于,
// 低于, 高于, 超过 (more than), under.
var strictCmp = map[string]bool{"<": true, ">": true, "小于": true, "大于": true, "低于": true, "高于": true, "超过": true, "under": true}

// reLetterO is a number with the letter O typed for its zeros: 4OO, 1,2OO.
var reLetterO = regexp.MustCompile(`\d[oO]+(?:$|[^a-zA-Z])`)

// chineseUnits are the multipliers a compound figure is written in, largest
// first: 1亿2千万, 1万2千.
var chineseUnits = []struct {
	text   string
	factor float64
}{{"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4}, {"千", 1e3}}

// compound adds the smaller parts of a figure written in several units
// after its first (1亿 then 2千万): the value and the rest of t. A bare
// number after them (1亿2) is left to be reported, never guessed.
func compound(v float64, t string) (float64, string) {
	last := math.Inf(1)
	for {
		num := reNumber.FindString(t)
		if num == "" || strings.HasPrefix(num, "+") || strings.HasPrefix(num, "-") {
			return v, t
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil {
			return v, t
		}
		found := false
		for _, u := range chineseUnits {
			if rest, ok := strings.CutPrefix(t[len(num):], u.text); ok && u.factor < last && n*u.factor < factorOf(v) {
				v, t, last, found = v+n*u.factor, rest, u.factor, true
				break
			}
		}
		if !found {
			return v, t
		}
	}
}

// factorOf is the largest power of ten not above v: a part added after it
// must be smaller than the unit before it (1亿 takes 2千万, not 2亿).
func factorOf(v float64) float64 { return math.Pow(10, math.Floor(math.Log10(math.Abs(v)))) }

var (
	reNumber = regexp.MustCompile(`^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^[+-]?\.\d+`)
	// Currencies written before the number, longest first where one is a
	// prefix of another, and after it (as ParseQuantity folds: lower case,
	// Simplified, no spaces).
	currencyPre = []struct{ text, code string }{
		{"¥", "CNY"}, {"￥", "CNY"}, {"rmb", "CNY"}, {"cny", "CNY"}, {"us$", "USD"}, {"usd", "USD"}, {"hk$", "HKD"}, {"hkd", "HKD"},
		{"$", "USD"}, {"€", "EUR"}, {"eur", "EUR"}, {"£", "GBP"}, {"gbp", "GBP"},
	}
	amountUnits = []struct{ text, code string }{
		{"人民币", "CNY"}, {"元人民币", "CNY"}, {"欧元", "EUR"}, {"美元", "USD"}, {"港币", "HKD"}, {"港元", "HKD"}, {"英镑", "GBP"},
		{"元", "CNY"}, {"块", "CNY"}, {"rmb", "CNY"}, {"yuan", "CNY"}, {"cny", "CNY"},
		{"usd", "USD"}, {"dollars", "USD"}, {"euros", "EUR"}, {"euro", "EUR"}, {"eur", "EUR"}, {"hkd", "HKD"}, {"gbp", "GBP"},
	}
	approxWords = []string{"约", "約", "大约", "大約", "approx.", "approx", "about", "around", "~"}
	multipliers = []struct {
		text   string
		factor float64
		amount bool // implies money when no measure word follows
	}{
		{"千万", 1e7, true}, {"百万", 1e6, true}, {"万", 1e4, true}, {"亿", 1e8, true}, {"千", 1e3, false},
		{"million", 1e6, false}, {"billion", 1e9, false}, {"thousand", 1e3, false}, {"mio", 1e6, false},
		{"w", 1e4, true}, {"k", 1e3, false}, {"m", 1e6, false}, {"mn", 1e6, false}, {"bn", 1e9, false},
	}
)

// ParseQuantity reads a target, an actual or a count: "1200萬", "¥50,000",
// "3,000元", "1.2億", "500家", "10場", "15%", "+20%", "≥3%", "不低於500家".
func ParseQuantity(s string) (Quantity, error) {
	orig := s
	if reLetterO.MatchString(Simplify(s)) {
		// 4OO: the letter O typed for zeros; never 4 of a unit "oo".
		return Quantity{}, fmt.Errorf("%q: %w (the letter O in place of 0)", orig, ErrNoNumber)
	}
	q, t := quantityPrefix(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(Simplify(s))), " ", ""))
	num := reNumber.FindString(t)
	var v float64
	switch {
	case num != "":
		var err error
		if v, err = strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64); err != nil {
			return Quantity{}, fmt.Errorf("%q: %w", orig, ErrNoNumber)
		}
		t = t[len(num):]
	default:
		// 十万, 两百万, 一千二百万: Chinese numerals, 万 and 亿 making money
		// as they do after digits.
		cn, n, big := chineseNumber(t)
		if n == 0 {
			return Quantity{}, fmt.Errorf("%q: %w", orig, ErrNoNumber)
		}
		v, t = cn, t[n:]
		if big && q.Kind == KindNone {
			q.Kind = KindAmount
		}
	}
	if rest, ok := strings.CutPrefix(t, "%"); ok {
		q.Value, q.Kind = v/100, KindPercent
		return q, trailing(orig, rest, &q)
	}
	before := t
	q.Value, t = multiplied(v, t, &q)
	if t != before {
		q.Value, t = compound(q.Value, t)
	}
	for _, u := range amountUnits {
		if rest, ok := strings.CutPrefix(t, u.text); ok {
			q.Kind = KindAmount
			if q.Currency == "" {
				q.Currency = u.code
			}
			return q, trailing(orig, rest, &q)
		}
	}
	if strings.HasPrefix(t, "多") || strings.HasPrefix(t, "余") || strings.HasPrefix(t, "几") {
		// 一千多万, 1000余万: more than a figure, never the figure.
		return Quantity{}, fmt.Errorf("%q: %w: %q", orig, ErrExtraText, t)
	}
	if unit, rest := measureWord(t); unit != "" {
		if q.Kind == KindAmount && q.Currency == "" {
			// 10万人: the multiplier scaled a count, not money.
			q.Kind = KindNone
		}
		if q.Kind == KindNone {
			q.Kind, q.Unit, q.UnitText = KindCount, unit, written(orig, unit)
		}
		return q, trailing(orig, rest, &q)
	}
	if q.Kind == KindNone {
		q.Kind = KindNumber
	}
	return q, trailing(orig, t, &q)
}

// quantityPrefix reads what may come before the number of a folded quantity
// text: approximation words (约), a comparison (≥, 不低于) and a currency sign;
// t is the rest.
func quantityPrefix(t string) (q Quantity, rest string) {
	for _, w := range approxWords {
		t = strings.TrimPrefix(t, w)
	}
	for _, p := range cmpPrefixes {
		if r, ok := strings.CutPrefix(t, p.text); ok {
			q.Cmp, q.Strict, t = p.cmp, strictCmp[p.text], r
			break
		}
	}
	for _, c := range currencyPre {
		if r, ok := strings.CutPrefix(t, c.text); ok {
			q.Kind, q.Currency, t = KindAmount, c.code, r
			break
		}
	}
	return q, t
}

// chineseNumber reads the Chinese numeral at the start of t (十万, 两百万,
// 一千二百万): its value, its length in bytes (0: none), and whether it
// holds 万 or 亿.
func chineseNumber(t string) (v float64, n int, big bool) {
	var total, section, num float64
	digits := false
	for i, r := range t {
		switch {
		case strings.ContainsRune("零〇一二两三四五六七八九", r):
			num = float64(cnDigits[r])
			digits = true
		case r == '十' || r == '百' || r == '千':
			if num == 0 {
				num = 1
			}
			section += num * map[rune]float64{'十': 10, '百': 100, '千': 1000}[r]
			num, digits = 0, true
		case (r == '万' || r == '亿') && digits:
			section += num
			if r == '万' {
				total += section * 1e4
			} else {
				total = (total + section) * 1e8
			}
			section, num, big = 0, 0, true
		default:
			if !digits {
				return 0, 0, false
			}
			return total + section + num, i, big
		}
	}
	if !digits {
		return 0, 0, false
	}
	return total + section + num, len(t), big
}

var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// multiplied applies a multiplier written after the number (万, 亿, k, m):
// the value and the rest of t. A multiplier of money makes q an amount.
func multiplied(v float64, t string, q *Quantity) (float64, string) {
	for _, m := range multipliers {
		if rest, ok := strings.CutPrefix(t, m.text); ok {
			// "1.2m" is a million, but "5min" is not a number with a multiplier;
			// "2meur" is two million euros.
			if len(rest) > 0 && isASCIILetter(rest[0]) && isASCIILetter(m.text[0]) && !currencyAfter(rest) {
				continue
			}
			if m.amount && q.Kind == KindNone {
				q.Kind = KindAmount
			}
			return v * m.factor, rest
		}
	}
	return v, t
}

// currencyAfter reports a currency written at the start of rest.
func currencyAfter(rest string) bool {
	for _, u := range amountUnits {
		if strings.HasPrefix(rest, u.text) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// written is the part of orig that folds to word (個 for 个), the last
// where several do; word itself where none does.
func written(orig, word string) string {
	rs, n := []rune(orig), len([]rune(word))
	for i := len(rs) - n; i >= 0; i-- {
		if strings.ToLower(Simplify(string(rs[i:i+n]))) == word {
			return string(rs[i : i+n])
		}
	}
	return word
}

// measureWord takes the measure word after a number: one to three Han
// characters (家, 场, 人次) or one English word (customers, events).
func measureWord(t string) (unit, rest string) {
	rs := []rune(t)
	n := 0
	for n < len(rs) && n < 3 && unicode.Is(unicode.Han, rs[n]) && !isTrailingWord(string(rs[n:])) {
		n++
	}
	if n > 0 {
		return string(rs[:n]), string(rs[n:])
	}
	for n < len(rs) && rs[n] < unicode.MaxASCII && unicode.IsLetter(rs[n]) {
		n++
	}
	if n > 0 {
		return string(rs[:n]), string(rs[n:])
	}
	return "", t
}

// trailing words allowed after a quantity, with the comparator they imply.
var trailingWords = []struct {
	text string
	cmp  Cmp
}{{"以上", CmpAtLeast}, {"以下", CmpAtMost}, {"以内", CmpAtMost}, {"+", CmpAtLeast}, {"左右", CmpNone}, {"或以上", CmpAtLeast}, {"ormore", CmpAtLeast}, {"orless", CmpAtMost}}

func isTrailingWord(s string) bool {
	for _, w := range trailingWords {
		if strings.HasPrefix(s, w.text) {
			return true
		}
	}
	return false
}

func trailing(orig, rest string, q *Quantity) error {
	rest = strings.TrimSpace(rest)
	for rest != "" {
		matched := false
		for _, w := range trailingWords {
			if r, ok := strings.CutPrefix(rest, w.text); ok {
				if w.cmp != CmpNone && q.Cmp == CmpNone {
					q.Cmp = w.cmp
				}
				rest, matched = strings.TrimSpace(r), true
				break
			}
		}
		if !matched {
			return fmt.Errorf("%q: %w: %q", orig, ErrExtraText, rest)
		}
	}
	return nil
}

// ParseRate reads a rate a team typed in a computed column (达成率, 偏差率):
// "90%", "-6.5%", "+20%". A bare number up to 3 is taken as a fraction (0.9),
// a larger one as percentage points (90).
func ParseRate(s string) (float64, error) {
	q, err := ParseQuantity(s)
	if err != nil {
		return 0, err
	}
	switch q.Kind {
	case KindPercent:
		return q.Value, nil
	case KindNumber:
		if math.Abs(q.Value) <= 3 {
			return q.Value, nil
		}
		return q.Value / 100, nil
	}
	return 0, fmt.Errorf("%q: %w", s, ErrExtraText)
}

var (
	rePeople = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(?:人|名|位|(?:[a-z-]+\s+)?(?:people|persons?|staff|fte|headcount|heads?|designers?|managers?|engineers?|developers?|members?|reps?|analysts?|specialists?|marketers?|salespeople)\b)`)
	reMoney  = regexp.MustCompile(`((?:[¥$€£]|eur|usd|rmb|cny|hkd|gbp)?)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(千万|百万|万|亿|千|k|w|m)?\s*(元|块|rmb|yuan|cny|欧元|美元|港元|eur|euros?|usd|dollars)?`)
	// reCNMoney is an amount in Chinese numerals: 预算十万, 两百万元.
	reCNMoney = regexp.MustCompile(`[零〇一二两三四五六七八九十百千万亿]+(?:元|块)?`)
	// Parts are separated by commas, but not by a thousands separator (50,000).
	partSep = regexp.MustCompile(`,(?:\D|$)|[;、/\n]|\band\b|和|及`)
)

// Resources is what table 1's resources column says: a budget and a number of
// people. Either may be absent.
type Resources struct {
	Budget    *float64
	People    *float64
	HasBudget bool
	Currency  string // of the budget, where written (EUR 50,000)
}

// ParseResources reads "預算5萬元,設計1人" as a budget of 50,000 and one person,
// "預算8萬元,地推團隊5人" as 80,000 and five. Parts that name neither (tools,
// systems) are ignored; a part that names a budget without a readable amount is
// an error.
func ParseResources(s string) (Resources, error) {
	var r Resources
	var budget, people float64
	var nb, np int
	for _, part := range partSep.Split(strings.ToLower(Simplify(s)), -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if m := rePeople.FindStringSubmatch(part); m != nil && !strings.ContainsAny(part, "元万亿¥$") {
			v, _ := strconv.ParseFloat(m[1], 64)
			people += v
			np++
			continue
		}
		isBudget := strings.Contains(part, "预算") || strings.Contains(part, "budget") || strings.Contains(part, "费用") || strings.Contains(part, "经费")
		if m := reMoney.FindStringSubmatch(part); m != nil && (isBudget || m[1] != "" || m[4] != "" || m[5] != "") {
			q, err := ParseQuantity(strings.TrimSpace(m[0]))
			if err != nil {
				return r, fmt.Errorf("%q: %w", s, err)
			}
			budget += q.Value
			nb++
			if r.Currency == "" {
				r.Currency = q.Currency
			}
			continue
		}
		if m := reCNMoney.FindString(part); isBudget && m != "" {
			if q, err := ParseQuantity(m); err == nil {
				budget += q.Value
				nb++
				continue
			}
		}
		if isBudget {
			return r, fmt.Errorf("%q: %w", s, ErrNoNumber)
		}
	}
	if nb > 0 {
		r.Budget, r.HasBudget = &budget, true
	}
	if np > 0 {
		r.People = &people
	}
	return r, nil
}

var ownerSep = regexp.MustCompile(`\s*(?:、|,|;|/|&|\+|\band\b|\n)\s*`)

// ParseOwners splits an owner cell into names: "李四、王五", "李四/王五" and
// "A and B" are two owners.
func ParseOwners(s string) []string {
	var out []string
	for _, n := range ownerSep.Split(FoldText(strings.TrimSpace(s)), -1) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
