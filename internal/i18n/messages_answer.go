package i18n

// answerMessages are the messages of cmd/answer, the command that an
// exercise cell's %%script line runs to save the cell into pkg/exercises,
// and of internal/answers's syntax errors, which it prints.
var answerMessages = []Message{
	{ID: "tool.answer.usage",
		Ja: "使い方: go run ./cmd/answer -stub HASH[,HASH...] pkg/exercises/FILE.go < CELL",
		En: "usage: go run ./cmd/answer -stub HASH[,HASH...] pkg/exercises/FILE.go < CELL"},

	// What the command did with the cell (answers.Outcome); %[1]s is the
	// file, as pkg/exercises/FILE.go.
	{ID: "tool.answer.wrote", Ja: "💾 このセルの答えを %[1]s に保存しました。", En: "💾 Saved this cell's answer to %[1]s."},
	{ID: "tool.answer.unchanged", Ja: "%[1]s はこのセルと同じ内容です。", En: "%[1]s is the same as this cell."},
	{ID: "tool.answer.kept_edited",
		Ja: "⚠️ %[1]s はエディタで編集されていて、このセルが最後に保存した内容とは違うので、上書きしませんでした。" +
			"このあとのセルは %[1]s の答えを使います。このセルの答えを使いたいときは、%[1]s を削除してから、このセルをもう一度実行してください。",
		En: "⚠️ %[1]s was edited in an editor and differs from what this cell saved last, so it was not overwritten. " +
			"The cells below use the answer in %[1]s. To use this cell's answer instead, delete %[1]s, then run this cell again."},
	{ID: "tool.answer.kept_answer",
		Ja: "%[1]s にはすでに答えが書かれているので、TODO のままのこのセルでは上書きしませんでした。このあとのセルは %[1]s の答えを使います。",
		En: "%[1]s already holds an answer, so this cell, still with its TODOs, did not overwrite it. The cells below use the answer in %[1]s."},
	{ID: "tool.answer.syntax_error",
		Ja: "❌ セルに文法の誤りがあるので、%[1]s には保存しませんでした (前の内容のままです)。",
		En: "❌ The cell has a syntax error, so it was not saved to %[1]s (the file is as it was)."},

	// The entries of answers.SyntaxError.Errors.
	// %[2]s is the parser's own words, quoted as code.
	{ID: "tool.answer.syntax.line", Ja: "セルの %[1]d 行目: `%[2]s`", En: "line %[1]d of the cell: `%[2]s`"},
	{ID: "tool.answer.syntax.more", Ja: "ほか %[1]d 件", En: "and %[1]d more"},
	{ID: "tool.answer.syntax.package",
		Ja: "セルの %[1]d 行目: package %[2]s を package %[3]s に戻してください",
		En: "line %[1]d of the cell: change package %[2]s back to package %[3]s"},
}
