package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/nma-go/mlp/internal/grader"
)

// deployDir holds the examples these tests check against the command's
// flags.
const deployDir = "../../deploy"

// job is the part of a Kubernetes Job the tests read.
type job struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				HostUsers  *bool `yaml:"hostUsers"`
				Containers []struct {
					Args []string `yaml:"args"`
					Env  []struct {
						Name      string `yaml:"name"`
						ValueFrom struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					} `yaml:"env"`
					SecurityContext struct {
						SeccompProfile  struct{ Type string } `yaml:"seccompProfile"`
						AppArmorProfile struct{ Type string } `yaml:"appArmorProfile"`
						ProcMount       string                `yaml:"procMount"`
					} `yaml:"securityContext"`
					VolumeMounts []struct {
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T, name string) job {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(deployDir, "kubernetes", name))
	require.NoError(t, err)
	var j job
	require.NoError(t, yaml.Unmarshal(data, &j))
	require.Equal(t, "Job", j.Kind)
	require.Len(t, j.Spec.Template.Spec.Containers, 1)
	return j
}

// indexEnv is an environment holding only JOB_COMPLETION_INDEX.
func indexEnv(i int) func(string) string {
	return func(name string) string {
		if name == grader.ShardIndexVariable {
			return strconv.Itoa(i)
		}
		return ""
	}
}

// underMounts fails unless every absolute path among paths lies in one of
// mounts.
func underMounts(t *testing.T, paths, mounts []string) {
	t.Helper()
	for _, p := range paths {
		ok := false
		for _, m := range mounts {
			ok = ok || strings.HasPrefix(p, strings.TrimSuffix(m, "/")+"/")
		}
		assert.True(t, ok, "%s is in no volume (%v)", p, mounts)
	}
}

// The Indexed Job passes grade the shard arguments it parses: pod i of n
// grades shard i/n and writes a JSON gradebook that the merge Job reads.
func TestKubernetesJobsMatchTheFlags(t *testing.T) {
	shards := readJob(t, "grade-shards.yaml")
	require.Equal(t, "Indexed", shards.Spec.CompletionMode)
	n := shards.Spec.Completions
	require.Greater(t, n, 1)
	assert.LessOrEqual(t, shards.Spec.Parallelism, n)
	c := shards.Spec.Template.Spec.Containers[0]
	require.Len(t, c.Env, 1)
	assert.Equal(t, grader.ShardIndexVariable, c.Env[0].Name)
	assert.Equal(t, "metadata.annotations['batch.kubernetes.io/job-completion-index']", c.Env[0].ValueFrom.FieldRef.FieldPath)
	// What bubblewrap needs in a pod.
	assert.Equal(t, "Unconfined", c.SecurityContext.SeccompProfile.Type)
	assert.Equal(t, "Unconfined", c.SecurityContext.AppArmorProfile.Type)
	assert.Equal(t, "Unmasked", c.SecurityContext.ProcMount)
	require.NotNil(t, shards.Spec.Template.Spec.HostUsers)
	assert.False(t, *shards.Spec.Template.Spec.HostUsers, "procMount Unmasked needs the pod's own user namespace")
	var mounts []string
	for _, m := range c.VolumeMounts {
		mounts = append(mounts, m.MountPath)
	}

	var shardJSON []string
	var roster string
	for i := range n {
		// Kubernetes expands $(VAR) in args from the container's env.
		args := make([]string, len(c.Args))
		for k, a := range c.Args {
			args[k] = strings.ReplaceAll(a, "$("+grader.ShardIndexVariable+")", strconv.Itoa(i))
		}
		cfg, err := parseGradeArgs(args, io.Discard, indexEnv(i))
		require.NoError(t, err, "pod %d: %v", i, args)
		assert.Equal(t, grader.Shard{Index: i, Count: n}, cfg.shard, "pod %d", i)
		assert.Less(t, cfg.uidBase+cfg.workers, 65536, "the slots' uids exist in the pod's user namespace")
		assert.Equal(t, "-", cfg.feedback, "the merge writes the feedback")
		underMounts(t, append([]string{cfg.out, cfg.jsonOut, cfg.roster}, cfg.paths...), mounts)
		shardJSON = append(shardJSON, cfg.jsonOut)
		roster = cfg.roster
	}
	assert.Len(t, slices.Compact(slices.Clone(shardJSON)), n, "each pod writes its own gradebook: %v", shardJSON)

	merge := readJob(t, "grade-merge.yaml")
	mc := merge.Spec.Template.Spec.Containers[0]
	require.NotEmpty(t, mc.Args)
	require.Equal(t, "merge", mc.Args[0])
	cfg, err := parseMergeArgs(mc.Args[1:], io.Discard)
	require.NoError(t, err)
	assert.Equal(t, shardJSON, cfg.shards, "the merge reads every shard's gradebook")
	assert.Equal(t, roster, cfg.roster)
	assert.Equal(t, grader.FormatCanvas, cfg.format)
	mounts = nil
	for _, m := range mc.VolumeMounts {
		mounts = append(mounts, m.MountPath)
	}
	underMounts(t, append([]string{cfg.out, cfg.jsonOut, cfg.roster}, cfg.shards...), mounts)
}

