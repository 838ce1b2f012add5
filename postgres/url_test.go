package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/postgres"
	_ "github.com/jackc/pgx/v5/stdlib"
)

const secret = "s3cr3t-Pa55"

// A URL holding a password is refused, and the refusal does not repeat it.
func TestPasswordInURLRefused(t *testing.T) {
	for _, u := range []string{
		"postgres://fupan:" + secret + "@db.example.com/fupan?sslmode=verify-full",
		"postgresql://fupan@db.example.com/fupan?password=" + secret,
		"postgres://fupan:" + secret + "@db.example.com:notaport/fupan",
	} {
		_, err := postgres.Open(context.Background(), u, postgres.Options{ConnectTimeout: time.Second})
		if err == nil {
			t.Fatalf("%s opened", u)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error repeats the password: %v", err)
		}
		if !strings.Contains(u, ":notaport") && !errors.Is(err, postgres.ErrPasswordInURL) {
			t.Errorf("%v, want ErrPasswordInURL", err)
		}
		if r := postgres.Redact(u); strings.Contains(r, secret) {
			t.Errorf("redacted: %s", r)
		}
	}
	if r := postgres.Redact("postgres://fupan:" + secret + "@db.example.com/fupan?sslmode=verify-full"); r != "postgres://fupan@db.example.com/fupan?sslmode=verify-full" {
		t.Errorf("redacted as %s", r)
	}
}

// A server that is not there is ErrHistoryUnreachable, soon, naming the
// history without the password taken from the environment.
func TestUnreachable(t *testing.T) {
	gone := "postgres:///fupan?host=" + filepath.Join(t.TempDir(), "no-server") + "&user=fupan&sslmode=disable"
	start := time.Now()
	_, err := postgres.Open(context.Background(), gone, postgres.Options{PasswordEnv: "FUPAN_DB_PASSWORD", ConnectTimeout: 2 * time.Second,
		Getenv: func(k string) string { return map[string]string{"FUPAN_DB_PASSWORD": secret}[k] }})
	if !errors.Is(err, fupan.ErrHistoryUnreachable) {
		t.Fatalf("%v, want ErrHistoryUnreachable", err)
	}
	var he *fupan.HistoryError
	if !errors.As(err, &he) || he.Path != gone || strings.Contains(err.Error(), secret) {
		t.Fatalf("error %v (path %+v)", err, he)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// The password is the environment's: PGPASSWORD, or the variable
// password_env: names. A role with a password opens with the right one, and
// a wrong one is refused without being repeated.
func TestPasswordFromEnvironment(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Database(t)
	role := fmt.Sprintf("fupan_pw_%d", time.Now().UnixNano())
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close() }()
	if _, err := admin.ExecContext(ctx, "CREATE ROLE "+role+" LOGIN SUPERUSER PASSWORD '"+secret+"'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.ExecContext(context.Background(), "DROP ROLE IF EXISTS "+role) })
	asRole := strings.Replace(url, "user=fupan", "user="+role, 1)
	for _, env := range []string{"", "FUPAN_DB_PASSWORD"} {
		given := secret
		getenv := func(k string) string {
			if k == env || env == "" && k == "PGPASSWORD" {
				return given
			}
			return ""
		}
		db, err := postgres.Open(ctx, asRole, postgres.Options{PasswordEnv: env, Getenv: getenv})
		if err != nil {
			t.Fatalf("password in %q: %v", env, err)
		}
		if strings.Contains(db.Path(), secret) {
			t.Errorf("path %s", db.Path())
		}
		_ = db.Close()
		given = secret + "-wrong"
		_, err = postgres.Open(ctx, asRole, postgres.Options{PasswordEnv: env, Getenv: getenv})
		if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "password authentication failed") {
			t.Errorf("a wrong password in %q: %v", env, err)
		}
	}
}
