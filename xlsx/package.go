package xlsx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
)

// packageBook writes the reviewed workbook by copying the source's package
// part by part: parts fupan does not change are copied still compressed, the
// changed ones are spliced (the computed cells, the styles, the workbook's
// sheet list and relationships), and the notes and the conclusion sheet are
// new parts. Opening and saving the whole workbook through excelize cost
// three times as much as everything else fupan does to a workbook.
type packageBook struct {
	p        *pkg
	order    []*zip.File // the source's entries, in their order
	wbPart   string
	sheets   map[string]string // sheet name → part
	styles   *styleSheet
	stylePrt string

	edited map[string][]byte          // part → new content
	added  []string                   // new parts, in order
	types  []string                   // elements to add to [Content_Types].xml
	rels   map[string][]string        // relationships part → elements to add
	relIDs map[string]map[string]bool // relationships part → the ids taken
	xfs    map[string]int
	now    time.Time // the changed entries' time

	nextSheetID int
}

const (
	nsMain   = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relSheet = nsRel + "/worksheet"
	relNotes = nsRel + "/comments"
	relVML   = nsRel + "/vmlDrawing"
)

func openPackageBook(p *pkg, wbx workbookXML, now time.Time) (*packageBook, error) {
	b := &packageBook{p: p, order: p.order, wbPart: wbx.Part, sheets: wbx.sheetParts(),
		edited: map[string][]byte{}, rels: map[string][]string{}, relIDs: map[string]map[string]bool{}, xfs: map[string]int{}, now: now}
	for _, s := range wbx.Sheets {
		b.nextSheetID = max(b.nextSheetID, s.ID+1)
	}
	b.stylePrt = wbx.ByType["styles"]
	if b.stylePrt == "" {
		// Some writers leave the styles out (Excel then uses its defaults):
		// the copy gets the least a stylesheet holds, for fupan's formats.
		b.stylePrt = "xl/styles.xml" // where excelize, too, looks for it
		if b.has(b.stylePrt) {
			b.stylePrt = b.free("xl/styles%d.xml")
		}
		b.add(b.stylePrt, []byte(minimalStyles), "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")
		if _, err := b.relate(wbx.Part, b.stylePrt, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"); err != nil {
			return nil, err
		}
	}
	x, err := b.read(b.stylePrt)
	if err != nil {
		return nil, err
	}
	if b.styles, err = parseStyleSheet(x); err != nil {
		return nil, err
	}
	return b, nil
}

// read is a part's content: as edited, or as the source has it.
func (b *packageBook) read(part string) ([]byte, error) {
	if x, ok := b.edited[part]; ok {
		return x, nil
	}
	x, found, err := b.p.readPart(part)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("the package has no part %s", part)
	}
	return x, nil
}

func (b *packageBook) has(part string) bool {
	_, ok := b.p.files[partKey(part)]
	_, edited := b.edited[part]
	return ok || edited
}

// free is the first part name the pattern (with one %d) gives that is unused.
func (b *packageBook) free(pattern string) string {
	for i := 1; ; i++ {
		if name := fmt.Sprintf(pattern, i); !b.has(name) {
			return name
		}
	}
}

// minimalStyles is a stylesheet with Excel's defaults only.
const minimalStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

func (b *packageBook) add(part string, x []byte, contentType string) {
	b.edited[part] = x
	b.added = append(b.added, part)
	if contentType != "" {
		b.types = append(b.types, fmt.Sprintf(`<Override PartName="/%s" ContentType="%s"/>`, part, contentType))
	}
}

// relate adds a relationship from one part to another and returns its id.
func (b *packageBook) relate(from, to, typ string) (string, error) {
	dir, base := path.Split(from)
	relsPart := dir + "_rels/" + base + ".rels"
	ids, ok := b.relIDs[relsPart]
	if !ok { // the ids the source has, read once per part
		ids = map[string]bool{}
		if b.has(relsPart) {
			_, err := b.p.eachStart(relsPart, func(_ string, t *scanner) {
				if t.is("Relationship") {
					ids[t.attr("Id")] = true
				}
			})
			if err != nil {
				return "", err
			}
		}
		b.relIDs[relsPart] = ids
	}
	id := ""
	for i := len(ids) + 1; ; i++ {
		if id = "rId" + strconv.Itoa(i); !ids[id] {
			break
		}
	}
	ids[id] = true
	b.rels[relsPart] = append(b.rels[relsPart], fmt.Sprintf(`<Relationship Id="%s" Type="%s" Target="%s"/>`, id, typ, relTarget(dir, to)))
	return id, nil
}

// relTarget is part to's path relative to the folder dir.
func relTarget(dir, to string) string {
	from := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		from = nil
	}
	target := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(target)-1 && from[i] == target[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(target[i:], "/")
}

func (b *packageBook) sheetXML(sheet string) ([]byte, error) {
	part, ok := b.sheets[sheet]
	if !ok {
		return nil, fmt.Errorf("sheet %s is not in the workbook", sheet)
	}
	return b.read(part)
}

