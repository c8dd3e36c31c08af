package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/nma-go/mlp/internal/grader"
)

// maxSkippedShown is how many skipped entries of a download the log names.
const maxSkippedShown = 10

// run grades the submissions of cfg and writes the outputs. progress
// follows the grading; summaryf prints the summary at the end.
func run(ctx context.Context, cfg *gradeConfig, opts grader.Options, progress grader.Progress, summaryf func(string, ...any)) error {
	// Every output must be writable before anything is read or graded.
	if err := checkOutputs(&cfg.outputConfig); err != nil {
		return err
	}
	var roster *grader.Roster
	if cfg.roster != "" {
		var err error
		if roster, err = grader.ReadRoster(cfg.roster); err != nil {
			return err
		}
	}
	var subs []*grader.ClassSubmission
	var downloads []*grader.Download
	for _, p := range cfg.paths {
		isDownload, err := grader.IsDownload(p)
		if err != nil {
			return err
		}
		if !isDownload {
			subs = append(subs, grader.PlainSubmission(p))
			continue
		}
		d, err := grader.OpenDownload(p, grader.DefaultDownloadLimits)
		if err != nil {
			return err
		}
		defer d.Close()
		downloads = append(downloads, d)
		subs = append(subs, d.Submissions...)
	}
	class, err := grader.MatchRoster(subs, roster)
	if err != nil {
		return err
	}
	if cfg.shard.Sharded() {
		all := len(class.Members)
		class = class.Shard(cfg.shard)
		progress.Logf("shard %s: %d of %d submissions", cfg.shard, len(class.Members), all)
	}
	tmp, err := os.MkdirTemp("", "nma-grade-download-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for i, m := range class.Members {
		if err := m.Extract(filepath.Join(tmp, fmt.Sprintf("%05d", i))); err != nil {
			return err
		}
	}
	// Extracting opens the zips students uploaded: report the skipped after.
	for _, d := range downloads {
		progress.Logf("%s: %d submissions", d.Path, len(d.Submissions))
		for i, s := range d.Skipped {
			if i == maxSkippedShown {
				progress.Logf("  ... and %d more skipped", len(d.Skipped)-maxSkippedShown)
				break
			}
			progress.Logf("  skipped %s", s)
		}
	}

	g, err := grader.New(opts)
	if err != nil {
		return err
	}
	defer g.Close()
	progress.Logf("confinement: %s", g.Confinement())
	previous, err := grader.ReadGradebook(cfg.jsonOut)
	if err != nil {
		return err
	}
	start := time.Now()
	progress.Start(len(class.Members))
	var toGrade []grader.Submission
	var gradedMembers []grader.ClassMember
	var results []*grader.StudentResult
	for _, m := range class.Members {
		if m.Error != "" {
			r := &grader.StudentResult{Student: m.Student, Path: m.Source, ChecksVersion: g.Version(),
				Error: "the submission cannot be graded: " + m.Error, Lang: m.Lang.Or(cfg.lang)}
			m.Describe(r)
			results = append(results, r)
			progress.Done(r, 0)
			continue
		}
		toGrade = append(toGrade, m.Submission())
		gradedMembers = append(gradedMembers, m)
	}
	graded := g.GradeAllWithProgress(ctx, toGrade, previous.ByStudent(), cfg.force, progress)
	progress.Finish()
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted; %s left as it was", cfg.out)
	}
	for i, r := range graded {
		gradedMembers[i].Describe(r)
	}
	results = append(results, graded...)
	thisRun := grader.NewGradebook(g.Version(), g.Exercises(), results)

	// Students graded earlier but not in this run stay in the gradebook (of
	// this shard only).
	inRun := map[string]bool{}
	for _, r := range results {
		inRun[r.Student] = true
	}
	all := results
	for _, r := range previous.Students {
		if !inRun[r.Student] && cfg.shard.Contains(r.Student) {
			all = append(all, r)
			inRun[r.Student] = true
		}
	}
	gb := grader.NewGradebook(g.Version(), g.Exercises(), all)
	gb.Confinement = g.Confinement()
	if cfg.shard.Sharded() {
		shard := cfg.shard
		gb.Shard = &shard
	}
	if roster != nil {
		gb.Roster = roster.Digest()
		for _, e := range class.NotSubmitted {
			if !inRun[e.ID] {
				gb.NotSubmitted = append(gb.NotSubmitted, e)
			}
		}
	}
	export, err := writeOutputs(&cfg.outputConfig, gb, results)
	if err != nil {
		return err
	}
	cached := 0
	for _, r := range results {
		if r.Cached {
			cached++
		}
	}
	st := g.Stats()
	progress.Logf("graded %d submissions (%d unchanged) in %.1fs; wrote %s and %s", len(results), cached, time.Since(start).Seconds(), cfg.out, cfg.jsonOut)
	progress.Logf("time: %d builds %.1fs, %d runs %.1fs (sums over %d workers)", st.Builds, st.BuildTime.Seconds(), st.Runs, st.RunTime.Seconds(), opts.Workers)

	summary := grader.Summarize(thisRun)
	for _, m := range class.Unmatched {
		summary.Unmatched = append(summary.Unmatched, m.Key)
	}
	for _, e := range gb.NotSubmitted {
		summary.NotSubmitted = append(summary.NotSubmitted, describeEntry(e))
	}
	summary.LeftOut = export.LeftOut
	summaryf("%s", summary.Render(cfg.lang))
	return nil
}

// describeEntry names a roster row: "山田 太郎 (s2024001)".
func describeEntry(e grader.RosterEntry) string {
	if e.Name == "" {
		return e.ID
	}
	return fmt.Sprintf("%s (%s)", e.Name, e.ID)
}

// checkOutputs makes sure every output can be written.
func checkOutputs(o *outputConfig) error {
	targets := []string{o.out, o.jsonOut}
	if o.feedback != "-" {
		targets = append(targets, filepath.Join(o.feedback, ".probe"))
	}
	return grader.CheckWritable(targets...)
}

// writeOutputs writes the feedback of feedbackFor, the JSON gradebook and
// the CSV gradebook, in that order, each atomically.
func writeOutputs(o *outputConfig, gb *grader.Gradebook, feedbackFor []*grader.StudentResult) (*grader.Export, error) {
	export, err := gb.Export(o.exportOptions())
	if err != nil {
		return nil, err
	}
	jsonData, err := gb.JSON()
	if err != nil {
		return nil, err
	}
	if o.feedback != "-" {
		for _, r := range feedbackFor {
			if err := grader.WriteFileAtomic(filepath.Join(o.feedback, grader.FeedbackFileName(r.Student)), grader.Feedback(r)); err != nil {
				return nil, err
			}
		}
	}
	if err := grader.WriteFileAtomic(o.jsonOut, jsonData); err != nil {
		return nil, err
	}
	if err := grader.WriteFileAtomic(o.out, export.Data); err != nil {
		return nil, err
	}
	return export, nil
}
