package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/mail"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/wording"
	"github.com/xuri/excelize/v2"
)

// run's, history's, mail's and template's run functions, called directly as
// the commands call them after reading their flags: a run over a folder with
// a bad workbook still delivers (once), prints its summary as JSON, records
// the good ones; history lists them as a table and as JSON, backs the history
// up and forgets one review; mail writes its dry run; template writes each
// language and refuses a folder that does not exist.
func TestRunFunctions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	copyTo(t, "../../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	copyTo(t, "../../samples/East-China-Sales_2025Q3.xlsx", filepath.Join(in, "East-China-Sales_2025Q3.xlsx"))
	copyTo(t, "../../samples/invalid/缺少必填列_2025Q3.xlsx", filepath.Join(in, "缺少必填列_2025Q3.xlsx"))
	db, err := sqlite.Open(ctx, filepath.Join(dir, "h.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	now := time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)
	settings := batch.Settings{Analyze: fupan.Options{Now: now}}
	settings.Analyze.Now = now

	delivered := 0
	o := runOptions{
		Batch:   batch.Options{Input: in, Output: out, Workers: 2, Settings: settings, History: db},
		JSON:    true,
		Deliver: func() error { delivered++; return nil },
	}
	var stdout, stderr bytes.Buffer
	err = o.run(ctx, &stdout, &stderr)
	if exitCode(err) != exitFailed {
		t.Errorf("a run with a bad workbook: exit %d (%v), want %d", exitCode(err), err, exitFailed)
	}
	if delivered != 1 {
		t.Errorf("delivered %d times, want once: the good workbooks' reports go out", delivered)
	}
	var sum batch.Summary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil || sum.OK != 2 || sum.Failed != 1 {
		t.Fatalf("--json summary: %v, %d ok, %d failed\n%s", err, sum.OK, sum.Failed, stdout.String())
	}

	stdout.Reset()
	if err := (historyListOptions{DB: db}).run(ctx, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"华东销售部", "East-China-Sales", "2025Q3", catalog.T(fupan.Simplified, "mean.achievement")} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("history lacks %q:\n%s", want, stdout.String())
		}
	}
	stdout.Reset()
	id := fupan.NewIdentity(nil, nil)
	if err := (historyListOptions{DB: db, TeamKey: id.TeamKey("华东销售部"), JSON: true}).run(ctx, &stdout); err != nil {
		t.Fatal(err)
	}
	var list []struct{ Team, Period string }
	if err := json.Unmarshal(stdout.Bytes(), &list); err != nil || len(list) != 1 || list[0].Team != "华东销售部" {
		t.Errorf("history --team --json: %v %+v\n%s", err, list, stdout.String())
	}

	// lessons: the recorded ones, filtered, as JSON and exported.
	all, err := db.Lessons(ctx)
	if err != nil || len(all) == 0 {
		t.Fatalf("lessons recorded: %d (%v)", len(all), err)
	}
	stdout.Reset()
	lo := lessonsOptions{Lang: fupan.Simplified, Identity: id, JSON: true, Filter: fupan.LessonFilter{Kind: fupan.LessonAvoid}}
	if err := lo.run(all, &stdout); err != nil {
		t.Fatal(err)
	}
	var lessons []fupan.Lesson
	if err := json.Unmarshal(stdout.Bytes(), &lessons); err != nil || len(lessons) == 0 || len(lessons) >= len(all) {
		t.Errorf("lessons --kind lesson --json: %v, %d of %d\n%s", err, len(lessons), len(all), stdout.String())
	}
	for _, ls := range lessons {
		if ls.Kind != fupan.LessonAvoid {
			t.Errorf("lessons --kind lesson lists a %s: %+v", ls.Kind, ls)
		}
	}
	lo.JSON, lo.Output = false, filepath.Join(dir, "lib", "lessons.xlsx")
	stdout.Reset()
	if err := lo.run(all, &stdout); err != nil || strings.TrimSpace(stdout.String()) != lo.Output {
		t.Fatalf("lessons -o: %v, printed %q", err, stdout.String())
	}
	if f, err := excelize.OpenFile(lo.Output); err != nil {
		t.Errorf("the lessons export: %v", err)
	} else {
		_ = f.Close()
	}

	backup := filepath.Join(dir, "backup.sqlite")
	stdout.Reset()
	if err := (historyBackupOptions{DB: db, File: backup}).run(ctx, &stdout); err != nil || strings.TrimSpace(stdout.String()) != backup {
		t.Fatalf("backup: %v, printed %q", err, stdout.String())
	}
	forget := historyForgetOptions{Path: backup, Team: "华东销售部", TeamKey: id.TeamKey("华东销售部"), Period: "2025Q3"}
	if err := forget.run(ctx); err != nil {
		t.Fatalf("forget: %v", err)
	}
	if err := forget.run(ctx); exitCode(err) != exitFailed || !strings.Contains(err.Error(), "no review of 华东销售部") {
		t.Errorf("forgetting it again: %v", err)
	}
	left, err := sqlite.Open(ctx, backup, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := left.Reviews(ctx, "")
	_ = left.Close()
	if err != nil || len(reviews) != 1 || reviews[0].Team != "East-China-Sales" {
		t.Errorf("the backup after forget holds %+v (%v), want East-China-Sales alone", reviews, err)
	}

	m := mailOptions{Out: out, Mail: batch.MailOptions{DryRun: true, Config: mail.Config{
		SMTP: mail.SMTP{Host: "localhost", Security: "none"}, From: "fupan@example.com", To: []string{"leadership@example.com"}, Lang: "en"}}}
	if err := m.Mail.Config.Prepare(); err != nil {
		t.Fatal(err)
	}
	if err := m.run(ctx); err != nil {
		t.Fatalf("mail --dry-run: %v", err)
	}
	eml, err := os.ReadFile(filepath.Join(out, "mail", "01-all.eml"))
	if err != nil || !bytes.Contains(eml, []byte("Subject: Strategy review 2025Q3: 2 teams")) {
		t.Errorf("the dry run's mail: %v\n%.600s", err, eml)
	}

	for _, l := range catalog.Langs() {
		path := filepath.Join(dir, "template-"+string(l)+".xlsx")
		if err := (templateOptions{Output: path, Lang: l}).run(ctx); err != nil {
			t.Fatalf("template %s: %v", l, err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		_ = f.Close()
		if len(sheets) != 7 || sheets[0] != catalog.T(l, wording.InstructionsSheet) || sheets[6] != catalog.T(l, wording.Template()[4].Sheet) {
			t.Errorf("template %s: sheets %q", l, sheets)
		}
	}
	err = (templateOptions{Output: filepath.Join(dir, "no-such-folder", "t.xlsx"), Lang: fupan.English}).run(ctx)
	if exitCode(err) != exitFailed {
		t.Errorf("template into a missing folder: %v", err)
	}
}