func (b *packageBook) setSheetXML(sheet string, x []byte) { b.edited[b.sheets[sheet]] = x }

func (b *packageBook) statusStyle(base int, status string, signed bool) (int, error) {
	key := strconv.Itoa(base) + "/" + status + "/" + strconv.FormatBool(signed)
	if id, ok := b.xfs[key]; ok {
		return id, nil
	}
	pct := "0.0%"
	if signed {
		pct = "+0.0%;-0.0%;0.0%"
	}
	st := b.styles
	fontID, fillID, err := st.fontAndFill(base)
	if err != nil {
		return 0, err
	}
	if c, ok := statusColours[status]; ok {
		if fontID, err = st.font(fontID, fontSpec{colour: c[1]}); err != nil {
			return 0, err
		}
		fillID = st.fill(c[0])
	}
	id, err := st.xfFrom(base, st.numFmt(pct), fontID, fillID)
	if err != nil {
		return 0, err
	}
	b.xfs[key] = id
	return id, nil
}

// addNotes writes the notes of a sheet as a comments part and the VML
// drawing Excel shows them with. A sheet that has notes already is left to
// excelize, which merges them.
func (b *packageBook) addNotes(sheet string, notes []note) error {
	part := b.sheets[sheet]
	dir, base := path.Split(part)
	if b.has(dir + "_rels/" + base + ".rels") {
		_, byType, err := b.p.relsOf(part)
		if err != nil {
			return err
		}
		if byType["comments"] != "" || byType["vmlDrawing"] != "" {
			return errUnsupported
		}
	}
	x, err := b.read(part)
	if err != nil {
		return err
	}
	at := bytes.LastIndex(x, []byte("</worksheet>"))
	if at < 0 || bytes.Contains(x, []byte("<legacyDrawing")) {
		return errUnsupported
	}
	// legacyDrawing comes before these, by the schema's order.
	for _, after := range []string{"<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"} {
		if i := bytes.Index(x, []byte(after)); i >= 0 && i < at {
			at = i
		}
	}

	comments := b.free("xl/comments%d.xml")
	vml := b.free("xl/drawings/vmlDrawing%d.vml")
	if _, err := b.relate(part, comments, relNotes); err != nil {
		return err
	}
	vmlID, err := b.relate(part, vml, relVML)
	if err != nil {
		return err
	}
	b.add(comments, commentsXML(notes), "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml")
	b.add(vml, vmlXML(notes), "")
	patched, err := spliceBytes(x, []splice{{int64(at), int64(at), `<legacyDrawing xmlns:r="` + nsRel + `" r:id="` + vmlID + `"/>`}})
	if err != nil {
		return err
	}
	b.edited[part] = patched
	return nil
}

