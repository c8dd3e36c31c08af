// Package browsertest runs the tutorial's notebooks the way a student sees
// them: in Debian's classic Jupyter Notebook server (6.4), driven by a
// headless Debian Chromium through go-rod.
//
// Everything the server, the kernels and the browser write goes into one
// scratch folder: Jupyter's runtime, data, config and notary folders, TMPDIR
// (where GoNB builds each cell) and HOME. The server is started with a read-only
// contents manager, so running a notebook in the browser can never save its
// outputs into the repository. Only the Go build cache is shared with the
// user, so that warm runs stay fast.
//
// Server and browser are stopped by process id ([Server.Stop],
// [Browser.Close]); callers defer both right after starting them.
package browsertest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultStartTimeout bounds the wait for the server's /api/status.
const DefaultStartTimeout = 90 * time.Second

// ServerOptions configure StartServer.
type ServerOptions struct {
	Root         string        // the folder the server serves (the repository root)
	Scratch      string        // the scratch folder: everything the server writes goes here
	StartTimeout time.Duration // zero means DefaultStartTimeout
	Port         int           // zero means a random free port
	Env          []string      // extra environment variables (NAME=value) for the server and its kernels
}

// Server is a running Jupyter Notebook server.
type Server struct {
	URL     string // http://127.0.0.1:PORT, without a trailing slash
	Token   string
	Scratch string
	LogPath string // the server's stdout and stderr

	cmd      *exec.Cmd
	logFile  *os.File
	exited   chan struct{}
	stopOnce sync.Once
	stopErr  error
}

// readOnlyConfig is the server's jupyter_notebook_config.py: a contents
// manager that reports every file as read-only (so the page disables
// autosave) and refuses saves and checkpoints, so that executing a notebook in
// the browser cannot write outputs into the repository.
const readOnlyConfig = `# Written by internal/browsertest: the browser test must never save notebooks.
from tornado import web
from notebook.services.contents.largefilemanager import LargeFileManager


class ReadOnlyContentsManager(LargeFileManager):
    def get(self, path, content=True, type=None, format=None):
        model = super().get(path, content=content, type=type, format=format)
        model["writable"] = False
        return model

    def save(self, model, path=""):
        raise web.HTTPError(403, "browsertest: saving is disabled")

    def create_checkpoint(self, path):
        raise web.HTTPError(403, "browsertest: checkpoints are disabled")

    def new_untitled(self, path="", type="", ext=""):
        raise web.HTTPError(403, "browsertest: creating files is disabled")


c.NotebookApp.contents_manager_class = ReadOnlyContentsManager
`

