package checks

import (
	"math/rand"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/exercises"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func TestMLPForwardSolutionPasses(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		r := checkMLPForward(solutions.MLPForward, rand.New(rand.NewSource(seed)))
		require.Equal(t, Pass, r.Status, "seed %d: %s", seed, r)
	}
	r := MLPForward(solutions.MLPForward)
	assert.Equal(t, Pass, r.Status, r.String())
	assert.Contains(t, r.String(), "✅ 演習 2 (汎用的な MLP)")
	assert.Contains(t, r.Message, "1371")
}

func TestMLPForwardStub(t *testing.T) {
	r := MLPForward(exercises.MLPForward)
	if !studentFilesArePristine() && r.Status == Pass {
		t.Skip("pkg/exercises has been solved locally; the stub behaviour is checked in CI")
	}
	assert.Equal(t, NotImplemented, r.Status, r.String())
	assert.Contains(t, r.String(), "まだ実装されていません")
	assert.Equal(t, "TODO の部分を埋めてください。まだ TODO のままの部分: Linear_0 (2 -> 100 の全結合層)。", r.Message)
}

// GoMLX's own layers.Dense (He initialisation, weights [in, out]) in the
// expected scopes is a valid answer too.
func TestMLPForwardAcceptsLayersDense(t *testing.T) {
	dense := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		for i, out := range net.HiddenUnitNums {
			x = net.Activation.Apply(layers.Dense(scope.In("Linear_%d", i), x, true, out))
		}
		return layers.Dense(scope.In("Output_Linear"), x, true, net.OutputFeatureNum)
	}
	r := checkMLPForward(dense, rand.New(rand.NewSource(3)))
	assert.Equal(t, Pass, r.Status, r.String())
}

func TestMLPForwardCatchesMistakes(t *testing.T) {
	noActivation := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		in := net.InputFeatureNum
		for i, out := range net.HiddenUnitNums {
			x = tutorial.Linear(scope.In("Linear_%d", i), x, in, out)
			in = out
		}
		return tutorial.Linear(scope.In("Output_Linear"), x, in, net.OutputFeatureNum)
	}
	activatedOutput := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		return net.Activation.Apply(solutions.MLPForward(net, scope, x))
	}
	fixedActivation := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		// Always ReLU, whatever the net asks for.
		relu := tutorial.MustParseActivation("ReLU()")
		in := net.InputFeatureNum
		for i, out := range net.HiddenUnitNums {
			x = relu.Apply(tutorial.Linear(scope.In("Linear_%d", i), x, in, out))
			in = out
		}
		return tutorial.Linear(scope.In("Output_Linear"), x, in, net.OutputFeatureNum)
	}
	noOutputLayer := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		in := net.InputFeatureNum
		for i, out := range net.HiddenUnitNums {
			x = net.Activation.Apply(tutorial.Linear(scope.In("Linear_%d", i), x, in, out))
			in = out
		}
		return x
	}
	onlyOutputLayer := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		return tutorial.Linear(scope.In("Output_Linear"), x, net.InputFeatureNum, net.OutputFeatureNum)
	}
	wrongScopeNames := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		in := net.InputFeatureNum
		for i, out := range net.HiddenUnitNums {
			x = net.Activation.Apply(tutorial.Linear(scope.In("layer%d", i), x, in, out))
			in = out
		}
		return tutorial.Linear(scope.In("output"), x, in, net.OutputFeatureNum)
	}
	wrongInputSize := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		// Forgets to update inNum after each layer.
		in := net.InputFeatureNum
		for i, out := range net.HiddenUnitNums {
			x = net.Activation.Apply(tutorial.Linear(scope.In("Linear_%d", i), x, in, out))
		}
		return tutorial.Linear(scope.In("Output_Linear"), x, in, net.OutputFeatureNum)
	}
	panics := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { panic("boom") }
	tests := []struct {
		name     string
		fn       tutorial.MLPForwardFn
		contains []string
	}{
		{"no activation", noActivation, []string{"不合格", "活性化関数を適用しない場合の値と一致", "ヒント", "net.Activation.Apply"}},
		{"activation after the output layer", activatedOutput, []string{"不合格", "出力層のあとにも活性化関数"}},
		{"always ReLU", fixedActivation, []string{"不合格", "期待値", "LeakyReLU"}},
		{"no output layer", noOutputLayer, []string{"不合格", "logits の形状が [100, 5] です。期待される形状は [100, 1] です。"}},
		{"only the output layer", onlyOutputLayer, []string{"不合格", "パラメータ数の期待値は 1371 ですが、3 でした", "/Output_Linear/dense/weights [1 2]"}},
		{"wrong scope names", wrongScopeNames, []string{"不合格", "層 Linear_0 の変数 /Linear_0/dense/{weights,biases} がモデルにありません", "/layer0/dense/weights"}},
		{"wrong input size", wrongInputSize, []string{"不合格",
			"実行に失敗しました: tutorial.Linear (スコープ /Linear_1) の入力 x の形状が [100, 100] ですが、inFeatures=2 なので [batch, 2] のはずです。", "inNum = outNum"}},
		{"panics", panics, []string{"不合格", "boom"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkMLPForward(tc.fn, rand.New(rand.NewSource(5)))
			require.Equal(t, Fail, r.Status, r.String())
			for _, s := range tc.contains {
				assert.Contains(t, r.String(), s)
			}
		})
	}
}

func TestActivationFloat64CoversEveryActivation(t *testing.T) {
	for _, spec := range tutorial.AcceptedActivations() {
		a := tutorial.MustParseActivation(spec)
		assert.NotPanics(t, func() { activationFloat64(a)(0.5) }, spec)
	}
}
