package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/lif"
	"github.com/nma-go/mlp/pkg/plots"
)

func init() {
	register(section{order: 70, name: "bonus", title: "Bonus: the LIF neuron and its transfer function", notebook: "06_bonus_lif",
		cells: []cell{
			{"RunLIF", nil},
			{"PlotLIFTrace", func() { lesson.PlotLIFTrace() }},
			{"RejectBadLIFParams", func() { lesson.RejectBadLIFParams() }},
			{"PrintIFCurve", func() { lesson.PrintIFCurve() }},
		},
		after: writeStaticTransferCurves})
}

// writeStaticTransferCurves writes the panel of transfer curves that the
// notebook's slider cell shows where its sliders cannot run (a notebook cell
// of its own, not a lesson cell: outside a notebook it would only print why),
// simulated with the notebook's RunLIF.
func writeStaticTransferCurves(save func(name string, fig *plots.Figure) error) error {
	panel, err := lif.StaticFigure(lesson.RunLIF)
	if err != nil {
		return err
	}
	return save(StaticTransferCurves, panel)
}

// StaticTransferCurves names the static figure of the slider cell.
const StaticTransferCurves = "transfer-curves"
