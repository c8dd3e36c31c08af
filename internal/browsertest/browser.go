package browsertest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/proto"
)

// ArtifactsEnv names the variable that sets the folder for the tests'
// screenshots (the browser test's -artifacts flag wins). Unset, each run
// writes into a new temporary folder and logs its path.
const ArtifactsEnv = "NMA_ARTIFACTS"

// ChromiumCandidates are the browsers FindChromium accepts, in order:
// Debian's chromium first. go-rod is never allowed to download one.
var ChromiumCandidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser"}

// FindChromium returns the path of the system's Chromium, or an error that
// says how to install it.
func FindChromium() (string, error) {
	for _, c := range ChromiumCandidates {
		if path, err := exec.LookPath(c); err == nil {
			return path, nil
		}
	}
	return "", errors.New("browsertest: chromium not found (Debian/Ubuntu: apt-get install chromium fonts-noto-cjk)")
}

// Browser is a headless Chromium driven by go-rod.
type Browser struct {
	*rod.Browser
	launcher  *launcher.Launcher
	scratch   string
	closeOnce sync.Once
}

// StartBrowser launches the Chromium at bin headless, with its profile,
// HOME, caches and temporary files under scratch, and connects to it. The
// caller must defer Close.
func StartBrowser(bin, scratch string) (*Browser, error) {
	home := filepath.Join(scratch, "chromium-home")
	profile := filepath.Join(scratch, "chromium-profile")
	tmp := filepath.Join(scratch, "chromium-tmp")
	for _, d := range []string{home, profile, tmp} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("browsertest: %w", err)
		}
	}
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+home, "TMPDIR="+tmp,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"))

	l := launcher.New().
		Bin(bin). // never let rod download a browser
		Headless(true).
		NoSandbox(true).
		Leakless(false). // leakless would unpack a helper binary into the user's temp folder
		UserDataDir(profile).
		Env(env...).
		Set("disable-gpu").
		Set("no-first-run").
		Set("disable-background-networking").
		Set("disable-component-update").
		Set("disable-sync").
		Set("disable-extensions").
		Set("lang", "ja-JP").
		Set("window-size", "1280,2400")
	u, err := l.Launch()
	if err != nil {
		l.Kill()
		return nil, fmt.Errorf("browsertest: launching %s: %w", bin, err)
	}
	b := &Browser{launcher: l, scratch: scratch}
	rb := rod.New().ControlURL(u)
	if err := rb.Connect(); err != nil {
		b.kill()
		return nil, fmt.Errorf("browsertest: connecting to %s: %w", bin, err)
	}
	b.Browser = rb
	return b, nil
}

// PID returns the browser's process id.
func (b *Browser) PID() int { return b.launcher.PID() }

// Close closes the browser and kills its process group by PID, even when the
// DevTools connection is already broken. It is safe to call more than once.
func (b *Browser) Close() {
	b.closeOnce.Do(func() {
		if b.Browser != nil {
			done := make(chan struct{})
			go func() { _ = b.Browser.Close(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
			}
		}
		b.kill()
	})
}

func (b *Browser) kill() {
	pid := b.launcher.PID()
	if pid == 0 {
		return
	}
	// The launcher started Chromium in its own process group: end the group
	// (renderers, GPU and utility processes), then the main process.
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	_ = syscall.Kill(pid, syscall.SIGKILL)
	deadline := time.Now().Add(5 * time.Second)
	for processAlive(pid) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	// Chromium's crash handler detaches from the group; it names its
	// database under this browser's HOME, so it is found by that path.
	for _, p := range pidsMentioning(filepath.Join(b.scratch, "chromium-")) {
		_ = syscall.Kill(p, syscall.SIGKILL)
	}
}

// NewPage opens a blank tab with a tall viewport (the classic notebook
// scrolls inside #site; a tall page keeps whole cells on screen).
func (b *Browser) NewPage() (*rod.Page, error) {
	page, err := b.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		return nil, fmt.Errorf("browsertest: new page: %w", err)
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: 1280, Height: 2400, DeviceScaleFactor: 1}); err != nil {
		_ = page.Close()
		return nil, fmt.Errorf("browsertest: viewport: %w", err)
	}
	return page, nil
}
