// Package studentsetup tests what a student meets in the first minutes:
// scripts/setup.sh (`make notebook`) and what it runs, the kernel wrapper
// scripts/gonb-kernel.sh, scripts/prebuild.sh, the notebooks' header cell,
// the student container (containers/student/Containerfile) with its
// devcontainer, and the Markdown details a student sees first (the answer
// toggles and the tables). It has no code of its own: the scripts are the
// product, and these tests run them.
package studentsetup
