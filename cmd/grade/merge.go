package main

import (
	"github.com/nma-go/mlp/internal/grader"
)

// runMerge combines the shards of cfg into one gradebook and feedback set.
// logf reports progress; summaryf prints the summary.
func runMerge(cfg *mergeConfig, logf, summaryf func(string, ...any)) error {
	if err := checkOutputs(&cfg.outputConfig); err != nil {
		return err
	}
	shards := make([]*grader.Gradebook, len(cfg.shards))
	for i, p := range cfg.shards {
		gb, err := grader.ReadShard(p)
		if err != nil {
			return err
		}
		shards[i] = gb
	}
	gb, err := grader.MergeShards(shards, cfg.shards)
	if err != nil {
		return err
	}
	if cfg.roster != "" {
		roster, err := grader.ReadRoster(cfg.roster)
		if err != nil {
			return err
		}
		if roster.Digest() != gb.Roster {
			logf("merge: %s differs from the roster the shards were graded with; names, emails and the students without a submission come from %s", cfg.roster, cfg.roster)
		}
		applyRoster(gb, roster)
	}
	export, err := writeOutputs(&cfg.outputConfig, gb, gb.Students)
	if err != nil {
		return err
	}
	logf("merged %d shards, %d students; wrote %s and %s", len(shards), len(gb.Students), cfg.out, cfg.jsonOut)
	summary := grader.Summarize(gb)
	for _, r := range gb.Students {
		if gb.Roster != "" && !r.Rostered {
			summary.Unmatched = append(summary.Unmatched, r.Submission)
		}
	}
	for _, e := range gb.NotSubmitted {
		summary.NotSubmitted = append(summary.NotSubmitted, describeEntry(e))
	}
	summary.LeftOut = export.LeftOut
	summaryf("%s", summary.Render(cfg.lang))
	return nil
}

// applyRoster takes the rostered students' names and emails from roster,
// and lists its rows that no student matches as not submitted.
func applyRoster(gb *grader.Gradebook, roster *grader.Roster) {
	present := map[string]bool{}
	for _, r := range gb.Students {
		present[r.Student] = true
		if e, ok := roster.ByID(r.Student); ok && r.Rostered {
			r.Name, r.Email = e.Name, e.Email
		}
	}
	gb.NotSubmitted = nil
	for _, e := range roster.Entries {
		if !present[e.ID] {
			gb.NotSubmitted = append(gb.NotSubmitted, e)
		}
	}
	gb.Roster = roster.Digest()
}
