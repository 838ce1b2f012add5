// Package wording shapes what fupan writes for people from the catalogue's
// words (package catalog) and the domain's figures: counts with their nouns,
// amounts as teams read them (16万), the key figures and their change since
// last period, what needs a decision, and the blank template teams fill (its
// sheets, columns, hints and drop-downs, by catalogue key). The tables and
// their column names come from the domain's schema, so there is one list of
// them.
package wording