// addConclusion adds the conclusion sheet after the others.
func (b *packageBook) addConclusion(rows []cRow, lang fupan.Lang) error {
	// Excel takes sheet names that differ only in case for the same.
	name := conclusionName(lang, func(n string) bool {
		for have := range b.sheets {
			if strings.EqualFold(have, n) {
				return true
			}
		}
		return false
	})
	var ids [cStyles]int
	defs := conclusionStyleSpecs()
	for i, d := range defs {
		font, err := b.styles.font(0, d.font)
		if err != nil {
			return err
		}
		fill := 0
		if d.fill != "" {
			fill = b.styles.fill(d.fill)
		}
		ids[i] = b.styles.xf(font, fill, d.wrapTop)
	}
	part := b.free("xl/worksheets/sheet%d.xml")
	b.add(part, conclusionXML(rows, ids), "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
	rid, err := b.relate(b.wbPart, part, relSheet)
	if err != nil {
		return err
	}
	wb, err := b.read(b.wbPart)
	if err != nil {
		return err
	}
	at := bytes.Index(wb, []byte("</sheets>"))
	if at < 0 {
		return errUnsupported
	}
	el := fmt.Sprintf(`<sheet xmlns:r="%s" name="%s" sheetId="%d" r:id="%s"/>`, nsRel, escapeAttr(name), max(b.nextSheetID, 1), rid)
	if b.edited[b.wbPart], err = spliceBytes(wb, []splice{{int64(at), int64(at), el}}); err != nil {
		return err
	}
	b.sheets[name] = part
	return nil
}

// writeTo writes the package: the source's entries in their order, unchanged
// ones copied as they are compressed, then the new parts.
func (b *packageBook) writeTo(w io.Writer) error {
	st, err := b.styles.bytes()
	if err != nil {
		return err
	}
	b.edited[b.stylePrt] = st
	if err := b.finishRels(); err != nil {
		return err
	}
	if err := b.finishTypes(); err != nil {
		return err
	}
	// A few writes for a team-sized workbook (zip's own buffer is 4 KB).
	bw := bufio.NewWriterSize(w, 16<<10)
	buf := make([]byte, 8<<10) // one copy buffer for every unchanged part
	zw := zip.NewWriter(bw)
	written := map[string]bool{}
	// Edited parts are named as the relationships name them, entries as the
	// zip does: they meet by partKey (case, backslashes).
	editedAs := map[string]string{}
	for name := range b.edited {
		editedAs[partKey(name)] = name
	}
	related, err := b.related()
	if err != nil {
		return err
	}
	for _, f := range b.order {
		if name, ok := editedAs[partKey(f.Name)]; ok {
			if err := writeEntry(zw, f.Name, b.edited[name], b.now); err != nil {
				return err
			}
			written[name] = true
			continue
		}
		if strings.HasSuffix(f.Name, "/") || f.UncompressedSize64 == 0 && !related(f.Name) {
			continue // a folder, or an empty entry nothing points at: Excel keeps neither
		}
		if err := b.copyEntry(zw, f, buf); err != nil {
			return err
		}
	}
	for _, name := range b.added {
		if !written[name] {
			if err := writeEntry(zw, name, b.edited[name], b.now); err != nil {
				return err
			}
			written[name] = true
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// related tells the entries some relationship points at. Excel keeps only
// those parts; fupan leaves out only the empty entries no relationship
// names (a package of 300,000 was 35 MB of copy), and never a part with
// content, however it is named.
func (b *packageBook) related() (func(name string) bool, error) {
	targets := map[string]bool{}
	for _, f := range b.order {
		if f.UncompressedSize64 == 0 || !strings.HasSuffix(strings.ToLower(f.Name), ".rels") {
			continue
		}
		dir := path.Dir(path.Dir(strings.ReplaceAll(f.Name, "\\", "/"))) // a/_rels/b.xml.rels → a
		_, err := b.p.eachStart(f.Name, func(_ string, t *scanner) {
			if !t.is("Relationship") || t.attr("TargetMode") == "External" {
				return
			}
			target := t.attr("Target")
			if u, err := url.PathUnescape(target); err == nil {
				targets[resolveTarget(dir, u)] = true
			}
			targets[resolveTarget(dir, target)] = true
		})
		if err != nil {
			return nil, err
		}
	}
	return func(name string) bool { return targets[partKey(name)] }, nil
}

// resolveTarget is a relationship's target as a part key, from the folder
// of the part whose relationship it is.
func resolveTarget(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return partKey(target)
	}
	return partKey(path.Clean(dir + "/" + target))
}

// copyEntry writes an entry of the source that fupan did not change: as it is
// compressed, or re-encoded as UTF-8 where the source's part was UTF-16.
func (b *packageBook) copyEntry(zw *zip.Writer, f *zip.File, buf []byte) error {
	if b.p.utf16[partKey(f.Name)] {
		x, _, err := b.p.readPart(f.Name) // as UTF-8
		if err == nil {
			err = writeEntry(zw, f.Name, x, b.now)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		return nil
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	hdr := f.FileHeader
	cw, err := zw.CreateRaw(&hdr)
	if err != nil {
		return err
	}
	if _, err := io.CopyBuffer(cw, raw, buf); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	return nil
}

// writeEntry writes a part; one under 16 KB is stored, not deflated: the time
// compressing took was more than the bytes it saved were worth (the seed's
// reviewed copy is 33 KB stored, 13 KB deflated).
func writeEntry(zw *zip.Writer, name string, x []byte, now time.Time) error {
	method := zip.Deflate
	if len(x) < 16384 {
		method = zip.Store
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: now})
	if err != nil {
		return err
	}
	_, err = fw.Write(x)
	return err
}

// finishRels writes the relationships added to each part.
func (b *packageBook) finishRels() error {
	for relsPart, els := range b.rels {
		if !b.has(relsPart) {
			b.add(relsPart, []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
				`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+strings.Join(els, "")+`</Relationships>`), "")
			continue
		}
		x, err := b.read(relsPart)
		if err != nil {
			return err
		}
		at := bytes.LastIndex(x, []byte("</Relationships>"))
		if at < 0 {
			return errUnsupported
		}
		if b.edited[relsPart], err = spliceBytes(x, []splice{{int64(at), int64(at), strings.Join(els, "")}}); err != nil {
			return err
		}
	}
	return nil
}

// finishTypes declares the new parts' content types.
func (b *packageBook) finishTypes() error {
	x, err := b.read("[Content_Types].xml")
	if err != nil {
		return err
	}
	types := b.types
	if !bytes.Contains(x, []byte(`Extension="vml"`)) && hasSuffix(b.added, ".vml") {
		types = append(types, `<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>`)
	}
	at := bytes.LastIndex(x, []byte("</Types>"))
	if at < 0 {
		return errUnsupported
	}
	b.edited["[Content_Types].xml"], err = spliceBytes(x, []splice{{int64(at), int64(at), strings.Join(types, "")}})
	return err
}

func hasSuffix(names []string, suffix string) bool {
	for _, n := range names {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}
