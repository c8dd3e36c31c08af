package i18n

// siteMessages are the texts of the static site's own pages (internal/site):
// the index page of each language, the navigation bar of every section's
// page, the language switch and the landing page that offers both languages.
// A message may hold code spans between backquotes and links written as
// [text](URL); internal/site turns them into HTML.
var siteMessages = []Message{
	{ID: "site.read_in", Ja: "日本語で読む", En: "Read in English"},
	{ID: "site.title", Ja: "多層パーセプトロン (MLP)", En: "Multilayer perceptrons (MLP)"},
	{ID: "site.subtitle",
		Ja: "Neuromatch Academy 深層学習コース W1D3 チュートリアル 1 の Go 版",
		En: "The Go edition of Neuromatch Academy's Deep Learning course, W1D3 Tutorial 1"},
	{ID: "site.intro",
		Ja: "Go の機械学習フレームワーク GoMLX と Jupyter 用の Go カーネル GoNB で書き直した、多層パーセプトロンのチュートリアルです。このサイトは解答入りのノートブック (講師用) をすべて実行した結果で、図もページに埋め込まれています。ネットワークにつながっていなくても、ブラウザでそのまま読めます。",
		En: "A tutorial on multilayer perceptrons, rewritten with GoMLX, a machine-learning framework for Go, and GoNB, a Go kernel for Jupyter. These pages are the instructor notebooks (with the solutions) after a full run, with every figure embedded: a browser reads them as they are, with or without a network."},
	{ID: "site.in_order", Ja: "上から順に読んでください。", En: "Read the sections in order, from the top."},
	{ID: "site.try_it",
		Ja: "コードを自分で動かしたり演習を解いたりするには、リポジトリを取得して Jupyter で `notebooks/ja/student/` のノートブックを開いてください (手順は README にあります)。ボーナスのスライダーはブラウザの Jupyter でだけ動くので、このサイトでは代わりに静的な図を載せています。",
		En: "To run the code yourself and solve the exercises, get the repository and open the notebooks in `notebooks/en/student/` in Jupyter (README.en.md says how). The bonus section's sliders work only in Jupyter in a browser, so this site shows a static figure in their place."},
	{ID: "site.credits",
		Ja: "原作: [Neuromatch Academy](https://neuromatch.io/) の W1D3 Tutorial 1 (CC BY 4.0)。Go 版の本文は CC BY 4.0、コードは BSD-3-Clause です。このサイトは `go run ./cmd/tutorial site -out site/` で作られました。",
		En: "Original: W1D3 Tutorial 1 of [Neuromatch Academy](https://neuromatch.io/) (CC BY 4.0). The Go edition's text is CC BY 4.0 and its code BSD-3-Clause. This site was built with `go run ./cmd/tutorial site -out site/`."},
	{ID: "site.contents", Ja: "目次", En: "Contents"},
	{ID: "site.other_language", Ja: "このページの日本語版", En: "This page in English"},
}
