package launch

import (
	"fmt"
	"syscall"
)

// RlimitNPROC is RLIMIT_NPROC, which package syscall does not define.
const RlimitNPROC = 6

// SysProcAttr puts the launcher (and so the child) in a process group of its
// own, to be killed as a whole, and kills it if the grader dies.
func SysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// setParentDeathSignal asks the kernel to kill this process when its parent
// dies.
func setParentDeathSignal() error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_PDEATHSIG): %v", errno)
	}
	return nil
}