// StartServer starts `jupyter notebook` on 127.0.0.1 with a random token,
// its folders inside opts.Scratch, and waits until /api/status answers. If the
// server does not come up within the deadline, or exits early, StartServer
// stops it and returns an error that ends with the tail of the server's log.
func StartServer(ctx context.Context, opts ServerOptions) (*Server, error) {
	if opts.Root == "" || opts.Scratch == "" {
		return nil, errors.New("browsertest: StartServer needs Root and Scratch")
	}
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		return nil, fmt.Errorf("browsertest: jupyter not found: %w", err)
	}
	kernelDirs, err := kernelDataDirs()
	if err != nil {
		return nil, err
	}
	dirs := map[string]string{}
	for _, name := range []string{"config", "data", "runtime", "notary", "tmp", "home", "ipython"} {
		dirs[name] = filepath.Join(opts.Scratch, "jupyter-"+name)
		if err := os.MkdirAll(dirs[name], 0o700); err != nil {
			return nil, fmt.Errorf("browsertest: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dirs["config"], "jupyter_notebook_config.py"), []byte(readOnlyConfig), 0o600); err != nil {
		return nil, fmt.Errorf("browsertest: %w", err)
	}
	port := opts.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return nil, err
		}
	}
	token, err := randomToken()
	if err != nil {
		return nil, err
	}
	env, err := serverEnv(dirs, kernelDirs)
	if err != nil {
		return nil, err
	}
	env = append(env, opts.Env...)

	logPath := filepath.Join(opts.Scratch, "jupyter-server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("browsertest: %w", err)
	}
	cmd := exec.Command(jupyter, "notebook", "--no-browser", "--allow-root",
		"--ip=127.0.0.1", "--port="+strconv.Itoa(port),
		"--NotebookApp.port_retries=0",
		"--NotebookApp.token="+token,
		"--NotebookApp.notebook_dir="+opts.Root,
		"--NotebookNotary.data_dir="+dirs["notary"],
		"--NotebookApp.open_browser=False")
	cmd.Dir = opts.Root
	cmd.Env = env
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	// Its own process group, so that Stop can reach anything it started
	// in that group; kernels get their own sessions and are stopped by PID.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("browsertest: starting jupyter notebook: %w", err)
	}
	s := &Server{
		URL:     "http://127.0.0.1:" + strconv.Itoa(port),
		Token:   token,
		Scratch: opts.Scratch,
		LogPath: logPath,
		cmd:     cmd,
		logFile: logFile,
		exited:  make(chan struct{}),
	}
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()

	timeout := opts.StartTimeout
	if timeout <= 0 {
		timeout = DefaultStartTimeout
	}
	if err := s.waitReady(ctx, timeout); err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("%w\n--- server log (last lines of %s) ---\n%s", err, logPath, s.LogTail(40))
	}
	return s, nil
}

// waitReady polls /api/status until it answers 200, the server exits, or the
// deadline passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/api/status", nil)
		req.Header.Set("Authorization", "token "+s.Token)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("browsertest: the Jupyter server exited before answering on %s (%v)", s.URL, s.cmd.ProcessState)
		case <-ctx.Done():
			return fmt.Errorf("browsertest: waiting for the Jupyter server: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("browsertest: the Jupyter server did not answer on %s/api/status within %s", s.URL, timeout)
		}
	}
}

// PID returns the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// LogTail returns the last n lines of the server's log.
func (s *Server) LogTail(n int) string {
	data, err := os.ReadFile(s.LogPath)
	if err != nil {
		return fmt.Sprintf("(cannot read the server log: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// NotebookURL returns the page of the notebook at rel (relative to the
// server's root, with forward slashes), with the token.
func (s *Server) NotebookURL(rel string) string {
	return s.URL + "/notebooks/" + filepath.ToSlash(rel) + "?token=" + s.Token
}

// api calls the server's REST API.
func (s *Server) api(ctx context.Context, method, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+s.Token)
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return fmt.Errorf("browsertest: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("browsertest: %s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	return nil
}

// ShutdownSessions ends every notebook session, which shuts down its kernel.
// Running notebooks one after the other, this keeps one kernel at a time.
func (s *Server) ShutdownSessions(ctx context.Context) error {
	var sessions []struct {
		ID string `json:"id"`
	}
	if err := s.api(ctx, "GET", "/api/sessions", &sessions); err != nil {
		return err
	}
	var errs []error
	for _, sess := range sessions {
		errs = append(errs, s.api(ctx, "DELETE", "/api/sessions/"+sess.ID, nil))
	}
	return errors.Join(errs...)
}

// Stop stops the server by its PID: SIGTERM (the server then shuts its
// kernels down), SIGKILL to its process group after 10 s. Kernels run in
// sessions of their own, so any kernel still alive afterwards (found by its
// connection file in this server's runtime folder) is killed by PID, with its
// process group (the cell programs it started). Stop is safe to call more
// than once.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		kernels := s.kernelPIDs()
		pid := s.cmd.Process.Pid
		_ = syscall.Kill(pid, syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-s.exited
		}
		// The server may have started more kernels since the first look.
		kernels = append(kernels, s.kernelPIDs()...)
		for _, k := range kernels {
			if processAlive(k) {
				_ = syscall.Kill(-k, syscall.SIGKILL)
				_ = syscall.Kill(k, syscall.SIGKILL)
			}
		}
		s.logFile.Close()
	})
	return s.stopErr
}

