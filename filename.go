package fupan

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// The marks a copy of a workbook gets in its name, after the period:
// _v2, -v3, (1), " - 副本", " - Copy (2)", _终版, _最终版, _final, _修订. They
// name neither the team nor the period, and are dropped from the name first.
var (
	reCopyMark     = regexp.MustCompile(`(?i)(?:[-_—\s]+)(?:v\d+(?:\.\d+)*|副本\s*\d*|copy|终版|終版|最终版?|最終版?|最终稿|最終稿|定稿|final|修订版?|修訂版?|修改版)$`)
	reCopyNumber   = regexp.MustCompile(`\s*[(（]\d{1,3}[)）]$`)
	reCopyOf       = regexp.MustCompile(`(?i)^copy of\s+`)
	rePeriodOpens  = regexp.MustCompile(`(?i)^(?:\d{4}|q[1-4]|h[12]|fy)`)
	nameSeparators = "_- "
	reGluedPeriod  = regexp.MustCompile(`^([^\d_]+?)\s*[(（【\[]?\s*(\d{4}\s*(?:年\s*)?(?:[Qq][1-4]|[Hh][12]|第?[一二三四1-4]季度|[上下]半年|\d{1,2}月))\s*[)）】\]]?\s*(?:复盘|復盤|策略复盘|策略復盤|复盘表|復盤表|复盘报告|復盤報告|review)?$`)
)

// factsFromName reads team and period from a file's name: <team>_<period>,
// <team> <period>, <team>-<period>, <period>_<team>, with a copy's or
// version's mark after it (华东销售部_2025Q3 - 副本.xlsx, …_v2.xlsx). A name
// with no period is the team's.
func factsFromName(file string) (team, period string) {
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	base = withoutCopyMarks(strings.TrimSuffix(base, ".reviewed"))
	trim := func(s string) string { return strings.Trim(s, nameSeparators+"\t") }
	if _, err := value.ParsePeriodWhole(base); err == nil {
		return "", base
	}
	// <team>_<period>, <team> <period>: the period after the last _ or
	// space, found inside other words (2025Q3复盘) as always.
	if i := strings.LastIndexAny(base, "_ "); i > 0 {
		head, tail := trim(base[:i]), trim(base[i+1:])
		if _, err := ParsePeriod(tail); err == nil && head != "" && tail != "" {
			return head, tail
		}
	}
	// <team>-<period>: the longest tail that is a period whole, so that
	// East-China-Sales-2025Q3 is East-China-Sales and 华东销售部-2025-07 July.
	for i, r := range base {
		if i == 0 || !strings.ContainsRune(nameSeparators, r) {
			continue
		}
		head, tail := trim(base[:i]), trim(base[i+1:])
		if hasLetter(head) && rePeriodOpens.MatchString(tail) {
			if _, err := value.ParsePeriodWhole(tail); err == nil {
				return head, tail
			}
		}
	}
	// <period>_<team>: the longest head that is a period whole.
	for i := len(base) - 1; i > 0; i-- {
		if !strings.ContainsRune(nameSeparators, rune(base[i])) {
			continue
		}
		head, rest := trim(base[:i]), trim(base[i+1:])
		if hasLetter(rest) && rePeriodOpens.MatchString(head) {
			if _, err := value.ParsePeriodWhole(head); err == nil {
				return rest, head
			}
		}
	}
	if !strings.ContainsAny(base, "_ ") {
		if _, err := ParsePeriod(base); err == nil && len(base) <= 12 {
			return "", base
		}
	}
	// <team>（<period>）, <team><period>复盘: the period inside the name,
	// bracketed or written on, a few words of a kind after it.
	if m := reGluedPeriod.FindStringSubmatch(base); m != nil && hasLetter(m[1]) {
		if _, err := value.ParsePeriodWhole(m[2]); err == nil {
			return strings.TrimSpace(m[1]), m[2]
		}
	}
	// <team>_<a period unclear> (华东销售部_2025-7-9, 华东销售部_2025秋季): the
	// team is the name before it; the period is reported as missing.
	for i, r := range base {
		if i > 0 && strings.ContainsRune("_ ", r) && reYearOpens.MatchString(trim(base[i+1:])) && hasLetter(trim(base[:i])) {
			return trim(base[:i]), trim(base[i+1:])
		}
	}
	return base, ""
}

var reYearOpens = regexp.MustCompile(`^\d{4}`)

// hasLetter reports whether a part of a name can be a team's: 9 of
// 2025-7-9 cannot.
func hasLetter(s string) bool { return strings.ContainsFunc(s, unicode.IsLetter) }

// withoutCopyMarks drops the marks of a copy or a version from the end of a
// file's name (and Copy of before it), as often as they are there:
// 华东销售部_2025Q3_Final_v2 is 华东销售部_2025Q3.
func withoutCopyMarks(base string) string {
	base = reCopyOf.ReplaceAllString(base, "")
	for {
		cut := reCopyNumber.ReplaceAllString(base, "")
		cut = reCopyMark.ReplaceAllString(cut, "")
		if cut == base || strings.TrimSpace(cut) == "" {
			return base
		}
		base = cut
	}
}
