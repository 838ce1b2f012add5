package fupan

// The words the quality rules (quality.go) take out of a text before they look
// at what is left. They are written in Simplified characters and lower case;
// a text is folded the same way (Simplify, whose vocabulary knows their
// Traditional forms: TestQualityWordsFold), and an English plural matches its
// singular.

// missWords restate a miss: a metric that is low, short, down, not reached.
var missWords = []string{
	"低", "偏低", "较低", "过低", "太低", "很低", "走低", "降低", "低于", "少", "偏少", "较少", "过少", "太少", "减少",
	"不足", "不够", "不多", "不高", "不佳", "不好", "不理想", "不如意", "不如预期", "不及预期", "不达预期", "未达预期",
	"未达", "未达到", "未达成", "未达标", "没达标", "没达到", "没有达到", "没达成", "不达标", "达不到", "不达",
	"未完成", "没完成", "没有完成", "完不成", "未实现", "没实现", "没有实现", "下降", "下滑", "下跌", "降", "跌",
	"滑坡", "萎缩", "差", "较差", "很差", "一般", "欠佳", "不行", "低迷", "疲软", "乏力", "落后", "不景气", "下行",
	"激烈", "加剧", "变化", "影响", "不到位", "不充分", "不畅", "不当", "不善", "不对", "不力", "紧张", "紧", "仓促",
	"有差距", "差距", "缺口", "慢", "欠缺", "缺乏", "缺少",
	"low", "lower", "lowest", "short", "shortfall", "miss", "missed", "below", "under", "underperform",
	"underperformed", "fell", "fall", "falling", "drop", "dropped", "decline", "declined", "decrease", "decreased",
	"down", "poor", "poorly", "bad", "badly", "weak", "weaker", "insufficient", "inadequate", "enough", "lack",
	"lacking", "lacked", "few", "fewer", "less", "lag", "lagging", "lagged", "behind", "slow", "slower",
	"unsatisfactory", "disappointing", "ideal", "good", "worse", "worst", "off", "fail", "failed", "reach",
	"reached", "meet", "met", "achieve", "achieved", "hit", "intense", "fierce", "tough", "difficult", "hard",
	"challenging", "sluggish", "soft", "flat", "stagnant", "properly", "well", "sufficient", "adequate",
	"effective", "ineffective", "changed", "change", "impact", "affected",
}

// genericCauses name a cause without saying what happened: the market, the
// economy, execution, "objective reasons".
var genericCauses = []string{
	"市场", "行情", "环境", "大环境", "经济", "竞争", "疫情", "天气", "季节", "季节性", "淡季", "执行", "执行力",
	"落实", "客观", "主观", "外部", "内部", "各种", "多种", "其他", "种种", "综合", "多方面", "方面", "因素", "原因",
	"问题", "个人", "自身", "历史", "重视", "努力", "投入", "资源", "人手", "人力", "时间", "准备", "沟通", "配合",
	"协调", "能力", "经验", "管理", "方法", "策略", "运气", "力度", "工作", "团队", "不详", "未知", "暂无", "待分析",
	"待查", "待确认", "待定", "待补充",
	"market", "competition", "competitive", "economy", "economic", "downturn", "environment", "pandemic", "covid",
	"weather", "season", "seasonal", "seasonality", "execution", "execute", "executed", "effort", "resource",
	"staff", "staffing", "time", "preparation", "prepared", "communication", "coordination", "capability",
	"ability", "experience", "management", "approach", "strategy", "luck", "factor", "reason", "cause", "issue",
	"problem", "objective", "subjective", "external", "internal", "various", "other", "many", "several",
	"multiple", "general", "team", "people", "focus", "attention", "place", "condition", "situation", "unknown",
	"tbd", "n/a", "none", "unclear",
}

