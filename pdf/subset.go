package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// fontIndex is a TrueType font taken apart once, so that each document can be
// given a small font with only the glyphs it draws: parsing the 49,500-glyph
// CJK font for every document was once most of a report's time.
type fontIndex struct {
	tables      map[string][]byte
	glyf        []byte
	cmap        charMap  // character to glyph
	loca        []uint32 // glyph offsets into glyf, numGlyphs+1
	advance     []uint16 // per glyph
	lsb         []int16  // per glyph
	unitsPerEm  uint16
	numGlyphs   int
	indexFormat int16

	// What the PDF's font descriptor says, in thousandths of an em.
	psName                     string
	bbox                       [4]int
	ascent, descent, capHeight int
}

var errFont = errors.New("unsupported TrueType font")

func be16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func be32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// readGlyphIndex reads where each glyph lies in the glyf table (loca).
func (fi *fontIndex) readGlyphIndex() error {
	loca := fi.tables["loca"]
	fi.loca = make([]uint32, fi.numGlyphs+1)
	for g := 0; g <= fi.numGlyphs; g++ {
		if fi.indexFormat == 0 {
			fi.loca[g] = uint32(be16(loca, 2*g)) * 2
		} else {
			fi.loca[g] = be32(loca, 4*g)
		}
		if g > 0 && fi.loca[g] < fi.loca[g-1] || int(fi.loca[g]) > len(fi.glyf) {
			return fmt.Errorf("%w: glyph %d lies outside the glyf table", errFont, g)
		}
	}
	return nil
}

// readMetrics reads each glyph's advance and left side bearing (hmtx): the
// glyphs past hhea's count share the last advance.
func (fi *fontIndex) readMetrics() {
	metrics := int(be16(fi.tables["hhea"], 34))
	hmtx := fi.tables["hmtx"]
	fi.advance = make([]uint16, fi.numGlyphs)
	fi.lsb = make([]int16, fi.numGlyphs)
	for g := 0; g < fi.numGlyphs; g++ {
		if g < metrics {
			fi.advance[g], fi.lsb[g] = be16(hmtx, 4*g), int16(be16(hmtx, 4*g+2))
		} else {
			fi.advance[g], fi.lsb[g] = fi.advance[metrics-1], int16(be16(hmtx, 4*metrics+2*(g-metrics)))
		}
	}
}

// indexFont reads the tables a subset needs.
func indexFont(data []byte) (fi *fontIndex, err error) {
	defer func() {
		// A font cut short would index out of range: an error, not a crash.
		if r := recover(); r != nil {
			fi, err = nil, fmt.Errorf("%w: %v", errFont, r)
		}
	}()
	if len(data) < 12 {
		return nil, errFont
	}
	fi = &fontIndex{tables: map[string][]byte{}}
	n := int(be16(data, 4))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		tag := string(data[rec : rec+4])
		off, length := int(be32(data, rec+8)), int(be32(data, rec+12))
		if off+length > len(data) {
			return nil, fmt.Errorf("%w: table %s runs past the end", errFont, tag)
		}
		fi.tables[tag] = data[off : off+length]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "OS/2", "post"} {
		if fi.tables[tag] == nil {
			return nil, fmt.Errorf("%w: no %s table", errFont, tag)
		}
	}
	head := fi.tables["head"]
	fi.unitsPerEm = be16(head, 18)
	fi.indexFormat = int16(be16(head, 50))
	fi.numGlyphs = int(be16(fi.tables["maxp"], 4))
	fi.glyf = fi.tables["glyf"]
	if err := fi.readGlyphIndex(); err != nil {
		return nil, err
	}
	fi.readMetrics()
	if fi.cmap, err = readCmap4(fi.tables["cmap"]); err != nil {
		return nil, err
	}
	if fi.unitsPerEm == 0 {
		return nil, fmt.Errorf("%w: no units per em", errFont)
	}
	em := func(v uint16) int { return int(int16(v)) * 1000 / int(fi.unitsPerEm) }
	fi.bbox = [4]int{em(be16(head, 36)), em(be16(head, 38)), em(be16(head, 40)), em(be16(head, 42))}
	fi.ascent, fi.descent = em(be16(fi.tables["hhea"], 4)), em(be16(fi.tables["hhea"], 6))
	fi.capHeight = fi.ascent
	if os2 := fi.tables["OS/2"]; len(os2) >= 90 && be16(os2, 0) >= 2 {
		fi.capHeight = em(be16(os2, 88))
	}
	fi.psName = postScriptName(fi.tables["name"])
	return fi, nil
}

// width1000 is a glyph's advance in thousandths of an em, as PDF declares it.
func (fi *fontIndex) width1000(g uint16) int {
	if int(g) >= len(fi.advance) {
		return 0
	}
	return (int(fi.advance[g])*1000 + int(fi.unitsPerEm)/2) / int(fi.unitsPerEm)
}

