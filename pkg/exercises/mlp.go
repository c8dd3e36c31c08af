package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2

// MLPForward は、net が表す MLP の層を作り、x に順に適用します (演習 2)。
// 隠れ層ごとに全結合層と活性化関数、最後に出力層の全結合層です。
// MLPForward builds the layers of the MLP that net describes and applies
// them to x in turn (Exercise 2): a dense layer and the activation function
// for each hidden layer, then the dense output layer.
//
// x の形状は [batch, net.InputFeatureNum] (中核ライブラリが平らにしてあります)。
// 返すロジットの形状は [batch, net.OutputFeatureNum] です。チェックはモデル
// ストアの変数を名前で読むので、隠れ層 i の全結合層はスコープ
// scope.In("Linear_%d", i)、出力層はスコープ "Output_Linear" で作ってください
// (原作の add_module の名前と同じです)。
// x has shape [batch, net.InputFeatureNum] (the core has flattened it). The
// logits it returns have shape [batch, net.OutputFeatureNum]. The check reads
// the model store's variables by name, so make the dense layer of hidden
// layer i in the scope scope.In("Linear_%d", i), and the output layer in the
// scope "Output_Linear" (the names the original gives add_module).
func MLPForward(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
	const exercise = "Exercise 2"

	// 最初の層の入力の大きさ。
	// The input size of the first layer.
	inNum := net.InputFeatureNum
	// 隠れ層を順に作る。
	// Build the hidden layers in turn.
	for i, outNum := range net.HiddenUnitNums {
		// inNum -> outNum の全結合層を x に適用する (PyTorch の nn.Linear に当たる
		// tutorial.Linear を使う)。
		// Apply a dense layer inNum -> outNum to x (with tutorial.Linear, the
		// counterpart of PyTorch's nn.Linear).
		x = tutorial.TODO(exercise, tutorial.Blank("blank.mlp.hidden_linear", i, inNum, outNum), x)
		// 次の層の入力の大きさは、この層の出力の大きさ。
		// The input size of the next layer is the output size of this one.
		inNum = outNum
		// 活性化関数 (すべての隠れ層で同じ) を適用する。
		// Apply the activation function (the same for every hidden layer).
		x = tutorial.TODO(exercise, tutorial.Blank("blank.mlp.activation", i, net.Activation.String()), x)
	}
	// 出力層: inNum -> net.OutputFeatureNum の全結合層。活性化関数はかけない。
	// The output layer: a dense layer inNum -> net.OutputFeatureNum, without
	// an activation.
	logits := tutorial.TODO(exercise, tutorial.Blank("blank.mlp.output_linear", inNum, net.OutputFeatureNum), x)
	return logits
}

// END EXERCISE 2
