package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"sync/atomic"
)

// maxReply is the most an SMTP server may send between two of fupan's
// writes: a reply is a few hundred bytes (EHLO's longest), a TLS handshake a
// few KiB. Go's textproto keeps a whole multi-line reply, and a whole line,
// in memory: a peer that keeps sending would fill it.
const maxReply = 1 << 20

var errReplyTooLong = fmt.Errorf("the SMTP server's reply is over %d KiB: cut off (a broken or hostile server)", maxReply>>10)

// boundedConn fails a read once the peer has sent maxReply bytes since
// fupan last wrote.
type boundedConn struct {
	net.Conn
	unread atomic.Int64 // bytes read since the last write
}

func (c *boundedConn) Read(p []byte) (int, error) {
	left := maxReply - c.unread.Load()
	if left <= 0 {
		return 0, errReplyTooLong
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := c.Conn.Read(p)
	c.unread.Add(int64(n))
	return n, err
}

func (c *boundedConn) Write(p []byte) (int, error) {
	c.unread.Store(0)
	return c.Conn.Write(p)
}

// dial connects to the server through a boundedConn; for security "tls",
// TLS over it from the first byte (STARTTLS wraps it later, in go-mail).
func (s *Sender) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	raw, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c := &boundedConn{Conn: raw}
	if s.cfg.SMTP.Security != "tls" {
		return c, nil
	}
	tc := tls.Client(c, s.tls)
	if err := tc.HandshakeContext(ctx); err != nil {
		_ = raw.Close()
		return nil, err
	}
	return tc, nil
}
