package checks

import (
	"fmt"
	"math/rand"
	"slices"
	"time"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2.3 (REFERENCE.md): 4000 spiral samples split
// into 800 test and 3200 training samples.
const (
	splitReferenceN     = 4000
	splitReferenceTest  = 800
	splitReferenceTrain = 3200
	splitNumClasses     = 4
)

// ShuffleAndSplitData checks an implementation of Exercise 2.3.
//
// On 4000 samples and on a random size drawn now, it checks the sizes
// (800/3200 for 4000), that test and training sets are disjoint and together
// a permutation of the input with every x still paired with its y, that the
// same seed gives the same split, and that another seed gives another split.
func ShuffleAndSplitData(fn tutorial.ShuffleAndSplitFn) Result {
	return checkShuffleAndSplit(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

// identifiableDataset has n samples whose features name the sample: row i is
// (i, -i - 0.5) with label i mod K, so the check can trace every row.
func identifiableDataset(n int) *tutorial.Dataset {
	d := &tutorial.Dataset{X: make([]float32, 2*n), Y: make([]int32, n), NumFeatures: 2, NumClasses: splitNumClasses}
	for i := range n {
		d.X[2*i], d.X[2*i+1] = float32(i), -float32(i)-0.5
		d.Y[i] = int32(i % splitNumClasses)
	}
	return d
}

func checkShuffleAndSplit(fn tutorial.ShuffleAndSplitFn, rng *rand.Rand) Result {
	const id = "2.3"
	hints := Lookup(id).Hints
	return protect(id, func() Result {
		sizes := []int{splitReferenceN, 10 + rng.Intn(2000)}
		for _, n := range sizes {
			data := identifiableDataset(n)
			seed := rng.Int63n(1 << 31)
			input := fmt.Sprintf("N=%d のデータ (seed=%d)", n, seed)
			test, train, err := tutorial.RunShuffleAndSplit(fn, data, seed)
			if err != nil {
				return fromRunError(id, input, err, hints[0])
			}
			wantTest := tutorial.TestSize(n)
			if n == splitReferenceN && (test.Len() != splitReferenceTest || train.Len() != splitReferenceTrain) {
				return failure(id, fmt.Sprintf("入力 %s で、テスト/訓練の大きさの期待値は %d/%d ですが、%d/%d でした。",
					input, splitReferenceTest, splitReferenceTrain, test.Len(), train.Len()), hints[1])
			}
			if r, ok := checkSplitIsPermutation(id, input, test, train, n, wantTest); !ok {
				return r
			}
			again, _, err := tutorial.RunShuffleAndSplit(fn, data, seed)
			if err != nil {
				return fromRunError(id, input, err, hints[0])
			}
			if !slices.Equal(again.Y, test.Y) || !slices.Equal(again.X, test.X) {
				return failure(id, fmt.Sprintf("入力 %s で、同じ seed で 2 回実行するとテストセットが異なりました。同じ seed なら同じ分割になるはずです。", input), hints[0])
			}
			other, _, err := tutorial.RunShuffleAndSplit(fn, data, seed+1)
			if err != nil {
				return fromRunError(id, input, err, hints[0])
			}
			if slices.Equal(other.X, test.X) {
				return failure(id, fmt.Sprintf("入力 %s で、seed=%d と seed=%d のテストセットが同じでした。seed を使ってシャッフルしていますか?", input, seed, seed+1), hints[0])
			}
		}
		return Result{ExerciseID: id, Status: Pass,
			Message: fmt.Sprintf("N=%d (テスト %d / 訓練 %d) とランダムな N=%d で、分割の大きさ・重複のなさ・x と y の対応・seed による再現性を確認しました。",
				splitReferenceN, splitReferenceTest, splitReferenceTrain, sizes[1])}
	})
}

// checkSplitIsPermutation checks the sizes, that every input row appears
// exactly once across both sets, and that x and y stayed paired.
func checkSplitIsPermutation(id, input string, test, train *tutorial.Dataset, n, wantTest int) (Result, bool) {
	hints := Lookup(id).Hints
	if test.Len() != wantTest || train.Len() != n-wantTest {
		return failure(id, fmt.Sprintf("入力 %s で、テスト/訓練の大きさの期待値は %d/%d (int(0.2*N) がテスト) ですが、%d/%d でした。",
			input, wantTest, n-wantTest, test.Len(), train.Len()), hints[1]), false
	}
	seen := make([]bool, n)
	for _, part := range []struct {
		name string
		d    *tutorial.Dataset
	}{{"テストセット", test}, {"訓練セット", train}} {
		for i := range part.d.Len() {
			row := part.d.Row(i)
			idx := int(row[0])
			if float32(idx) != row[0] || idx < 0 || idx >= n || row[1] != -row[0]-0.5 {
				return failure(id, fmt.Sprintf("入力 %s で、%s の %d 行目 %v は入力のどの行とも一致しません。X の行をまるごと並べ替えてください。",
					input, part.name, i, row), hints[0]), false
			}
			if seen[idx] {
				return failure(id, fmt.Sprintf("入力 %s で、入力の %d 行目が 2 回現れました (%s の %d 行目)。テストと訓練は重ならず、全体で入力の並べ替えになるはずです。",
					input, idx, part.name, i), hints[0]), false
			}
			seen[idx] = true
			if want := int32(idx % splitNumClasses); part.d.Y[i] != want {
				return failure(id, fmt.Sprintf("入力 %s で、%s の %d 行目 (入力の %d 行目) のラベルの期待値は %d ですが、%d でした。X と y を同じ順番で並べ替えてください。",
					input, part.name, i, idx, want, part.d.Y[i]), hints[0]), false
			}
		}
	}
	return Result{}, true
}