// fillers carry no fact of their own: the measures a metric is named by,
// periods, connectives, degree words.
var fillers = []string{
	"的", "了", "很", "较", "太", "都", "也", "偏", "是", "有", "略", "稍", "受", "被", "所", "得", "比较", "相对", "非常",
	"十分", "严重", "明显", "大幅", "有所", "略有", "一些", "有些", "部分", "持续", "一直", "仍然", "依然", "还是",
	"导致", "造成", "致使", "引起", "因为", "由于", "因此", "所以", "源于", "主要", "整体", "总体", "全年", "全季",
	"本季度", "本季", "本月", "本期", "当月", "当季", "今年", "去年", "同期", "上期", "上月", "上季度", "环比", "同比",
	"相比", "对比", "目标", "指标", "任务", "计划", "预期", "预计", "结果", "效果", "成绩", "表现", "业绩", "情况",
	"数量", "数字", "数据", "水平", "销售额", "销售", "销量", "营收", "收入", "营业额", "业务", "客户数", "客户量",
	"新客户", "老客户", "客户", "订单", "单量", "回款", "利润", "毛利", "增长", "增速", "规模", "量", "额", "率", "值",
	"区域", "地区", "需要", "还需", "仍需", "有待", "大家", "kpi", "okr", "q1", "q2", "q3", "q4", "h1", "h2", "fy",
	"the", "a", "an", "our", "we", "us", "it", "its", "they", "their", "this", "that", "these", "those", "there",
	"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "did", "do", "does", "done", "not",
	"no", "nor", "than", "then", "to", "of", "in", "on", "at", "for", "by", "with", "and", "or", "as", "so", "too",
	"very", "quite", "rather", "somewhat", "slightly", "significantly", "much", "more", "most", "all", "overall",
	"total", "result", "performance", "number", "figure", "amount", "volume", "rate", "level", "sale", "revenue",
	"income", "order", "customer", "client", "deal", "growth", "quarter", "month", "year", "week", "period", "last",
	"previous", "compared", "because", "due", "caused", "since", "owing", "main", "mainly", "mostly", "generally",
	"still", "again", "also", "just", "only", "target", "goal", "plan", "planned", "expected", "expectation",
	"forecast", "didn't", "wasn't", "weren't", "isn't", "aren't", "don't", "doesn't", "couldn't", "vs", "versus",
	"ly", "yoy", "mom", "qoq", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec",
}

// praise says an achieved metric went well without saying what to repeat.
var praise = []string{
	"经验", "教训", "经验教训", "心得", "总结", "亮点", "成功经验", "效果", "很好", "好", "不错", "较好", "良好", "显著",
	"明显", "突出", "出色", "优秀", "棒", "满意", "顺利", "圆满", "成功", "达标", "达成", "完成", "超额", "实现",
	"超出", "超过", "超", "符合", "继续", "保持", "再接再厉", "发扬", "努力", "辛苦", "付出", "用心", "认真", "给力",
	"团队", "大家", "全员", "全体", "同事", "同事们", "值得", "表扬", "肯定", "点赞", "势头", "状态", "干劲", "发挥",
	"正常", "稳定", "无", "暂无", "没有", "不详", "同上", "见上", "待补充", "待定", "佳绩", "取得", "获得", "做得",
	"做的", "干得", "提升", "上升", "提高", "增加", "多", "高", "大", "协作", "齐心协力", "齐心", "合力", "再创",
	"experience", "lesson", "learned", "learnt", "learning", "takeaway", "what worked", "insight", "good", "great",
	"excellent", "nice", "outstanding", "strong", "solid", "fine", "ok", "okay", "well", "job", "work", "worked",
	"working", "hard", "effort", "teamwork", "team", "everyone", "everybody", "thanks", "thank", "achieved", "met",
	"exceeded", "beat", "reached", "hit", "success", "successful", "succeeded", "keep", "up", "continue",
	"maintain", "momentum", "going", "none", "n/a", "na", "nil", "tbd", "nothing", "same", "above", "see",
	"positive", "happy", "proud", "congratulations", "kudos", "awesome", "amazing", "impressive", "next", "time",
	"special", "particular", "what", "doing", "usual", "thing", "按计划", "执行", "落实", "到位", "默契",
}

// measurableWords make an acceptance criterion checkable without a digit:
// dates in words and deliverables one can hand over.
var measurable = []string{
	"月底", "月末", "月初", "月中", "年底", "年末", "年初", "年中", "季末", "季度末", "季初", "上旬", "中旬", "下旬",
	"周一", "周二", "周三", "周四", "周五", "周六", "周日", "星期", "本周", "下周", "本月", "下月", "本季度", "下季度",
	"春节", "国庆", "节前", "年前",
	"方案", "报告", "手册", "制度", "规范", "流程", "指南", "清单", "合同", "协议", "文档", "模板", "系统", "看板",
	"报表", "名单", "白皮书", "案例", "课程", "课件", "教材", "题库", "工具包", "话术", "脚本", "落地页", "小程序",
	"官网", "网站", "海报", "视频", "周报", "月报", "纪要",
	"january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
	"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"by may", "in may", "before may", "end of may", "until may", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "end of the month", "end of month", "end of the quarter", "end of quarter",
	"end of the year", "end of year", "next week", "next month", "next quarter", "this week", "this month",
	"this quarter", "eom", "eoq", "year-end", "month-end", "quarter-end",
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	"twenty", "thirty", "fifty", "hundred", "thousand", "double", "twice", "half", "dozen",
	"report", "proposal", "playbook", "handbook", "manual", "guide", "guideline", "checklist", "contract",
	"agreement", "template", "dashboard", "document", "documentation", "policy", "procedure", "spec",
	"specification", "landing page", "website", "app", "course", "deck", "script", "case study", "sop", "crm",
	"faq", "database", "ppt", "erp", "mvp", "poc", "demo",
}

var (
	surfaceWords    = newPhraseSet(missWords, genericCauses, fillers)
	praiseWords     = newPhraseSet(praise, fillers)
	measurableWords = newPhraseSet(measurable)
)
