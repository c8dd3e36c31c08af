package main

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/grader"
)

func noEnv(string) string { return "" }

func TestParseGradeArgs(t *testing.T) {
	cfg, err := parseGradeArgs([]string{"-out", "grades/class.csv", "-shard", "/4", "sub1", "sub2"}, &bytes.Buffer{},
		func(name string) string { return map[string]string{"JOB_COMPLETION_INDEX": "3"}[name] })
	require.NoError(t, err)
	assert.Equal(t, "grades/class.json", cfg.jsonOut)
	assert.Equal(t, filepath.Join("grades", "feedback"), cfg.feedback)
	assert.Equal(t, grader.FormatPlain, cfg.format)
	assert.Equal(t, defaultMoodleItem, cfg.moodleItem)
	assert.Equal(t, grader.Shard{Index: 3, Count: 4}, cfg.shard)
	assert.Equal(t, []string{"sub1", "sub2"}, cfg.paths)
	assert.Equal(t, grader.ExportOptions{Format: grader.FormatPlain}, cfg.exportOptions())

	cfg, err = parseGradeArgs([]string{"-out", "g.csv", "-format", "moodle", "-roster", "r.csv", "-bom", "x.zip"}, &bytes.Buffer{}, noEnv)
	require.NoError(t, err)
	assert.Equal(t, grader.ExportOptions{Format: grader.FormatMoodle, BOM: true, Assignment: defaultMoodleItem}, cfg.exportOptions())
}

func TestParseGradeArgsRefuses(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		err     string
		printed string // what flag printed itself
	}{
		{"no -out", []string{"sub"}, "-out is required", ""},
		{"no submissions", []string{"-out", "g.csv"}, "no submissions given", ""},
		{"an unknown format", []string{"-out", "g.csv", "-format", "blackboard", "sub"}, "bad command line", `format "blackboard": want one of plain, canvas, moodle`},
		{"canvas without its assignment", []string{"-out", "g.csv", "-format", "canvas", "sub"}, `-format canvas needs -canvas-assignment "Name (id)"`, ""},
		{"moodle without a roster", []string{"-out", "g.csv", "-format", "moodle", "sub"}, "-format moodle needs -roster", ""},
		{"a bad shard", []string{"-out", "g.csv", "-shard", "3/3", "sub"}, `shard "3/3"`, ""},
		{"a shard index that is not set", []string{"-out", "g.csv", "-shard", "/3", "sub"}, "JOB_COMPLETION_INDEX is not set", ""},
		{"an unknown flag", []string{"-out", "g.csv", "-shards", "1/3", "sub"}, "bad command line", "flag provided but not defined: -shards"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var printed bytes.Buffer
			_, err := parseGradeArgs(tc.args, &printed, noEnv)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
			if tc.printed != "" {
				assert.Contains(t, printed.String(), tc.printed)
				assert.True(t, errors.Is(err, errUsage))
			}
		})
	}
	t.Run("help", func(t *testing.T) {
		var printed bytes.Buffer
		_, err := parseGradeArgs([]string{"-h"}, &printed, noEnv)
		assert.True(t, errors.Is(err, flag.ErrHelp))
		assert.Contains(t, printed.String(), "grade merge -out gradebook.csv")
		assert.Contains(t, printed.String(), "-canvas-assignment")
	})
}

func TestParseMergeArgs(t *testing.T) {
	cfg, err := parseMergeArgs([]string{"-out", "m/g.csv", "s0.json", "s1.json"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, []string{"s0.json", "s1.json"}, cfg.shards)
	assert.Equal(t, "m/g.json", cfg.jsonOut)

	_, err = parseMergeArgs([]string{"-out", "g.csv"}, &bytes.Buffer{})
	assert.EqualError(t, err, "no shard gradebooks given")
	_, err = parseMergeArgs([]string{"-out", "shard-0.csv", "shard-0.json", "shard-1.json"}, &bytes.Buffer{})
	assert.ErrorContains(t, err, "-json shard-0.json is also a shard to merge")
	_, err = parseMergeArgs([]string{"-out", "g.csv", "-shard", "0/3", "s.json"}, &bytes.Buffer{})
	assert.ErrorIs(t, err, errUsage, "a merge takes no -shard")
}
