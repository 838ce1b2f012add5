// Package pgtest gives tests a PostgreSQL database of their own on the
// server FUPAN_TEST_POSTGRES names (.ci/run starts one with .ci/postgres, on
// a Unix socket in a temporary folder). Without it the tests skip, saying
// how to give one; on CI (CI=true) they fail instead, so that a CI run
// without PostgreSQL cannot pass for a green one.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver, registered as "pgx"
)

// Env names the server's URL.
const Env = "FUPAN_TEST_POSTGRES"

// Server is the test server's URL, or skips the test where there is none.
func Server(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Env)
	if u == "" {
		msg := "no PostgreSQL for the tests: " + Env + " names none (d=$(mktemp -d); export " + Env + "=$(.ci/postgres start $d), as .ci/run does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return u
}

// Database makes an empty database on the test server for one test, drops
// it when the test ends, and gives its URL.
func Database(t testing.TB) string {
	t.Helper()
	server := Server(t)
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	name := "fupan_test_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = admin.Close()
		t.Fatalf("making a test database on %s: %v", server, err)
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		_ = admin.Close()
	})
	return WithDatabase(t, server, name)
}

// WithDatabase is a server's URL naming another database.
func WithDatabase(t testing.TB, server, name string) string {
	t.Helper()
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}
