package checks

import (
	"crypto/sha256"
	"encoding/hex"
)

// englishExercises are the exercises' titles and hints in English, by ID;
// the Japanese ones are in [Registry]. Each records in From the
// fingerprint ([japaneseFingerprint]) of the Japanese text it translates:
// TestEveryExerciseHasEnglishText fails when an exercise lacks its English
// title or a hint, and when the Japanese changed after the translation.
var englishExercises = map[ExerciseID]exerciseText{
	ApproximateFunctionID: {
		Title: "Function approximation with ReLUs",
		Hints: Hints{
			Gentle: "Make ReLU i bend at the training point xTrain[i]: find the b_i for which relu(x + b_i) starts rising from 0 at x = xTrain[i] (the last point is not used). " +
				"Choose the weights so that adding ReLU i makes the slope to the right of xTrain[i] equal to the slope of interval i, slope.",
			Pointed: "b_i = -xTrain[i]: take the first numRelus points with Slice(xTrain, AxisRange(0, numRelus)) and flip their sign with Neg. " +
				"To the left of xTrain[i], the earlier ReLUs already make the slope prevSlope, so the weight of ReLU i is the difference between slope and prevSlope.",
			Explicit: "weights[i] = Sub(slope, prevSlope). yHat is the weighted sum of the ReLU activations, that is, a dot product: " +
				"Dot(combinationWeights, reluActs).Product() (shapes [numRelus] and [numRelus, 1000] give [1000]).",
		},
		From: "cdd0509188b1",
	},
	MLPForwardID: {
		Title: "A general MLP",
		Hints: Hints{
			Gentle: "For each hidden layer, apply a dense layer and then the activation function to x; at the end, apply the output layer (without an activation). " +
				"The input size of the next layer is the output size of the current one (inNum = outNum in the loop).",
			Pointed: "tutorial.Linear(scope, x, inputSize, outputSize) makes a dense layer (like nn.Linear(in_num, out_num)). " +
				"Give each layer a scope of its own, scope.In(\"Linear_%d\", i). Apply the activation function to x with the Apply method of net.Activation.",
			Explicit: "x = tutorial.Linear(scope.In(\"Linear_%d\", i), x, inNum, outNum), then x = net.Activation.Apply(x). " +
				"The output layer is logits := tutorial.Linear(scope.In(\"Output_Linear\"), x, inNum, net.OutputFeatureNum).",
		},
		From: "8e7ffea9e4e9",
	},
	CrossEntropyLossID: {
		Title: "Cross-entropy loss of a batch",
		Hints: Hints{
			Gentle: "First take each sample's prediction for its correct label, x[i, labels_i] (shape [N]). " +
				"Multiplying x by a one-hot encoding (1 for the correct class, 0 elsewhere) and summing over the class axis picks them out without a loop. " +
				"The loss vector is the formula's log(Σ_j exp(x[i, j])) minus xOfLabels.",
			Pointed: "OneHot(labels, x.Shape().Dim(-1), x.DType()) is the one-hot encoding. Multiply it with x using Mul, and sum over the class axis with ReduceSum(..., -1). " +
				"The loss vector takes Exp, ReduceSum(..., -1), Log and Sub. The mean is ReduceAllMean.",
			Explicit: "losses := Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels) and avgLoss := ReduceAllMean(losses). " +
				"Exp overflows when x is large; it stays stable if you subtract each row's maximum m := ReduceAndKeep(x, ReduceMax, -1) before Exp (Exp(Sub(x, m))) " +
				"and add m back after Log (the log-sum-exp trick).",
		},
		From: "5c5e88d135cd",
	},
	ShuffleAndSplitDataID: {
		Title: "Shuffling the data and splitting it into training and test sets",
		Hints: Hints{
			Gentle: "shuffledIndices is a permutation of the numbers 0 to N-1. It comes from a random generator seeded with seed, so the same seed gives the same permutation. " +
				"The size of the test set, testSize, is 20% of N, as an integer.",
			Pointed: "The Perm method of the generator rand.New(rand.NewSource(seed)), given the number of elements, returns the permutation (like torch.randperm). " +
				"Round 20% down, as the original does: 800 for N = 4000.",
			Explicit: "shuffledIndices := rand.New(rand.NewSource(seed)).Perm(N) and testSize := int(0.2 * float64(N)) (rounded down, like the original's int(0.2 * N)).",
		},
		From: "3d713e910f95",
	},
}

// japaneseFingerprint identifies an exercise's Japanese title and hints, so
// that a test notices when they change after their English translation.
func japaneseFingerprint(e Exercise) string {
	h := sha256.New()
	for _, s := range []string{e.Title, e.Hints.Gentle, e.Hints.Pointed, e.Hints.Explicit} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
