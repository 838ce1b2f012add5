// Package catalog holds every text fupan writes for people, one catalogue per
// language (zh_hans.go, zh_hant.go, en.go), looked up by key: the findings'
// messages and hints, the labels of the report, the conclusion sheet, the
// overview and the command line, the blank template's sheets, hints and
// drop-downs, the robots' summaries and the default mail. It sits at the
// bottom with package value: it imports nothing of fupan's, so the domain and
// every output may use it.
//
// The column names of the five tables are not here: they are the spellings
// fupan recognises in a team's header, kept with their aliases in the
// domain's schema.
package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is the language a workbook is written in; the texts follow it.
type Lang string

// The languages fupan speaks.
const (
	Simplified  Lang = "zh-Hans"
	Traditional Lang = "zh-Hant"
	English     Lang = "en"
)

// ParseLang reads a language as fupan.yaml and --lang write it (zh-Hans, zh-CN,
// zh-TW, en…); the empty string is not a language.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "zh-hans", "zh-cn", "zh", "simplified", "hans", "cn":
		return Simplified, true
	case "zh-hant", "zh-tw", "zh-hk", "traditional", "hant", "tw", "hk":
		return Traditional, true
	case "en", "english", "en-us", "en-gb":
		return English, true
	}
	return "", false
}

// Langs are the languages with a catalogue, Simplified first.
func Langs() []Lang { return []Lang{Simplified, Traditional, English} }

// of is the catalogue of a language; Simplified is the default.
func of(l Lang) map[string]string {
	switch l {
	case Traditional:
		return zhHant
	case English:
		return en
	}
	return zhHans
}

// T returns the text of a key in the language. An unknown key is returned as
// it is, so a missing text shows up in review rather than as a blank;
// TestEveryKeyUsedExists keeps the code's keys in the catalogues.
func T(l Lang, key string) string {
	if s, ok := of(l)[key]; ok {
		return s
	}
	return key
}

// F is T used as a format: fmt.Sprintf of the key's text with args.
func F(l Lang, key string, args ...any) string {
	return fmt.Sprintf(T(l, key), args...)
}

// Has reports whether the key is in the catalogues.
func Has(key string) bool {
	_, ok := zhHans[key]
	return ok
}

// Keys returns the keys of a language's catalogue, sorted.
func Keys(l Lang) []string {
	m := of(l)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
