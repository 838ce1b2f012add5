package batch

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Delivery is one message a run's outputs went out in, as its record in
// OUT/.fupan says: a mail or a robot's post.
type Delivery struct {
	Kind   string    `json:"kind"`   // "mail" or "robot"
	Status string    `json:"status"` // "sent", or "unknown" (may have gone)
	At     time.Time `json:"at"`
	To     string    `json:"to"` // the recipients, or the robot
	Title  string    `json:"title"`
}

// Deliveries reads what was mailed and posted of the run in out, oldest
// first; none where nothing was. The records are opened inside out.
func Deliveries(out string) ([]Delivery, error) {
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, err
	}
	defer func() { _ = root.Close() }()
	var list []Delivery
	var mails deliveryRecord
	if err := readInside(root, filepath.Join(stateDir, "mail.json"), &mails); err != nil {
		return nil, err
	}
	for _, m := range mails.Sent {
		status := m.Status
		if status == "" {
			status = deliverySent
		}
		list = append(list, Delivery{Kind: "mail", Status: status, At: m.At, To: strings.Join(m.To, ", "), Title: m.Subject})
	}
	var posts deliveryRecord
	if err := readInside(root, filepath.Join(stateDir, "notify.json"), &posts); err != nil {
		return nil, err
	}
	for _, p := range posts.Sent {
		list = append(list, Delivery{Kind: "robot", Status: p.Status, At: p.At, To: p.Robot, Title: p.Title})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].At.Before(list[j].At) })
	return list, nil
}

// readInside decodes a record inside root; a missing one is none.
func readInside(root *os.Root, name string, v any) error {
	f, err := root.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	if err := json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(v); err != nil {
		return &os.PathError{Op: "read", Path: name, Err: err}
	}
	return nil
}
