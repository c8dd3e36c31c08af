package i18n

// toolMessages are the messages of the commands: cmd/check's report.
var toolMessages = []Message{
	{ID: "tool.check.usage",
		Ja: "使い方: go run ./cmd/check [-hint N] [-exercise ID] [-watch] [-json] [-lang ja|en] [NOTEBOOK.ipynb ...]",
		En: "usage: go run ./cmd/check [-hint N] [-exercise ID] [-watch] [-json] [-lang ja|en] [NOTEBOOK.ipynb ...]"},
	{ID: "tool.check.no_exercise", Ja: "演習 %[1]q はありません", En: "there is no exercise %[1]q"},
	{ID: "tool.check.not_gradable", Ja: "演習 %[1]s はこのリポジトリではまだ採点できません", En: "exercise %[1]s cannot be graded in this repository yet"},
	{ID: "tool.check.progress", Ja: "進み具合: %[1]d/%[2]d 問合格 %[3]s", En: "Progress: %[1]d/%[2]d exercises passed %[3]s"},
	{ID: "tool.check.line.pass", Ja: "✅ %-8[1]s %[2]s: 合格", En: "✅ %-12[1]s %[2]s: passed"},
	{ID: "tool.check.line.not_implemented", Ja: "⏳ %-8[1]s %[2]s: 未着手", En: "⏳ %-12[1]s %[2]s: not started"},
	{ID: "tool.check.line.fail", Ja: "❌ %-8[1]s %[2]s: 不合格", En: "❌ %-12[1]s %[2]s: failed"},
	{ID: "tool.check.check_hint", Ja: "チェックからのヒント: %[1]s", En: "Hint from the check: %[1]s"},
	{ID: "tool.check.all_passed", Ja: "🎉 すべての演習に合格しました!", En: "🎉 You passed every exercise!"},
	{ID: "tool.check.next",
		Ja: "次の演習: %[1]s (%[2]s)、関数 %[3]s (pkg/exercises/%[4]s またはノートブックの演習セル)",
		En: "Next exercise: %[1]s (%[2]s), the function %[3]s (in pkg/exercises/%[4]s or the notebook's exercise cell)"},
	{ID: "tool.check.more_hints", Ja: "もっとヒントを見るには: go run ./cmd/check -hint %[1]d", En: "For more hints: go run ./cmd/check -lang en -hint %[1]d"},
	{ID: "tool.check.watching", Ja: "👀 %[1]s 保存されるたびにもう一度チェックします (Ctrl+C で終了)。", En: "👀 %[1]s Checking again on every save (Ctrl+C to stop)."},
}

// tutorialMessages are the messages of the core's notebook helpers
// (pkg/tutorial).
var tutorialMessages = []Message{
	{ID: "tutorial.finish_first", Ja: "⏳ まず %[1]s を完成させてください (%[2]s)。", En: "⏳ Finish %[1]s first (%[2]s)."},
	{ID: "tutorial.finish_first_any", Ja: "⏳ まず演習を完成させてください。", En: "⏳ Finish the exercise first."},
	{ID: "tutorial.panic_site", Ja: "%[1]s の %[2]d 行目", En: "line %[2]d of %[1]s"},
}