// postScriptName reads name 6 of the name table, kept to the characters a
// PDF name may hold; "Font" when there is none.
func postScriptName(name []byte) string {
	if len(name) >= 6 {
		count, strings := int(be16(name, 2)), int(be16(name, 4))
		for i := 0; i < count && 6+12*i+12 <= len(name); i++ {
			rec := 6 + 12*i
			platform, id := be16(name, rec), be16(name, rec+6)
			length, off := int(be16(name, rec+8)), strings+int(be16(name, rec+10))
			if id != 6 || off+length > len(name) {
				continue
			}
			raw := name[off : off+length]
			var out []byte
			for j := 0; j < len(raw); j++ {
				c := raw[j]
				if platform == 3 || platform == 0 { // UTF-16BE
					if j%2 == 0 {
						continue
					}
				}
				if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
					out = append(out, c)
				}
			}
			if len(out) > 0 {
				return string(out)
			}
		}
	}
	return "Font"
}

// charMap maps the Basic Multilingual Plane to glyphs, 0 where the font has
// none: an array, as looking characters up in a map of 30,000 was a tenth of
// drawing a report's text.
type charMap []uint16

// glyph is a character's glyph, 0 (.notdef) where the font has none.
func (m charMap) glyph(r rune) uint16 {
	if r < 0 || int(r) >= len(m) {
		return 0
	}
	return m[r]
}

// readCmap4 reads the Unicode BMP character map (format 4).
func readCmap4(cmap []byte) (charMap, error) {
	n := int(be16(cmap, 2))
	for i := 0; i < n; i++ {
		platform, encoding, off := be16(cmap, 4+8*i), be16(cmap, 6+8*i), int(be32(cmap, 8+8*i))
		if !(platform == 3 && encoding == 1 || platform == 0) || be16(cmap, off) != 4 {
			continue
		}
		t := cmap[off:]
		segs := int(be16(t, 6)) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		m := make(charMap, 0x10000)
		for s := 0; s < segs; s++ {
			end, start := be16(t, ends+2*s), be16(t, starts+2*s)
			delta, ro := be16(t, deltas+2*s), int(be16(t, ranges+2*s))
			for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
				var g uint16
				if ro == 0 {
					g = uint16(c) + delta
				} else {
					pos := ranges + 2*s + ro + 2*int(c-uint32(start))
					if pos+2 > len(t) {
						continue
					}
					if g = be16(t, pos); g != 0 {
						g += delta
					}
				}
				m[c] = g
			}
		}
		return m, nil
	}
	return nil, fmt.Errorf("%w: no Unicode character map (format 4)", errFont)
}

// has reports whether the font draws the character.
func (fi *fontIndex) has(r rune) bool { return fi.cmap.glyph(r) != 0 }

// Composite glyph flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

func (fi *fontIndex) glyph(g int) []byte {
	if g >= fi.numGlyphs {
		return nil
	}
	return fi.glyf[fi.loca[g]:fi.loca[g+1]]
}

