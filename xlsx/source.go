package xlsx

import (
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"
)

// Source is a workbook as opened for reading: the package its reviewed copy
// is made from. Writing the copy from a Source does not decrypt, unpack or
// parse again what reading the workbook did.
type Source struct {
	plain     []byte // the zip package; decrypted where the file is protected
	encrypted bool
	opts      Options
	pkg       *pkg
	wbx       workbookXML
}

var errPassword = errors.New("the password is not correct")

// openSource opens a workbook's package and reads its workbook part; keep
// holds on to the parts read for the reviewed copy. A protected workbook is
// decrypted with opts.Password (errPassword where it does not open it).
func openSource(data []byte, opts Options, keep bool) (*Source, error) {
	src := &Source{plain: data, opts: opts}
	if bytes.HasPrefix(data, oleMagic) {
		// excelize decrypts it to the zip it wraps; a wrong password gives
		// bytes that are no zip.
		plain, err := excelize.Decrypt(data, &excelize.Options{Password: opts.Password})
		if err != nil || !bytes.HasPrefix(plain, zipMagic) {
			return nil, errPassword
		}
		src.plain, src.encrypted = plain, true
	}
	p, err := openPackage(src.plain, opts)
	if err != nil {
		return nil, err
	}
	if keep {
		p.kept = map[string][]byte{}
	}
	src.pkg = p
	if src.wbx, err = p.workbook(); err != nil {
		return nil, err
	}
	return src, nil
}
