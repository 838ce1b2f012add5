package value

// ruleWordPairs are the Traditional characters of the review-quality rules'
// words (fupan's quality_words.go) and of their catalogue texts, each followed
// by its Simplified form, as OpenCC's s2t, s2tw and s2hk write them
// (TestQualityWordsFold and TestCatalogueFolds list what is missing).
const ruleWordPairs = "" +
	"倉仓冊册創创劇剧勁劲厲厉嚴严國国夠够慶庆揚扬揮挥暢畅書书氣气減减溝沟潤润濟济爭争爲为穩稳競竞紀纪給给統统綜综" +
	"網网緊紧縮缩繼继腳脚術术規规視视話话詳详認认課课贊赞軟软頻频顯显齊齐帶带賣卖僅仅"

// ruleWordFoldOnly fold like foldOnlyPairs: 干 is written in Traditional too
// (若干, 干涉), so it is no evidence of Simplified.
const ruleWordFoldOnly = "幹干"