// components lists a composite glyph's parts and where their indices are.
func components(glyph []byte) (gids []uint16, at []int) {
	if len(glyph) < 10 || int16(be16(glyph, 0)) >= 0 {
		return nil, nil
	}
	off := 10
	for off+4 <= len(glyph) {
		flags := be16(glyph, off)
		gids, at = append(gids, be16(glyph, off+2)), append(at, off+2)
		off += 4
		if flags&argsAreWords != 0 {
			off += 4
		} else {
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return gids, at
}

// subset builds a TrueType font of the given glyphs, numbered in the order
// given (0 must be .notdef), followed by the parts of composite glyphs. cmap
// maps characters to those new numbers. It returns the font's glyphs, parts
// included, and the font's tables.
func (fi *fontIndex) subset(glyphs []uint16, cmap map[rune]uint16) ([]uint16, fontTables) {
	newID := make(map[uint16]uint16, len(glyphs))
	order := make([]uint16, 0, len(glyphs))
	for _, g := range glyphs {
		newID[g] = uint16(len(order))
		order = append(order, g)
	}
	for i := 0; i < len(order); i++ {
		parts, _ := components(fi.glyph(int(order[i])))
		for _, p := range parts {
			if _, ok := newID[p]; !ok && int(p) < fi.numGlyphs {
				newID[p] = uint16(len(order))
				order = append(order, p)
			}
		}
	}

	// The glyphs are written from the font as they are, not copied into a
	// table of their own; only a composite glyph, whose parts are renumbered,
	// is copied.
	glyf := make([][]byte, len(order))
	loca := make([]byte, 4*(len(order)+1))
	hmtx := make([]byte, 4*len(order))
	offset := 0
	for i, g := range order {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(offset))
		data := fi.glyph(int(g))
		if parts, at := components(data); len(parts) > 0 {
			data = append([]byte(nil), data...)
			for k := range parts {
				binary.BigEndian.PutUint16(data[at[k]:], newID[parts[k]])
			}
		}
		glyf[i] = data
		offset += padded(len(data))
		binary.BigEndian.PutUint16(hmtx[4*i:], fi.advance[g])
		binary.BigEndian.PutUint16(hmtx[4*i+2:], uint16(fi.lsb[g]))
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(tableLength(glyf)))

	head := append([]byte{}, fi.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment: not checked by PDF readers
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	hhea := append([]byte{}, fi.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := append([]byte{}, fi.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	post := append([]byte{}, fi.tables["post"][:32]...)
	binary.BigEndian.PutUint32(post[0:], 0x00030000) // no glyph names

	tables := map[string][][]byte{
		"head": {head}, "hhea": {hhea}, "maxp": {maxp}, "hmtx": {hmtx}, "loca": {loca}, "glyf": glyf,
		"cmap": {buildCmap4(cmap)}, "post": {post}, "name": {fi.tables["name"]}, "OS/2": {fi.tables["OS/2"]},
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if t := fi.tables[tag]; t != nil {
			tables[tag] = [][]byte{t}
		}
	}
	return order, tables
}

// buildCmap4 writes a format 4 character map, one segment per run of
// consecutive characters with consecutive glyphs.
func buildCmap4(m map[rune]uint16) []byte {
	chars := make([]rune, 0, len(m))
	for c := range m {
		chars = append(chars, c)
	}
	sort.Slice(chars, func(i, j int) bool { return chars[i] < chars[j] })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, c := range chars {
		g := m[c]
		if n := len(segs); n > 0 && uint16(c) == segs[n-1].end+1 && g-uint16(c) == segs[n-1].delta {
			segs[n-1].end = uint16(c)
			continue
		}
		segs = append(segs, seg{uint16(c), uint16(c), g - uint16(c)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	sr := 2
	for sr*2 <= 2*n {
		sr *= 2
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(sr))
	entry := 0
	for 1<<(entry+1) <= n {
		entry++
	}
	binary.BigEndian.PutUint16(sub[10:], uint16(entry))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-sr))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], s.end)
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], s.start)
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0.
	}
	cmap := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(cmap[2:], 1)  // one encoding record
	binary.BigEndian.PutUint16(cmap[4:], 3)  // Windows
	binary.BigEndian.PutUint16(cmap[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(cmap[8:], 12) // the subtable follows
	return append(cmap, sub...)
}

// fontTables are a TrueType font's tables by tag, each as pieces written one
// after the other, each piece padded to 4 bytes: the glyf table is the
// glyphs themselves, which TrueType aligns so.
type fontTables map[string][][]byte

func padded(n int) int { return (n + 3) &^ 3 }

// tableLength is a table's length, padding between its pieces included.
func tableLength(pieces [][]byte) int {
	n := 0
	for i, p := range pieces {
		if i < len(pieces)-1 {
			n += padded(len(p))
		} else {
			n += len(p)
		}
	}
	return n
}

// size is the length of the font file the tables make.
func (tables fontTables) size() int {
	n := 12 + 16*len(tables)
	for _, t := range tables {
		n += padded(tableLength(t))
	}
	return n
}

// writeTo writes the font file: the table directory, then the tables,
// 4-byte aligned. It writes into the document's buffer directly: a font of
// its own was a tenth of a report's allocations.
func (tables fontTables) writeTo(b io.Writer) {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	dir := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(dir[0:], 0x00010000)
	binary.BigEndian.PutUint16(dir[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr, es = sr*2, es+1
	}
	binary.BigEndian.PutUint16(dir[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(dir[8:], uint16(es))
	binary.BigEndian.PutUint16(dir[10:], uint16(n*16-sr*16))
	off := len(dir)
	for i, tag := range tags {
		rec := 12 + 16*i
		copy(dir[rec:], tag)
		// Pieces start 4-aligned and are padded with zeros, so the table's
		// checksum is the sum of theirs.
		var sum uint32
		for _, p := range tables[tag] {
			sum += checksum(p)
		}
		length := tableLength(tables[tag])
		binary.BigEndian.PutUint32(dir[rec+4:], sum)
		binary.BigEndian.PutUint32(dir[rec+8:], uint32(off))
		binary.BigEndian.PutUint32(dir[rec+12:], uint32(length))
		off += padded(length)
	}
	_, _ = b.Write(dir) // errors: the caller's writer keeps them
	var pad [3]byte
	for _, tag := range tags {
		for _, p := range tables[tag] {
			_, _ = b.Write(p)
			_, _ = b.Write(pad[:padded(len(p))-len(p)])
		}
	}
}

func checksum(t []byte) uint32 {
	var sum uint32
	whole := len(t) &^ 3
	for i := 0; i < whole; i += 4 {
		sum += binary.BigEndian.Uint32(t[i:])
	}
	if whole < len(t) { // the last word, padded with zeros
		var w [4]byte
		copy(w[:], t[whole:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
