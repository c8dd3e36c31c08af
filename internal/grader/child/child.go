// Package child is the program the grader builds around a submission: it runs
// one exercise of the student's code on inputs the grader sends, and sends the
// outputs back. It never scores them: the grader judges them in its own
// process (see checks.Grader).
//
// The grader generates the child's main package at build time, from
// checks.Registry, as an overlay file (so that nothing in the repository
// changes):
//
//	func main() {
//		child.Main(map[string]any{"1": exercises.ApproximateFunction, ...})
//	}
//
// The child is started as `child ID`. It reads the inputs from file
// descriptor [InputsFD] until EOF and writes one JSON [Envelope] to
// [OutputsFD]; both are pipes the grader created. Standard output and standard
// error are the student's, and the grader ignores them for scoring.
package child

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/nma-go/mlp/checks"
)

// The file descriptors of the two pipes (os/exec's ExtraFiles start at 3).
const (
	InputsFD  = 3
	OutputsFD = 4
)

// MaxMessageBytes bounds what either side reads from the other.
const MaxMessageBytes = 256 << 20

// Envelope is the child's answer: the grader's Compute outputs, or the reason
// there are none (an unknown exercise, an implementation of the wrong type).
type Envelope struct {
	Exercise string          `json:"exercise"`
	Outputs  json.RawMessage `json:"outputs,omitempty"`
	Error    string          `json:"error,omitempty"`
}

// Main runs the exercise named by the first argument with its implementation
// from impls, then exits. It does not return.
func Main(impls map[string]any) {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: child EXERCISE_ID (inputs on fd 3, outputs on fd 4)")
		os.Exit(2)
	}
	id := os.Args[1]
	in := os.NewFile(InputsFD, "inputs")
	out := os.NewFile(OutputsFD, "outputs")
	if in == nil || out == nil {
		fmt.Fprintln(os.Stderr, "child: file descriptors 3 and 4 must be open")
		os.Exit(2)
	}
	inputs, err := io.ReadAll(io.LimitReader(in, MaxMessageBytes))
	in.Close()
	env := Envelope{Exercise: id}
	if err != nil {
		env.Error = fmt.Sprintf("child: reading inputs: %v", err)
	} else {
		env.Outputs, env.Error = compute(id, impls, inputs)
	}
	if err := json.NewEncoder(out).Encode(env); err != nil {
		fmt.Fprintf(os.Stderr, "child: writing outputs: %v\n", err)
		os.Exit(2)
	}
	if err := out.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "child: closing outputs: %v\n", err)
		os.Exit(2)
	}
	os.Exit(0)
}

// compute runs exercise id's Compute phase. A panic that escapes it (the
// core recovers the student's panics, but a check may not) becomes the
// envelope's error rather than a crash.
func compute(id string, impls map[string]any, inputs []byte) (outputs json.RawMessage, problem string) {
	defer func() {
		if r := recover(); r != nil {
			outputs, problem = nil, fmt.Sprintf("panic: %v", r)
		}
	}()
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok || ex.Grader == nil {
		return nil, fmt.Sprintf("child: exercise %q has no grader", id)
	}
	impl, ok := impls[id]
	if !ok {
		return nil, fmt.Sprintf("child: exercise %q has no implementation in this build", id)
	}
	outputs, err := ex.Compute(impl, inputs)
	if err != nil {
		return nil, err.Error()
	}
	return outputs, ""
}
