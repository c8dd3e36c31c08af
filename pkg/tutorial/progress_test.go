package tutorial_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nma-go/mlp/pkg/tutorial"
)

func fmtPercent(v float64) string { return fmt.Sprintf("%0.2f", v) }

func TestTerminalProgressPrintsEveryTenPercent(t *testing.T) {
	var buf bytes.Buffer
	p := tutorial.NewTextProgress(&buf)
	p.Start(20)
	for e := 1; e <= 20; e++ {
		p.Update(e, 0.5)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Len(t, lines, 11, "one line for the first epoch, then one per 10%")
	assert.Contains(t, lines[len(lines)-1], "100% (epoch 20/20")
}
