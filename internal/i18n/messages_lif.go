package i18n

// lifMessages are the texts of the bonus section's slider demo (pkg/lif):
// why it draws the static figure instead of the sliders, its status line,
// and the summary it leaves when it ends.
var lifMessages = []Message{
	// Why the sliders run or not (lif.DemoReason).
	{ID: "lif.reason.interactive",
		Ja: "ブラウザのノートブックから実行されているので、スライダーを表示します。",
		En: "The notebook runs in a browser, so here are the sliders."},
	{ID: "lif.reason.not_notebook",
		Ja: "GoNB のノートブックの外で実行されているので、スライダーの代わりに静的な図を描きます。",
		En: "This runs outside a GoNB notebook, so a static figure is drawn instead of the sliders."},
	{ID: "lif.reason.disabled",
		Ja: "環境変数 %[1]s が設定されているので、スライダーの代わりに静的な図を描きます。",
		En: "The environment variable %[1]s is set, so a static figure is drawn instead of the sliders."},
	{ID: "lif.reason.no_server",
		Ja: "ブラウザのないヘッドレス実行 (nbconvert や CI) なので、スライダーの代わりに静的な図を描きます。スライダーは Jupyter をブラウザで開いて実行すると動きます。",
		En: "This is a headless run without a browser (nbconvert or CI), so a static figure is drawn instead of the sliders. The sliders work when you open the notebook in Jupyter in a browser and run it."},
	{ID: "lif.reason.no_front_end",
		Ja: "ブラウザのページから応答がなかったので、スライダーの代わりに静的な図を描きます。ノートブックをブラウザで開いてからセルを実行し直してください。",
		En: "No browser page answered, so a static figure is drawn instead of the sliders. Open the notebook in a browser, then run the cell again."},

	// The widget loop: its status line, and the summary that replaces the
	// sliders when it ends (lif.end with one of the lif.end.* reasons).
	{ID: "lif.status",
		Ja: "スライダーを動かすと曲線が描き直されます。終わったら Done を押してください (%[1]s操作がないと自動で終了します)。",
		En: "Move a slider and the curve is redrawn. Press Done when you are finished (the demo ends by itself after %[1]s without input)."},
	{ID: "lif.end",
		Ja: "%[1]sので、デモを終了しました。最後の設定: R<sub>m</sub> = %[2]s kΩ, τ<sub>ref</sub> = %[3]s ms。もう一度試すには、セルを実行し直してください。",
		En: "%[1]s, so the demo has ended. Last setting: R<sub>m</sub> = %[2]s kΩ, τ<sub>ref</sub> = %[3]s ms. To try again, run the cell again."},
	{ID: "lif.end.done", Ja: "Done が押された", En: "You pressed Done"},
	{ID: "lif.end.idle", Ja: "%[1]s操作がなかった", En: "Nothing moved for %[1]s"},
	{ID: "lif.end.interrupted", Ja: "中断された", En: "The cell was interrupted"},

	// Durations, in whole minutes or seconds.
	{ID: "lif.duration.minute", Ja: "1 分間", En: "1 minute"},
	{ID: "lif.duration.minutes", Ja: "%[1]d 分間", En: "%[1]d minutes"},
	{ID: "lif.duration.second", Ja: "1 秒間", En: "1 second"},
	{ID: "lif.duration.seconds", Ja: "%[1]d 秒間", En: "%[1]d seconds"},
}
