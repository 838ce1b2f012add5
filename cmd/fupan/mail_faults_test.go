package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/smtptest"
)

// faultyConfig points the mail at a Faulty server on loopback.
func faultyConfig(t *testing.T, port int, timeout time.Duration) string {
	t.Helper()
	cfg := fmt.Sprintf(`mail:
  smtp: {host: 127.0.0.1, port: %d, security: none, retries: 2, backoff: 10ms, timeout: %s}
  from: 复盘报告 <fupan@example.com>
  to: [leader@example.com]
`, port, timeout)
	path := filepath.Join(t.TempDir(), "fupan.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mailStatuses reads OUT/.fupan/mail.json: the status of each message.
func mailStatuses(t *testing.T, out string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, ".fupan", "mail.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Sent map[string]struct{ Status string }
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	var st []string
	for _, m := range rec.Sent {
		st = append(st, m.Status)
	}
	return st
}

// Once the server has answered 250 to the end of the message, the mail is
// sent, whatever happens to the session after: leadership got 3–5 copies per
// run when a dropped connection, a 421 to RSET or a QUIT without answer was
// taken for a failed send. Where no answer came to the end of the message, it
// is recorded as unknown and not sent again unless --resend says so.
func TestMailExactlyOnce(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fault    smtptest.Fault
		exit     int // of the first run
		accepted int
	}{
		{"closed after 250", smtptest.CloseAfterAccept, 0, 1},
		{"421 to RSET and QUIT", smtptest.RsetRefused, 0, 1},
		{"QUIT never answered", smtptest.QuitHangs, 0, 1},
		{"no answer to the final dot", smtptest.NoReplyToDot, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := smtptest.StartFaulty(t, tc.fault)
			cfg := faultyConfig(t, srv.Port, time.Second)
			out := t.TempDir()
			for i, want := range []int{tc.exit, 0, 0} { // a run and two re-runs
				_, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--mail", "--config", cfg)
				if code != want {
					t.Fatalf("run %d: exit %d, want %d\n%s", i+1, code, want, stderr)
				}
				if tc.fault == smtptest.NoReplyToDot && i == 0 && !strings.Contains(stderr, "may or may not have been delivered") {
					t.Errorf("the unknown outcome is not said:\n%s", stderr)
				}
			}
			if got := len(srv.Messages()); got != tc.accepted {
				t.Errorf("%d messages delivered; want %d", got, tc.accepted)
			}
			if got := srv.Received(); got != 1 {
				t.Errorf("the message's end reached the server %d times; want once", got)
			}
			want := "sent"
			if tc.fault == smtptest.NoReplyToDot {
				want = "unknown"
			}
			if st := mailStatuses(t, out); len(st) != 1 || st[0] != want {
				t.Errorf("mail.json statuses %v; want [%s]", st, want)
			}
		})
	}
}

// --resend sends the same mail again with the same Message-ID, so that mail
// programs can drop the duplicate; a dry run writes that Message-ID too.
func TestMailMessageIDStable(t *testing.T) {
	srv := smtptest.StartFaulty(t, smtptest.CloseAfterAccept)
	cfg := faultyConfig(t, srv.Port, time.Second)
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--mail", "--config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--force", "--mail", "--config", cfg, "--resend"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	ids := srv.Messages()
	if len(ids) != 2 || ids[0] != ids[1] || !strings.HasPrefix(ids[0], "<fupan.") {
		t.Errorf("Message-IDs %q; want two equal ones", ids)
	}
	if _, stderr, code := runCLI(t, "mail", out, "--config", cfg, "--dry-run"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	eml, _ := filepath.Glob(filepath.Join(out, "mail", "*.eml"))
	if len(eml) != 1 {
		t.Fatalf("eml files %v", eml)
	}
	if b, _ := os.ReadFile(eml[0]); len(ids) > 0 && !strings.Contains(string(b), "Message-ID: "+ids[0]) {
		t.Errorf("the dry run's Message-ID differs from %s", ids[0])
	}
}

// Killed while the server keeps it waiting for the answer to QUIT, after it
// took the message: the next run does not send it again.
func TestMailKilledDuringQuit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs fupan")
	}
	bin := filepath.Join(t.TempDir(), "fupan")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	srv := smtptest.StartFaulty(t, smtptest.QuitHangs)
	cfg := faultyConfig(t, srv.Port, 30*time.Second)
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	cmd := exec.Command(bin, "--log-format", "json", "mail", out, "--config", cfg)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-srv.Accepted:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("the server never got the mail")
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	for i := 0; i < 2; i++ {
		if _, stderr, code := runCLI(t, "mail", out, "--config", faultyConfig(t, srv.Port, time.Second)); code != 0 {
			t.Fatalf("re-run %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages delivered; want 1", n)
	}
}

// A damaged record of sent mail refuses the mail rather than sending every
// message again; a missing team PDF does not stop the other teams' mail.
func TestMailDamagedRecordAndMissingPDF(t *testing.T) {
	srv := smtptest.StartFaulty(t, smtptest.CloseAfterAccept)
	cfg := faultyConfig(t, srv.Port, time.Second)
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--mail", "--config", cfg); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rec := filepath.Join(out, ".fupan", "mail.json")
	if err := os.WriteFile(rec, []byte(`{"sent": {"all:12`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "mail", out, "--config", cfg)
	if code != 1 || !strings.Contains(stderr, "is damaged") || !strings.Contains(stderr, "move it aside") {
		t.Errorf("damaged record: exit %d\n%s", code, stderr)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages; want still 1", n)
	}

	// Per team, with one team's PDF gone: the others are sent.
	perTeam := faultyConfig(t, srv.Port, time.Second)
	b, _ := os.ReadFile(perTeam)
	if err := os.WriteFile(perTeam, append(b, "  mode: per-team\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(rec)
	if err := os.Remove(filepath.Join(out, "華東銷售部_2025Q3.pdf")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, "mail", out, "--config", perTeam)
	if code != 1 || !strings.Contains(stderr, "華東銷售部_2025Q3.pdf") {
		t.Errorf("missing PDF: exit %d\n%s", code, stderr)
	}
	if n := len(srv.Messages()); n < 4 {
		t.Errorf("%d messages in all; the other teams' mail was not sent", n)
	}
}

// A run that found no workbook mails nothing: an empty overview is no news.
func TestMailNothingForAnEmptyRun(t *testing.T) {
	srv := smtptest.StartFaulty(t, smtptest.CloseAfterAccept)
	in, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(in, "readme.txt"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "run", in, "-o", out, "--mail", "--config", faultyConfig(t, srv.Port, time.Second))
	if code != 0 || !strings.Contains(stderr, "nothing to mail") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if srv.Received() != 0 {
		t.Errorf("%d messages sent for a run without workbooks", srv.Received())
	}
}
