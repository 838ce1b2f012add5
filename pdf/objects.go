package pdf

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// pdfFile writes a PDF's objects and notes where each starts, for the
// cross-reference table.
type pdfFile struct {
	buf     output
	offsets []int // by object number - 1; -1 until written
}

// output writes through a buffer to the destination, counting the bytes for
// the offsets and keeping the first error: the document is written as it is
// made, never held whole in memory.
type output struct {
	w   *bufio.Writer
	n   int
	err error
}

func (o *output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	o.n += n
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

func (o *output) WriteString(s string) {
	n, err := o.w.WriteString(s)
	o.n += n
	if err != nil && o.err == nil {
		o.err = err
	}
}

// Len is how many bytes have been written.
func (o *output) Len() int { return o.n }

// reserve takes an object number, for an object written now or later (where
// others refer to it first).
func (f *pdfFile) reserve() int {
	f.offsets = append(f.offsets, -1)
	return len(f.offsets)
}

func (f *pdfFile) begin(id int) {
	f.offsets[id-1] = f.buf.Len()
	fmt.Fprintf(&f.buf, "%d 0 obj\n", id)
}

func (f *pdfFile) end() { f.buf.WriteString("endobj\n") }

// stream writes a stream object with the given extra dictionary entries
// (which may be nil) and returns its number. Streams are not compressed: for
// a report's few pages that is faster and costs a few kilobytes.
func (f *pdfFile) stream(dict []string, data []byte) int {
	id := f.reserve()
	f.begin(id)
	fmt.Fprintf(&f.buf, "<< /Length %d", len(data))
	for _, d := range dict {
		f.buf.WriteString(" ")
		f.buf.WriteString(d)
	}
	f.buf.WriteString(" >>\nstream\n")
	f.buf.Write(data)
	f.buf.WriteString("\nendstream\n")
	f.end()
	return id
}

func (f *pdfFile) trailer(root, info int, id [16]byte) {
	xref := f.buf.Len()
	fmt.Fprintf(&f.buf, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets)+1)
	for _, off := range f.offsets {
		fmt.Fprintf(&f.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&f.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(f.offsets)+1, root, info, id, id, xref)
}

// writeFont writes the font as a Type 0 font over a CIDFontType2 whose CIDs
// are the subset's glyph numbers, with the widths the layout measured and a
// ToUnicode map so that the text can be searched and copied.
func (c *canvas) writeFont(out *pdfFile, fontID int, glyphs []uint16, font fontTables) {
	fi := c.font
	name := subsetTag(glyphs) + "+" + fi.psName

	file := out.reserve()
	out.begin(file)
	size := font.size()
	fmt.Fprintf(&out.buf, "<< /Length %d /Length1 %d >>\nstream\n", size, size)
	font.writeTo(&out.buf)
	out.buf.WriteString("\nendstream\n")
	out.end()

	desc := out.reserve()
	out.begin(desc)
	fmt.Fprintf(&out.buf, "<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /MissingWidth %d /FontFile2 %d 0 R >>\n",
		name, fi.bbox[0], fi.bbox[1], fi.bbox[2], fi.bbox[3], fi.ascent, fi.descent, fi.capHeight, fi.width1000(0), file)
	out.end()

	widths := make([]byte, 0, 8+5*len(glyphs))
	widths = append(widths, "[0 ["...)
	for i, g := range glyphs {
		if i > 0 {
			widths = append(widths, ' ')
		}
		widths = strconv.AppendInt(widths, int64(fi.width1000(g)), 10)
	}
	widths = append(widths, "]]"...)
	cid := out.reserve()
	out.begin(cid)
	fmt.Fprintf(&out.buf, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW %d /W %s /CIDToGIDMap /Identity >>\n",
		name, desc, fi.width1000(0), widths)
	out.end()

	toUnicode := out.stream(nil, c.toUnicode())

	out.begin(fontID)
	fmt.Fprintf(&out.buf, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\n",
		name, cid, toUnicode)
	out.end()
}

// toUnicode maps each glyph drawn back to its character.
func (c *canvas) toUnicode() []byte {
	chars := make([]rune, len(c.glyphs))
	for r, g := range c.gid {
		chars[g] = r
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 1; start < len(chars); start += 100 {
		end := min(start+100, len(chars))
		fmt.Fprintf(&b, "%d beginbfchar\n", end-start)
		for g := start; g < end; g++ {
			b.WriteByte('<')
			writeHex16(&b, uint16(g))
			b.WriteString("> <")
			for _, u := range utf16.Encode([]rune{chars[g]}) {
				writeHex16(&b, u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

func writeHex16(b *bytes.Buffer, v uint16) {
	b.Write([]byte{hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15]})
}

// subsetTag is the six capital letters that name a font subset, derived
// from its glyphs so that the same subset has the same name.
func subsetTag(glyphs []uint16) string {
	h := uint32(2166136261)
	for _, g := range glyphs {
		h = (h ^ uint32(g)) * 16777619
	}
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(h%26)
		h /= 26
	}
	return string(tag)
}

// writeOutline writes the bookmarks as an outline tree and returns its root's
// number, or 0 when there is none.
func (c *canvas) writeOutline(out *pdfFile, pageIDs []int) int {
	if len(c.marks) == 0 {
		return 0
	}
	root := out.reserve()
	ids := make([]int, len(c.marks))
	for i := range c.marks {
		ids[i] = out.reserve()
	}
	parent := make([]int, len(c.marks)) // -1: the root
	prev, next := make([]int, len(c.marks)), make([]int, len(c.marks))
	first, last := make([]int, len(c.marks)), make([]int, len(c.marks))
	count := make([]int, len(c.marks))
	for i := range c.marks {
		parent[i], prev[i], next[i], first[i], last[i] = -1, -1, -1, -1, -1
	}
	rootFirst, rootLast, rootCount := -1, -1, 0
	var stack []int // the open entries, one per level
	for i, m := range c.marks {
		for len(stack) > 0 && c.marks[stack[len(stack)-1]].level >= m.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			p := stack[len(stack)-1]
			parent[i] = p
			if last[p] >= 0 {
				prev[i], next[last[p]] = last[p], i
			} else {
				first[p] = i
			}
			last[p] = i
			count[p]++
		} else {
			if rootLast >= 0 {
				prev[i], next[rootLast] = rootLast, i
			} else {
				rootFirst = i
			}
			rootLast = i
			rootCount++
		}
		stack = append(stack, i)
	}
	ref := func(i int) int {
		if i < 0 {
			return root
		}
		return ids[i]
	}
	for i, m := range c.marks {
		out.begin(ids[i])
		pg := max(m.page, 1)
		fmt.Fprintf(&out.buf, "<< /Title %s /Parent %d 0 R /Dest [%d 0 R /XYZ 0 %.2f null]",
			pdfText(m.title), ref(parent[i]), pageIDs[pg-1], c.pageHeightPt-m.y*ptPerMM)
		if prev[i] >= 0 {
			fmt.Fprintf(&out.buf, " /Prev %d 0 R", ids[prev[i]])
		}
		if next[i] >= 0 {
			fmt.Fprintf(&out.buf, " /Next %d 0 R", ids[next[i]])
		}
		if first[i] >= 0 {
			fmt.Fprintf(&out.buf, " /First %d 0 R /Last %d 0 R /Count %d", ids[first[i]], ids[last[i]], count[i])
		}
		out.buf.WriteString(" >>\n")
		out.end()
	}
	out.begin(root)
	fmt.Fprintf(&out.buf, "<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>\n", ids[rootFirst], ids[rootLast], rootCount)
	out.end()
	return root
}
