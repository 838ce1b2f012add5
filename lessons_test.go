package fupan

import "testing"

// Two lessons are one theme where they speak of the same metric, are of the
// same kind, and their texts share most character pairs; a theme of several
// teams comes first.
func TestThemes(t *testing.T) {
	l := func(team, metric, text string) Lesson {
		return Lesson{Team: team, TeamKey: team, Metric: metric, MetricKey: matchKey(metric), Text: text, Kind: LessonKind(text, StatusMissed)}
	}
	lessons := []Lesson{
		l("华东", "新客户获取量", "教训:地推活动客群画像需更精准,需提前做小范围测试"),
		l("华北", "新客户获取量", "教训：地推活动的客群画像要更精准，先做小范围测试"),
		l("华南", "新客户获取量", "教训:线上素材需增加用户证言"),     // same metric, other theme
		l("华南", "华东销售额", "教训:地推活动客群画像需更精准"),     // same text, other metric
		l("西南", "新客户获取量", "经验:地推活动客群画像精准,转化翻倍"), // same words, other kind
	}
	if got := dice(bigrams(lessonBody(lessons[0].Text)), bigrams(lessonBody(lessons[1].Text))); got < ThemeSimilarity {
		t.Fatalf("the two phrasings score %.2f, under %.2f", got, ThemeSimilarity)
	}
	themes := Themes(lessons)
	if len(themes) != 4 {
		t.Fatalf("%d themes, want 4: %+v", len(themes), themes)
	}
	if themes[0].Teams != 2 || len(themes[0].Lessons) != 2 || themes[0].Metric != "新客户获取量" {
		t.Errorf("the recurring theme is not first: %+v", themes[0])
	}
	for _, th := range themes[1:] {
		if th.Teams != 1 {
			t.Errorf("theme %+v joins lessons that differ", th)
		}
	}
	if LessonKind("经验:分层运营可复制", StatusMissed) != LessonExperience || LessonKind("渠道单一", StatusAchieved) != LessonExperience ||
		LessonKind("Lesson: test small first", StatusAchieved) != LessonAvoid || LessonKind("渠道单一", StatusClose) != LessonAvoid {
		t.Error("LessonKind")
	}
}
