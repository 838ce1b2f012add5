package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/fupan-review/fupan/robot"
)

// Statuses of a message in a delivery record (mail.json, notify.json).
const (
	deliverySent    = "sent"    // the server or platform took it
	deliveryUnknown = "unknown" // it went out, no clear answer came (or fupan was killed meanwhile)
)

// deliveryRecord is what a run's messages became, per message key, in
// OUT/.fupan (mail.json, notify.json): a re-run sends nothing twice. A key
// not in it was not sent. Read and written under the run's lock
// (finishedRun), each change saved at once, atomically.
type deliveryRecord struct {
	Sent map[string]deliveryEntry `json:"sent"`

	path, recording string // where it is saved; what an error saving it says was being done
}

// deliveryEntry is one message's fate. Mail fills MessageID, To and
// Subject; a robot's post Robot and Title: the JSON keys are those the
// records of earlier versions hold.
type deliveryEntry struct {
	Status    string    `json:"status,omitempty"` // "" in mail records of earlier versions: sent
	At        time.Time `json:"at"`
	MessageID string    `json:"message_id,omitempty"`
	To        []string  `json:"to,omitempty"`
	Subject   string    `json:"subject,omitempty"`
	Robot     string    `json:"robot,omitempty"`
	Title     string    `json:"title,omitempty"`
}

// unknown reports a message that may or may not have gone.
func (e deliveryEntry) unknown() bool { return e.Status == deliveryUnknown }

// readDeliveryRecord reads a delivery record; a missing one is empty. A
// damaged one refuses the sending: read as empty, it would send everything
// again. what names the record in that error, verb what is not done.
func readDeliveryRecord(path, what, verb, recording string) (*deliveryRecord, error) {
	rec := &deliveryRecord{path: path, recording: recording}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", what, err)
	default:
		if err := json.Unmarshal(b, rec); err != nil {
			return nil, fmt.Errorf("%s %s is damaged (%v): nothing is %s, so that nothing goes twice; repair it, or move it aside to send everything of this run again", what, path, err, verb)
		}
	}
	if rec.Sent == nil {
		rec.Sent = map[string]deliveryEntry{}
	}
	return rec, nil
}

func (r *deliveryRecord) save() error {
	b, _ := json.MarshalIndent(r, "", "  ")
	if err := writeFileAtomic(r.path, b); err != nil {
		return fmt.Errorf("%s: %w", r.recording, err)
	}
	return nil
}

// mark is the record of the message key about to go as entry: what the
// record held before is kept, to be put back if it does not go.
func (r *deliveryRecord) mark(key string, entry deliveryEntry) *recordMark {
	prev, had := r.Sent[key]
	return &recordMark{rec: r, key: key, entry: entry, prev: prev, had: had}
}

// recordMark is one message's inFlight in a deliveryRecord.
type recordMark struct {
	rec   *deliveryRecord
	key   string
	entry deliveryEntry
	prev  deliveryEntry
	had   bool
}

func (m *recordMark) set(status string) error {
	e := m.entry
	e.Status, e.At = status, time.Now()
	m.rec.Sent[m.key] = e
	return m.rec.save()
}

func (m *recordMark) sending(context.Context) error { return m.set(deliveryUnknown) }
func (m *recordMark) sent(context.Context) error    { return m.set(deliverySent) }

func (m *recordMark) takeBack(context.Context) error {
	if m.had {
		m.rec.Sent[m.key] = m.prev
	} else {
		delete(m.rec.Sent, m.key)
	}
	return m.rec.save()
}

// inFlight is the record of one message sent exactly once: mail and robot
// posts in OUT/.fupan, reminders in the history (shared across runs and
// sites).
type inFlight interface {
	// sending records the message as gone, fate unknown, just before it
	// can go: a kill from then on leaves it unknown, never sent twice.
	sending(ctx context.Context) error
	// sent records it taken.
	sent(ctx context.Context) error
	// takeBack puts back what the record held before: it never went, and
	// the next call sends it.
	takeBack(ctx context.Context) error
}

// outcome is what became of a message.
type outcome int

const (
	notSent     outcome = iota // refused, or never went out: taken back
	sentOK                     // taken
	unknownFate                // went out with no clear answer: stays recorded, not sent again
)

// sendFunc sends one message; it calls sending just before the message
// can go and sent as soon as it was taken, and stops where either fails.
type sendFunc func(sending, sent func() error) (outcome, error)

// deliverOnce is the skeleton every delivery shares: mark in flight →
// send → mark sent, or take back what did not go. sendErr is the message's
// failure (the run goes on); recErr stops the run: the record cannot be
// written, and sending on could send twice.
func deliverOnce(ctx context.Context, rec inFlight, send sendFunc) (out outcome, sendErr, recErr error) {
	record := func(f func(context.Context) error) func() error {
		return func() error {
			if err := f(ctx); err != nil {
				recErr = err
				return err
			}
			return nil
		}
	}
	out, sendErr = send(record(rec.sending), record(rec.sent))
	if recErr != nil {
		return out, sendErr, recErr
	}
	if out == notSent {
		// Taken back even when interrupted: it never went.
		if err := rec.takeBack(context.WithoutCancel(ctx)); err != nil {
			return out, sendErr, err
		}
	}
	return out, sendErr, nil
}

// robotSend is the sendFunc of a robot's post: recorded before the request,
// an answer saying neither yes nor no (robot.ErrUnknown, ErrPartial) left
// unknown.
func robotSend(ctx context.Context, r *robot.Robot, msg robot.Message) sendFunc {
	return func(sending, sent func() error) (outcome, error) {
		if err := sending(); err != nil {
			return notSent, err
		}
		err := r.Send(ctx, msg)
		switch {
		case err == nil:
			return sentOK, sent()
		case errors.Is(err, robot.ErrUnknown), errors.Is(err, robot.ErrPartial):
			return unknownFate, err
		}
		return notSent, err
	}
}
