package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func historyRenameCommand() *cli.Command {
	return &cli.Command{
		Name:      "rename",
		Usage:     "record a team's reviews under its new name, merging the periods both names have",
		ArgsUsage: "OLD NEW | --aliases",
		Description: `Puts every review recorded under OLD under NEW, in one transaction, after a
backup of the history beside it (<history>.before-rename-<time>.sqlite): the
team's periods are then one history, its trends and its open actions whole.
Where both names hold a period, the review recorded later is kept and the
other is listed. --aliases does the same for every teams_aliases: entry of
fupan.yaml, for reviews recorded before the alias was written.

Examples:
  fupan history rename 华东区 华东大区 --history /srv/复盘报告/fupan-history.sqlite
  fupan history rename --aliases --config /etc/fupan/fupan.yaml

Exit status: 0 renamed (or nothing to rename), 1 the history cannot be backed
up or written, 2 bad usage (OLD not in the history: the teams it holds
that are like it are listed).`,
		Flags: append(historyFlags(),
			&cli.BoolFlag{Name: "aliases", Usage: "apply fupan.yaml's teams_aliases: to the reviews recorded"},
			&cli.BoolFlag{Name: "json", Usage: "print what was done as JSON"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.Bool("aliases") != (c.NArg() == 0) || !c.Bool("aliases") && c.NArg() != 2 {
				return usageError("history rename takes OLD NEW, or --aliases alone")
			}
			id, err := identity(c)
			if err != nil {
				return err
			}
			db, _, err := openHistory(c, "", historyUpdate)
			if err != nil {
				return err
			}
			defer func() { _ = db.Close() }()
			o := historyRenameOptions{DB: db, Identity: id, JSON: c.Bool("json"), Now: time.Now()}
			if !c.Bool("aliases") {
				o.Old, o.New = c.Args().Get(0), c.Args().Get(1)
			}
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// historyRenameOptions are a rename (Old to New), or, with neither, every
// alias of the identity applied.
type historyRenameOptions struct {
	DB       fupan.History
	Identity fupan.Identity
	Old, New string
	JSON     bool
	Now      time.Time
}

// renameStep is one key moved to another.
type renameStep struct {
	From, To, Name string
	OldName        string // the name the history lists under From
}

func (o historyRenameOptions) steps(ctx context.Context) ([]renameStep, error) {
	keys, err := o.DB.TeamKeys(ctx)
	if err != nil {
		return nil, failedError(err.Error())
	}
	plain := fupan.NewIdentity(o.Identity.Simplify, nil) // the name itself, no alias followed
	if o.Old != "" {
		from := plain.TeamKey(o.Old)
		if _, ok := keys[from]; !ok {
			return nil, usageErrorf("no team %q in %s%s", o.Old, o.DB.Path(), candidates(keys, from))
		}
		return []renameStep{{From: from, To: o.Identity.TeamKey(o.New), Name: o.New, OldName: keys[from]}}, nil
	}
	var steps []renameStep
	for key := range keys {
		to := o.Identity.TeamKey(key)
		if to == key {
			continue
		}
		name := keys[to]
		for _, target := range o.Identity.Aliases {
			if plain.TeamKey(target) == to {
				name = target
			}
		}
		if name == "" {
			name = keys[key]
		}
		steps = append(steps, renameStep{From: key, To: to, Name: name, OldName: keys[key]})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].From < steps[j].From })
	return steps, nil
}

// candidates are the teams a history holds whose key holds part or all of
// key: " (like it: 华东大区, 华东区)", or "" where none is.
func candidates(keys map[string]string, key string) string {
	var like []string
	for k, name := range keys {
		if key != "" && (strings.Contains(k, key) || strings.Contains(key, k)) {
			like = append(like, name)
		}
	}
	if len(like) == 0 {
		return ""
	}
	sort.Strings(like)
	return "; teams like it: " + strings.Join(like, ", ")
}

func (o historyRenameOptions) run(ctx context.Context, stdout io.Writer) error {
	steps, err := o.steps(ctx)
	if err != nil {
		return err
	}
	type done struct {
		From    string          `json:"from"`
		To      string          `json:"to"`
		Moved   int             `json:"moved"`
		Dropped []fupan.Dropped `json:"dropped"`
	}
	list := []done{}
	backup := ""
	for _, s := range steps {
		if s.From == s.To {
			continue
		}
		if backup == "" {
			// Once, before the first change: the history as it was.
			var err error
			if backup, err = o.backup(ctx); err != nil {
				return failedError("no backup, nothing renamed: " + err.Error())
			}
			zerolog.Ctx(ctx).Info().Str("backup", backup).Msg("history backed up before the rename")
		}
		res, err := o.DB.Rename(ctx, s.From, s.To, s.Name)
		if err != nil {
			return failedError(err.Error())
		}
		list = append(list, done{From: s.OldName, To: s.Name, Moved: res.Moved, Dropped: res.Dropped})
	}
	if o.JSON {
		b, _ := json.MarshalIndent(map[string]any{"backup": backup, "renamed": list}, "", "  ")
		fmt.Fprintln(stdout, string(b))
		return nil
	}
	l := fupan.Simplified
	for _, d := range list {
		fmt.Fprintln(stdout, catalog.F(l, "history.renamed", printable(d.From), printable(d.To), d.Moved))
		for _, x := range d.Dropped {
			fmt.Fprintln(stdout, "  "+catalog.F(l, "history.renamed.dropped", printable(x.Team), x.Period, printable(x.File)))
		}
	}
	if backup != "" {
		fmt.Fprintln(stdout, catalog.F(l, "history.renamed.backup", printable(backup)))
	} else {
		fmt.Fprintln(stdout, catalog.T(l, "history.renamed.none"))
	}
	return nil
}

// backup keeps the history as it was before a rename: a SQLite history
// beside itself, a PostgreSQL one copied whole into a SQLite file in the
// working folder (the server's own backups aside, the user has it at hand).
func (o historyRenameOptions) backup(ctx context.Context) (string, error) {
	stamp := ".before-rename-" + o.Now.Format("20060102-150405.000000") + ".sqlite"
	if db, ok := o.DB.(*sqlite.DB); ok {
		path := db.Path()
		dest := strings.TrimSuffix(path, filepath.Ext(path)) + stamp
		return dest, db.Backup(ctx, dest, sqlite.BackupOptions{})
	}
	ex, ok := o.DB.(fupan.HistoryExport)
	if !ok {
		return "", fmt.Errorf("%s cannot be backed up", o.DB.Path())
	}
	dest, err := filepath.Abs(strings.TrimSuffix(defaultHistory, filepath.Ext(defaultHistory)) + stamp)
	if err != nil {
		return "", err
	}
	// A backup never replaces an earlier one, nor is copied into it.
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s is there already: wait a moment and run the rename again", dest)
	}
	to, err := sqlite.Open(ctx, dest, sqlite.Options{})
	if err != nil {
		return "", err
	}
	_, err = batch.CopyHistory(ctx, ex, to, false)
	if cerr := to.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dest)
		return "", fmt.Errorf("copying %s into %s: %w", o.DB.Path(), dest, err)
	}
	return dest, nil
}