// workflow is the part of the GitHub Actions workflow the tests read.
type workflow struct {
	Jobs map[string]struct {
		Needs    any `yaml:"needs"`
		Strategy struct {
			Matrix struct {
				Shard []int `yaml:"shard"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// shellWords splits a one-line shell command into words, honouring single
// and double quotes, and refuses any other shell syntax (expansions,
// escapes, redirections), which the test would not interpret as the shell
// does.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == '"' && strings.ContainsRune("$`\\", r):
			return nil, errors.New("an expansion in double quotes the test does not interpret: " + string(r) + " in " + s)
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case strings.ContainsRune(`\$|;&<>(){}*?`+"`", r):
			return nil, errors.New("shell syntax the test does not interpret: " + string(r) + " in " + s)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("unbalanced quote in " + s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// imageArgs returns the arguments that a docker run passes to the image,
// and docker's own options.
func imageArgs(t *testing.T, run, image string) (dockerOpts, args []string) {
	t.Helper()
	// $PWD is the only expansion the workflow uses, in docker's options.
	words, err := shellWords(strings.ReplaceAll(run, "$PWD", "/work"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(words), 3)
	require.Equal(t, []string{"docker", "run"}, words[:2])
	i := slices.Index(words, image)
	require.Positive(t, i, "no %s in %q", image, run)
	return words[2:i], words[i+1:]
}

func TestGitHubWorkflowMatchesTheFlags(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deployDir, "github", "grade.yml"))
	require.NoError(t, err)
	var w workflow
	require.NoError(t, yaml.Unmarshal(data, &w))
	shard, ok := w.Jobs["shard"]
	require.True(t, ok)
	matrix := shard.Strategy.Matrix.Shard
	n := len(matrix)
	require.Greater(t, n, 1)
	for i, v := range matrix {
		assert.Equal(t, i, v, "the matrix is 0 to n-1")
	}
	var gradeRun, sysctl, upload string
	for _, s := range shard.Steps {
		switch {
		case strings.Contains(s.Run, "docker run"):
			gradeRun = s.Run
		case strings.Contains(s.Run, "sysctl"):
			sysctl = s.Run
		case strings.HasPrefix(s.Uses, "actions/upload-artifact@"):
			upload = s.With["path"]
		}
	}
	assert.Equal(t, "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0", strings.TrimSpace(sysctl))
	require.NotEmpty(t, gradeRun)
	const matrixShard = "${{ matrix.shard }}"
	var shardJSON []string
	var roster string
	for _, i := range matrix {
		run := strings.ReplaceAll(gradeRun, matrixShard, strconv.Itoa(i))
		opts, args := imageArgs(t, run, "nma-grade")
		for _, o := range []string{"seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"} {
			assert.Contains(t, opts, o, "docker needs --security-opt %s for bubblewrap", o)
		}
		cfg, err := parseGradeArgs(args, io.Discard, func(string) string { return "" })
		require.NoError(t, err, "shard %d: %v", i, args)
		assert.Equal(t, grader.Shard{Index: i, Count: n}, cfg.shard)
		// The artifact is the file the container wrote through the results volume.
		assert.Equal(t, "results/"+filepath.Base(cfg.jsonOut), strings.ReplaceAll(upload, matrixShard, strconv.Itoa(i)))
		shardJSON = append(shardJSON, cfg.jsonOut)
		roster = cfg.roster
	}

	merge, ok := w.Jobs["merge"]
	require.True(t, ok)
	assert.Equal(t, "shard", merge.Needs)
	var mergeRun string
	for _, s := range merge.Steps {
		if strings.Contains(s.Run, "docker run") {
			mergeRun = s.Run
		}
	}
	_, args := imageArgs(t, mergeRun, "nma-grade")
	require.Equal(t, "merge", args[0])
	cfg, err := parseMergeArgs(args[1:], io.Discard)
	require.NoError(t, err)
	assert.Equal(t, shardJSON, cfg.shards)
	assert.Equal(t, roster, cfg.roster)
	assert.Equal(t, "W1D3 MLP (4242)", cfg.canvasAssignment)
}

// The image's Go is the module's, and the image has bubblewrap and runs
// grade.
func TestContainerfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deployDir, "Containerfile"))
	require.NoError(t, err)
	mod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	require.NotNil(t, goLine)
	image := regexp.MustCompile(`(?m)^ARG GO_IMAGE=(\S+)$`).FindSubmatch(data)
	require.NotNil(t, image)
	assert.Regexp(t, `^docker\.io/library/golang:`+regexp.QuoteMeta(string(goLine[1]))+`-(bookworm|trixie)$`, string(image[1]),
		"a Debian Go image of go.mod's version")
	assert.Contains(t, string(data), "apt-get install -y --no-install-recommends bubblewrap")
	assert.Contains(t, string(data), `ENTRYPOINT ["grade"]`)
	// The warm-up grades with flags grade parses.
	warm := regexp.MustCompile(`(?m)&& grade (.*) \\$`).FindSubmatch(data)
	require.NotNil(t, warm)
	_, err = parseGradeArgs(strings.Fields(string(warm[1])), io.Discard, func(string) string { return "" })
	assert.NoError(t, err)
	assert.True(t, bytes.Contains(data, []byte("ENV GOPROXY=off")), "grading runs offline")
}

func TestShellWords(t *testing.T) {
	words, err := shellWords(`docker run -v "$X:/a" 'b c' d"e f"g`)
	assert.Error(t, err, "$ is refused")
	assert.Nil(t, words)
	words, err = shellWords(` run  -a "W1D3 MLP (4242)" 'x y'z ""`)
	require.NoError(t, err)
	assert.Equal(t, []string{"run", "-a", "W1D3 MLP (4242)", "x yz", ""}, words)
	_, err = shellWords(`a "b`)
	assert.ErrorContains(t, err, "unbalanced quote")
}
