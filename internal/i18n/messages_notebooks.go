package i18n

// notebookMessages are the texts that internal/nbgen writes into every
// notebook, besides the sources' own prose: the setup note above the header
// cell, the credits, the hints' introduction, the comment of the answer cell
// and the title of the expected outputs.
var notebookMessages = []Message{
	{ID: "notebook.header_note",
		Ja: "**最初に、次のセルを実行してください。** GoNB (Jupyter 用の Go カーネル) にこのリポジトリのモジュールを使わせる設定です (初めてのときだけ、ビルドに 1〜2 分かかります)。",
		En: "**Run the next cell first.** It points GoNB (the Go kernel for Jupyter) at this repository's module (the first time only, the build takes a minute or two)."},
	{ID: "notebook.credits",
		Ja: `**Neuromatch Academy 深層学習コース 第1週 第3日 チュートリアル 1「生物学的ニューラルネットワーク vs. 人工ニューラルネットワーク: 多層パーセプトロン」の Go 版**

- 原作: [Neuromatch Academy](https://neuromatch.io/) の [W1D3 Tutorial 1](https://github.com/NeuromatchAcademy/course-content-dl/blob/main/tutorials/W1D3_MultiLayerPerceptrons/student/W1D3_Tutorial1.ipynb)
- コンテンツ作成者: Arash Ash, Surya Ganguli
- コンテンツレビュアー: Saeed Salehi, Felix Bartsch, Yu-Fang Yang, Antoine De Comite, Melvin Selim Atay, Kelson Shilling-Scrivo
- コンテンツ編集者: Gagana B, Kelson Shilling-Scrivo, Spiros Chavlis
- 制作編集者: Anoop Kulkarni, Kelson Shilling-Scrivo, Gagana B, Spiros Chavlis
- Go 版 (GoMLX + GoNB): nma-go/mlp。本文は原作 (CC BY 4.0) をもとに新たに書き起こしたもので CC BY 4.0、コードは BSD-3-Clause です。`,
		En: `**The Go edition of Neuromatch Academy's Deep Learning course, Week 1 Day 3, Tutorial 1: "Biological vs. artificial neural networks: multilayer perceptrons"**

- Original: [W1D3 Tutorial 1](https://github.com/NeuromatchAcademy/course-content-dl/blob/main/tutorials/W1D3_MultiLayerPerceptrons/student/W1D3_Tutorial1.ipynb) of [Neuromatch Academy](https://neuromatch.io/)
- Content creators: Arash Ash, Surya Ganguli
- Content reviewers: Saeed Salehi, Felix Bartsch, Yu-Fang Yang, Antoine De Comite, Melvin Selim Atay, Kelson Shilling-Scrivo
- Content editors: Gagana B, Kelson Shilling-Scrivo, Spiros Chavlis
- Production editors: Anoop Kulkarni, Kelson Shilling-Scrivo, Gagana B, Spiros Chavlis
- Go edition (GoMLX + GoNB): nma-go/mlp. The text is written anew from the original (CC BY 4.0) and is CC BY 4.0; the code is BSD-3-Clause.`},
	{ID: "notebook.hints_intro",
		Ja: "**ヒント**: 行き詰まったら、1 から順に開いてください (`go run ./cmd/check -hint N` で表示されるヒントと同じです)。",
		En: "**Hints**: if you are stuck, open them in order, starting with 1 (the same hints as `go run ./cmd/check -lang en -hint N`)."},
	{ID: "notebook.answer_comment",
		Ja: "// %[1]s は、pkg/exercises/%[2]s に保存されているあなたの答えです。\n// コンパイルエラーの行番号はこのファイルのもので、演習セルでは 1 行下になります。",
		En: "// %[1]s is your answer, saved in pkg/exercises/%[2]s.\n// Compile errors give line numbers of that file: in the exercise cell, look one line lower."},
	{ID: "notebook.expected", Ja: "**出力例** (上のセルを実行すると、このように表示されます)", En: "**Expected output** (what the cell above shows when you run it)"},
	{ID: "notebook.expected_figure", Ja: "出力例の図: %[1]s", En: "expected figure: %[1]s"},
}
