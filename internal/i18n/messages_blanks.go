package i18n

// blankMessages name the TODO blanks of the exercises' stubs
// (pkg/exercises): each stub passes tutorial.Blank(ID, args...) to
// tutorial.TODO, and the core prints the name in the student's language when
// the blank is reached. A name starts with the blank's identifier, which is code and the same in both
// languages, followed by what it stands for in parentheses. The English texts
// are the names the stubs wrote before there was a catalog, which students'
// saved answers still pass as plain strings (tutorial reads those as the
// messages they match).
var blankMessages = []Message{
	// Exercise 1 (pkg/exercises/relu_approx.go).
	{ID: "blank.relu.biases", Ja: "b (ReLU のバイアス)", En: "b (the ReLU biases)"},
	{ID: "blank.relu.weight", Ja: "weights[i] (ReLU i の重み)", En: "weights[i] (the weight of ReLU i)"},
	{ID: "blank.relu.yhat", Ja: "yHat (ReLU の活性化の重み付き和)", En: "yHat (the weighted sum of the ReLUs)"},

	// Exercise 2 (pkg/exercises/mlp.go): the layer's index and sizes, and the
	// activation's specification.
	{ID: "blank.mlp.hidden_linear", Ja: "Linear_%[1]d (%[2]d -> %[3]d の全結合層)", En: "Linear_%[1]d (a dense layer %[2]d -> %[3]d)"},
	{ID: "blank.mlp.activation", Ja: "Activation_%[1]d (活性化関数 %[2]s)", En: "Activation_%[1]d (%[2]s)"},
	{ID: "blank.mlp.output_linear", Ja: "Output_Linear (%[1]d -> %[2]d の全結合層)", En: "Output_Linear (a dense layer %[1]d -> %[2]d)"},

	// Exercise 2.1 (pkg/exercises/crossentropy.go).
	{ID: "blank.ce.x_of_labels", Ja: "xOfLabels (各サンプルの x[i, labels_i])", En: "xOfLabels (x[i, labels_i] for every sample)"},
	{ID: "blank.ce.losses", Ja: "losses (損失ベクトル)", En: "losses (the loss vector)"},
	{ID: "blank.ce.avg_loss", Ja: "avgLoss (損失の平均)", En: "avgLoss (the mean of the losses)"},

	// Exercise 2.3 (pkg/exercises/split.go).
	{ID: "blank.split.shuffled_indices", Ja: "shuffledIndices (N 個のインデックスのランダムな並べ替え)", En: "shuffledIndices (a random permutation of the N indices)"},
	{ID: "blank.split.test_size", Ja: "testSize (N 個のサンプルの 20%%)", En: "testSize (20%% of the N samples)"},
}
