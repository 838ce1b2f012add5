package main

import (
	"strings"
	"testing"
)

// fupan.yaml on Windows is refused when Everyone, Users or another broad
// group may write it or its folder lets them replace it, or when another
// user owns it; each refusal names the icacls command that mends it. The
// Windows calls that read the ACL are compiled in CI; this is the judgement.
func TestWindowsConfigACL(t *testing.T) {
	const self = "S-1-5-21-1-2-3-1001"
	admins := aclEntry{SID: "S-1-5-32-544", Allow: true, Mask: 0x1f01ff}
	usersRead := aclEntry{SID: "S-1-5-32-545", Allow: true, Mask: 0x1200a9}
	for _, c := range []struct {
		name   string
		fs     fileSecurity
		rights uint32
		want   string // "" accepted; else a part of the refusal
	}{
		{"admins own, users read", fileSecurity{Owner: "S-1-5-32-544", Entries: []aclEntry{admins, usersRead}}, fileWriteRights, ""},
		{"the operator owns", fileSecurity{Owner: self, Entries: []aclEntry{admins}}, fileWriteRights, ""},
		{"Everyone full control", fileSecurity{Owner: "S-1-5-32-544", Entries: []aclEntry{admins, {SID: "S-1-1-0", Allow: true, Mask: 0x1f01ff}}}, fileWriteRights, "Everyone can write it; run icacls"},
		{"Users modify", fileSecurity{Owner: self, Entries: []aclEntry{{SID: "S-1-5-32-545", Allow: true, Mask: 0x1301bf}}}, fileWriteRights, "Users can write it"},
		{"Authenticated Users generic write", fileSecurity{Owner: self, Entries: []aclEntry{{SID: "s-1-5-11", Allow: true, Mask: 0x40000000}}}, fileWriteRights, "Authenticated Users can write it"},
		{"Everyone denied writing", fileSecurity{Owner: self, Entries: []aclEntry{{SID: "S-1-1-0", Allow: false, Mask: 0x1f01ff}}}, fileWriteRights, ""},
		{"no DACL", fileSecurity{Owner: self, NullACL: true}, fileWriteRights, "no access list"},
		{"another user owns", fileSecurity{Owner: "S-1-5-21-1-2-3-1002", Entries: []aclEntry{admins}}, fileWriteRights, "/setowner Administrators"},
		// C:\ProgramData lets Users add files and folders; that replaces nothing.
		{"ProgramData's add-file", fileSecurity{Owner: self, Entries: []aclEntry{{SID: "S-1-5-32-545", Allow: true, Mask: 0x116}}}, folderReplaceRights, ""},
		{"a folder Users may delete in", fileSecurity{Owner: self, Entries: []aclEntry{{SID: "S-1-5-32-545", Allow: true, Mask: 0x40}}}, folderReplaceRights, "Users can write it"},
	} {
		err := judgeSecurity(`C:\ProgramData\fupan\fupan.yaml`, c.fs, self, c.rights)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v; want it refused saying %q", c.name, err, c.want)
		}
	}
}
