// Package testtool helps tests that need an outside program (pdftotext,
// soffice): they skip where it is missing, but never in CI.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require returns the path of a program, skipping the test where it is not
// installed, and failing it instead when CI=true: CI installs every tool.
func Require(t testing.TB, name string) string {
	t.Helper()
	if name == "soffice" && testing.Short() {
		// LibreOffice takes seconds a file: the full run has it, -short not.
		t.Skip("LibreOffice is not started under -short; the full test run does")
	}
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed; .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, debianPackage(name))
	}
	return p
}

func debianPackage(tool string) string {
	switch tool {
	case "soffice":
		return "libreoffice-calc-nogui"
	case "pdftotext", "pdftoppm", "pdffonts", "pdfinfo":
		return "poppler-utils"
	}
	return tool
}

// Soffice converts a file with LibreOffice headless (format "pdf" or "xlsx")
// into dir and returns the output's path. Each call has its own profile so
// that tests may run it side by side.
func Soffice(t testing.TB, file, format, dir string) string {
	t.Helper()
	bin := Require(t, "soffice")
	profile := t.TempDir()
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", format, "--outdir", dir, file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to %s %s: %v\n%s", format, file, err, out)
	}
	base := filepath.Base(file)
	res := filepath.Join(dir, base[:len(base)-len(filepath.Ext(base))]+"."+format)
	if _, err := os.Stat(res); err != nil {
		t.Fatalf("soffice wrote no %s: %v\n%s", res, err, out)
	}
	return res
}

// Text extracts a PDF's text with pdftotext.
func Text(t testing.TB, pdf string, args ...string) string {
	t.Helper()
	bin := Require(t, "pdftotext")
	out, err := exec.Command(bin, append(append(args, pdf), "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	return string(out)
}

// Run runs a program and returns its standard output, failing the test on error.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	bin := Require(t, name)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// SofficeAll converts files with one LibreOffice process (its start is most of
// the time a conversion takes) into dir, and returns the outputs by input.
func SofficeAll(t testing.TB, files []string, format, dir string) map[string]string {
	t.Helper()
	bin := Require(t, "soffice")
	profile := t.TempDir()
	args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", format, "--outdir", dir}, files...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s (%d files): %v\n%s", format, len(files), err, out)
	}
	res := map[string]string{}
	for _, f := range files {
		base := filepath.Base(f)
		res[f] = filepath.Join(dir, base[:len(base)-len(filepath.Ext(base))]+"."+format)
	}
	return res
}
