package main

import (
	"fmt"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// systemConfig is the operator's configuration when --config is not given:
// under %ProgramData%, where only administrators write by default.
var systemConfig = filepath.Join(programData(), "fupan", "fupan.yaml")

func programData() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0); err == nil && p != "" {
		return p
	}
	if p := os.Getenv("ProgramData"); p != "" {
		return p
	}
	return `C:\ProgramData`
}

// onlyOperatorWrites refuses a settings file that Everyone, Users or another
// broad group can write, or that a user other than the operator owns: the
// Windows form of Unix's mode and owner checks. Its folder is judged the
// same way, since a file in a folder others can write can be replaced.
func onlyOperatorWrites(path string, _ os.FileInfo) error {
	self, err := currentUserSID()
	if err != nil {
		return fmt.Errorf("reading the user running fupan: %w", err)
	}
	fs, err := readSecurity(path)
	if err != nil {
		return fmt.Errorf("reading who may write it: %w", err)
	}
	if err := judgeSecurity(path, fs, self, fileWriteRights); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	ds, err := readSecurity(dir)
	if err != nil {
		return nil // the folder's list unreadable: the file's own stands
	}
	ds.Owner = self // a folder's owner is not the question, only who may replace
	if err := judgeSecurity(dir, ds, self, folderReplaceRights); err != nil {
		return fmt.Errorf("its folder %s can be written by others, so the file can be replaced: %w", dir, err)
	}
	return nil
}

func currentUserSID() (string, error) {
	tu, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return "", err
	}
	return tu.User.Sid.String(), nil
}

// readSecurity reads a file's owner and DACL into plain data.
func readSecurity(path string) (fileSecurity, error) {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return fileSecurity{}, err
	}
	var fs fileSecurity
	if owner, _, err := sd.Owner(); err == nil && owner != nil {
		fs.Owner = owner.String()
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		fs.NullACL = true
		return fs, nil
	}
	for i := uint32(0); i < uint32(dacl.AceCount); i++ {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return fileSecurity{}, err
		}
		if ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 {
			continue // for what is made inside, not for this object
		}
		// Allowed and denied entries share the layout: header, mask, SID.
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		fs.Entries = append(fs.Entries, aclEntry{
			SID:   sid.String(),
			Allow: ace.Header.AceType == windows.ACCESS_ALLOWED_ACE_TYPE,
			Mask:  uint32(ace.Mask),
		})
	}
	return fs, nil
}
