package mail

import (
	"errors"
	"testing"
)

// Only an SMTP 5xx answer, a refused login or a certificate problem stops
// the retries; a port that happens to hold the digits 535 does not.
func TestTemporary(t *testing.T) {
	for _, tc := range []struct {
		err  string
		want bool
	}{
		{"dial failed: dial tcp 127.0.0.1:44535: connect: connection refused", true},
		{"dial failed: dial tcp 127.0.0.1:535: connect: connection refused", true},
		{"dial failed: dial tcp 10.0.5.35:25: i/o timeout", true},
		{"smtp auth failed: 535 5.7.8 Authentication credentials invalid", false},
		{"535-5.7.8 Username and Password not accepted", false},
		{"authentication failed: bad password", false},
		{"tls: failed to verify certificate: x509: certificate signed by unknown authority", false},
		{"421 4.3.2 Service not available, closing transmission channel", true},
	} {
		if got := temporary(errors.New(tc.err)); got != tc.want {
			t.Errorf("temporary(%q) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