// kernelPIDs lists the processes whose command line names a connection file
// in this server's runtime folder: its kernels.
func (s *Server) kernelPIDs() []int {
	var pids []int
	for _, pid := range pidsMentioning(filepath.Join(s.Scratch, "jupyter-runtime") + string(filepath.Separator) + "kernel-") {
		if pid != s.cmd.Process.Pid {
			pids = append(pids, pid)
		}
	}
	return pids
}

// pidsMentioning lists the processes (other than this one) whose command line
// contains needle: with a needle inside a scratch folder, the processes this
// package started there.
func pidsMentioning(needle string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		if bytes.Contains(cmdline, []byte(needle)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func processAlive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	// A zombie is dead; its parent (the server) is gone or will reap it.
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

// serverEnv is the environment of the server and its kernels: the current
// one, with every place Jupyter, Python and Chromium write to moved into
// dirs. The Go toolchain keeps the user's module cache, build cache and go env
// file (which HOME would otherwise hide), so that cells compile warm.
func serverEnv(dirs map[string]string, kernelDirs []string) ([]string, error) {
	goEnv, err := goEnvVars("GOCACHE", "GOMODCACHE", "GOPATH", "GOENV")
	if err != nil {
		return nil, err
	}
	override := map[string]string{
		"HOME":                    dirs["home"],
		"XDG_CONFIG_HOME":         filepath.Join(dirs["home"], ".config"),
		"XDG_CACHE_HOME":          filepath.Join(dirs["home"], ".cache"),
		"XDG_DATA_HOME":           filepath.Join(dirs["home"], ".local", "share"),
		"TMPDIR":                  dirs["tmp"],
		"JUPYTER_CONFIG_DIR":      dirs["config"],
		"JUPYTER_DATA_DIR":        dirs["data"],
		"JUPYTER_RUNTIME_DIR":     dirs["runtime"],
		"JUPYTER_PATH":            strings.Join(kernelDirs, string(os.PathListSeparator)),
		"IPYTHONDIR":              dirs["ipython"],
		"JUPYTER_NO_CONFIG":       "",
		"PYTHONDONTWRITEBYTECODE": "1",
	}
	for k, v := range goEnv {
		override[k] = v
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ok := override[name]; ok || name == "JUPYTER_PREFER_ENV_PATH" {
			continue
		}
		env = append(env, kv)
	}
	for k, v := range override {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env, nil
}

// goEnvVars reads variables from `go env`.
func goEnvVars(names ...string) (map[string]string, error) {
	out, err := exec.Command("go", append([]string{"env", "-json"}, names...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("browsertest: go env: %w", err)
	}
	vars := map[string]string{}
	if err := json.Unmarshal(out, &vars); err != nil {
		return nil, fmt.Errorf("browsertest: go env: %w", err)
	}
	return vars, nil
}

// kernelDataDirs returns the user's Jupyter data folders that hold kernel
// specs (the GoNB kernel is installed in the user's data folder), so the
// server finds them read-only through JUPYTER_PATH while its own data folder
// lives in scratch.
func kernelDataDirs() ([]string, error) {
	out, err := exec.Command("jupyter", "--paths", "--json").Output()
	if err != nil {
		return nil, fmt.Errorf("browsertest: jupyter --paths: %w", err)
	}
	var paths struct {
		Data []string `json:"data"`
	}
	if err := json.Unmarshal(out, &paths); err != nil {
		return nil, fmt.Errorf("browsertest: jupyter --paths: %w", err)
	}
	var dirs []string
	for _, d := range paths.Data {
		if _, err := os.Stat(filepath.Join(d, "kernels")); err == nil {
			dirs = append(dirs, d)
		}
	}
	return dirs, nil
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("browsertest: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("browsertest: %w", err)
	}
	return hex.EncodeToString(b), nil
}
