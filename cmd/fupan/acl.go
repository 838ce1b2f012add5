package main

import (
	"fmt"
	"strings"
)

// The Windows half of "only the operator can write fupan.yaml", as plain
// data: owner_windows.go reads the file's owner and DACL into these, and the
// judgement below is tested on every system.

// aclEntry is one access-control entry of a file's DACL.
type aclEntry struct {
	SID   string // S-1-1-0…
	Allow bool   // an access-allowed entry; deny entries are false
	Mask  uint32
}

// fileSecurity is what Windows says of who owns and may write a file.
type fileSecurity struct {
	Owner   string // the owner's SID
	NullACL bool   // no DACL at all: everyone may do anything
	Entries []aclEntry
}

// Groups whose members are every user of the machine (or more): a grant of
// write to any of them is Unix's group- or world-writable.
var broadGroups = map[string]string{
	"S-1-1-0":      "Everyone",
	"S-1-5-7":      "ANONYMOUS LOGON",
	"S-1-5-11":     "Authenticated Users",
	"S-1-5-32-545": "Users",
	"S-1-5-32-546": "Guests",
}

// Owners that are the machine's administrators, not a user.
var systemOwners = []string{
	"S-1-5-18",     // SYSTEM
	"S-1-5-32-544", // Administrators
	"S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464", // TrustedInstaller
}

// Rights that let their holder change a file or who may: write or append
// data, delete, write the DACL or the owner, and the generic write and all.
const fileWriteRights = 0x2 | 0x4 | 0x10000 | 0x40000 | 0x80000 | 0x40000000 | 0x10000000

// Rights on a folder that let their holder replace a file in it: delete a
// child, write the DACL or the owner, and generic all. Adding files (which
// Users may do under C:\ProgramData) does not replace one already there.
const folderReplaceRights = 0x40 | 0x40000 | 0x80000 | 0x10000000

// judgeSecurity refuses a file on which a broad group holds any of rights, or
// that is owned by someone other than the user running fupan or the
// administrators.
func judgeSecurity(path string, fs fileSecurity, self string, rights uint32) error {
	if fs.NullACL {
		return fmt.Errorf("it has no access list, so anyone can write it; run icacls %q /inheritance:r /grant:r Administrators:F SYSTEM:F", path)
	}
	for _, e := range fs.Entries {
		group, broad := broadGroups[strings.ToUpper(e.SID)]
		if e.Allow && broad && e.Mask&rights != 0 {
			return fmt.Errorf("%s can write it; run icacls %q /inheritance:r /remove:g *%s, then grant only the operator", group, path, e.SID)
		}
	}
	owner := strings.ToUpper(fs.Owner)
	if owner == strings.ToUpper(self) {
		return nil
	}
	for _, s := range systemOwners {
		if owner == s {
			return nil
		}
	}
	return fmt.Errorf("owned by %s, not by the Administrators or the user running fupan (%s); run icacls %q /setowner Administrators", fs.Owner, self, path)
}
