// Command escape is a hostile grading child for the sandbox's tests: it is
// built as the grader builds children (static, -trimpath) but without the
// import policy, so it can use syscall, net and os/exec, as a submission
// could if the policy had a hole. It tries to reach everything outside its
// sandbox and prints one JSON object per attempt on stdout:
//
//	{"attempt": "...", "ok": false, "detail": "..."}
//
// "ok" is true when the attempt succeeded, which the test treats as an
// escape, except for the facts it reports (uid, capabilities, processes).
//
// Usage: escape -port P -secret FILE -victim DIR -pid PID
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type report struct {
	Attempt string `json:"attempt"`
	OK      bool   `json:"ok"`
	Detail  string `json:"detail"`
}

func say(attempt string, err error, detail string) {
	r := report{Attempt: attempt, OK: err == nil, Detail: detail}
	if err != nil {
		r.Detail = strings.TrimSpace(detail + " " + err.Error())
	}
	data, _ := json.Marshal(r)
	fmt.Println(string(data))
}

func main() {
	port := flag.Int("port", 0, "a TCP port the test listens on, on 127.0.0.1")
	secret := flag.String("secret", "", "a file of the host the child must not read")
	victim := flag.String("victim", "", "a folder of the host the child must not write")
	pid := flag.Int("pid", 0, "a process of the host the child must not signal")
	inner := flag.Bool("inner", false, "run as a copy of itself written to /tmp")
	flag.Parse()
	if *inner {
		status, _ := os.ReadFile("/proc/self/status")
		say("native-copy-runs", nil, "uid="+field(string(status), "Uid:")+" capeff="+field(string(status), "CapEff:"))
		return
	}

	status, _ := os.ReadFile("/proc/self/status")
	say("identity", nil, "uid="+field(string(status), "Uid:")+" capeff="+field(string(status), "CapEff:"))

	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(*port), time.Second)
	if err == nil {
		_, _ = conn.Write([]byte("escaped"))
		conn.Close()
	}
	say("dial-host-loopback", err, "")

	_, err = os.ReadFile(*secret)
	say("read-secret", err, "")

	err = os.WriteFile(filepath.Join(*victim, "sabotage.txt"), []byte("x"), 0o666)
	say("write-victim", err, "")

	err = syscall.Kill(*pid, syscall.SIGKILL)
	say("kill-host-process", err, "")

	err = syscall.Kill(os.Getppid(), syscall.SIGTERM)
	say("signal-parent", err, "ppid="+strconv.Itoa(os.Getppid()))

	procs, _ := filepath.Glob("/proc/[0-9]*")
	say("processes-visible", nil, strconv.Itoa(len(procs)))

	err = exec.Command("/bin/sh", "-c", "true").Run()
	say("exec-shell", err, "")

	err = syscall.Unshare(syscall.CLONE_NEWUSER)
	say("new-user-namespace", err, "")

	err = syscall.Mount("none", "/grade", "tmpfs", 0, "")
	say("mount", err, "")

	err = syscall.Mount("", "/grade", "", syscall.MS_REMOUNT|syscall.MS_BIND, "")
	say("remount-binary-writable", err, "")

	self, _ := os.Executable()
	f, err := os.OpenFile(self, os.O_WRONLY, 0)
	if err == nil {
		f.Close()
	}
	say("write-own-binary", err, "")

	_, err = os.Stat("/work/main/go.mod")
	say("see-repository", err, "")

	// Native code: a copy of this binary, written where it may write, runs,
	// but inside the same sandbox.
	data, err := os.ReadFile(self)
	if err == nil {
		err = os.WriteFile("/tmp/copy", data, 0o755)
	}
	if err == nil {
		out, runErr := exec.Command("/tmp/copy", "-inner").Output()
		fmt.Print(string(out))
		err = runErr
	}
	say("native-copy", err, "")
}

// field returns the value of a "Name:\tvalue" line.
func field(status, name string) string {
	for _, line := range strings.Split(status, "\n") {
		if strings.HasPrefix(line, name) {
			return strings.Fields(strings.TrimPrefix(line, name))[0]
		}
	}
	return "?"
}
