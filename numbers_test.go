package fupan

import "testing"

// Negative targets (a loss to cut) and a perfect zero on a lower-is-better
// metric: the formula of PRODUCT §3.
func TestAchievementNegativeAndZero(t *testing.T) {
	tests := []struct {
		target, actual float64
		dir            Direction
		want           float64
		status         OutcomeStatus
	}{
		{-200e4, -100e4, Higher, 1.5, StatusAchieved}, // the loss halved: the target beaten
		{-200e4, -200e4, Higher, 1, StatusAchieved},
		{-200e4, -300e4, Higher, 0.5, StatusMissed}, // the loss half as large again
		{-200e4, -210e4, Higher, 0.95, StatusClose},
		{-0.05, -0.10, Lower, 2, StatusAchieved}, // a fall of costs: −10% against −5% is better
		{-0.05, 0, Lower, 0, StatusMissed},
		{5, 0, Lower, 1, StatusAchieved}, // 客户投诉数 target 5, actual 0
		{5, 10, Lower, 0.5, StatusMissed},
	}
	for _, tt := range tests {
		got, ok := Achievement(tt.target, tt.actual, tt.dir)
		if !ok || !near(got, tt.want) || MetricStatus(got) != tt.status {
			t.Errorf("Achievement(%v, %v, %s) = %v, %v (%s); want %v (%s)", tt.target, tt.actual, tt.dir, got, ok, MetricStatus(got), tt.want, tt.status)
		}
	}
}

// A printed percentage never rounds across a status threshold.
func TestFormatPercentThresholds(t *testing.T) {
	tests := []struct {
		v      float64
		signed bool
		want   string
	}{
		{0.89996, false, "89.9%"}, // missed, not "90%" (close)
		{0.9996, false, "99.9%"},  // close, not "100%" (achieved)
		{0.99999999999, false, "100%"},
		{0.9, false, "90%"},
		{1, false, "100%"},
		{0.84, false, "84%"},
		{1.2, false, "120%"},
		{0.90004, false, "90%"},
		{0.10004, true, "+10.1%"}, // off track (past 10%), not "+10%"
		{0.1, true, "+10%"},
		{-0.065, true, "-6.5%"},
		{0.2, true, "+20%"},
		{0.5, false, "50%"},
		{0.12345, false, "12.3%"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.v, tt.signed); got != tt.want {
			t.Errorf("FormatPercent(%v, %v) = %q, want %q", tt.v, tt.signed, got, tt.want)
		}
	}
}

// One definition of overdue: the due day itself is not overdue, the day after
// is; the follow-up judges once the period's last day is over.
func TestOverdueOneDefinition(t *testing.T) {
	due := d(2025, 9, 30)
	if IsOverdue(due, due) || !IsOverdue(due, d(2025, 10, 1)) || IsOverdue(Date{}, due) {
		t.Error("IsOverdue: the due day is overdue, or the day after is not")
	}
	rv := &Review{Actions: []ActionRow{{Item: "发布流程", Due: due}}}
	for _, a := range NeedsAttention(rv, due) {
		if a.Kind == AttnActionOverdue {
			t.Error("page 1: an action is overdue on its due day")
		}
	}
	if items := DueItems(rv, due, 7); len(items) != 1 || items[0].State != DueSoon {
		t.Errorf("reminders on the due day: %+v", items)
	}
	if items := DueItems(rv, d(2025, 10, 1), 7); len(items) != 1 || items[0].State != Overdue {
		t.Errorf("reminders the day after: %+v", items)
	}
	// Due on the period's last day, not done when the period is over (the
	// day after it, which the follow-up judges as of at the earliest).
	if s := statusOn(due, Date{}, false, due.AddDays(1)); s != FollowOverdue {
		t.Errorf("follow-up due on the period's last day: %s", s)
	}
	if s := statusOn(due, Date{}, false, due); s != FollowOpen {
		t.Errorf("follow-up on its due day: %s, want open", s)
	}
	if s := statusOn(d(2025, 10, 1), Date{}, false, due); s != FollowOpen {
		t.Errorf("follow-up due after the period: %s", s)
	}
}

// Shown changes a value only where its rounding would cross a threshold.
func TestShown(t *testing.T) {
	for v, want := range map[float64]float64{0.89996: 0.899, 0.9996: 0.999, 0.84: 0.84, -3.0 / 31: -3.0 / 31, 1.2: 1.2, 0.10004: 0.101} {
		if got := Shown(v); !near(got, want) {
			t.Errorf("Shown(%v) = %v, want %v", v, got, want)
		}
	}
}

// A cancelled action (table 4's 状态 取消) is closed: never reminded as due
// or overdue, as page 1 and fupan actions already say.
func TestCancelledActionNotReminded(t *testing.T) {
	due := d(2025, 9, 10)
	for _, status := range []string{"取消", "已取消", "cancelled", "dropped", "已取消（预算冻结）"} {
		rv := &Review{Actions: []ActionRow{{Item: "发布流程", Due: due, Status: status}, {Item: "招聘", Due: due, Status: "进行中"}}}
		items := DueItems(rv, d(2025, 10, 8), 7)
		if len(items) != 1 || items[0].Text != "招聘" {
			t.Errorf("%s: reminders %+v, want only 招聘", status, items)
		}
	}
}
