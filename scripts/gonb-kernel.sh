#!/bin/sh
# Starts the GoNB kernel: scripts/install-kernel.sh copies this file into the
# kernel spec's folder and names it in kernel.json, as
#   sh .../kernels/gonb/gonb-kernel.sh /path/to/gonb --kernel {connection_file} ...
#
# Jupyter starts a kernel in the notebook's folder. When that folder lies in
# a checkout of github.com/nma-go/mlp, this script adds `-go_work=ROOT` (the
# checkout's root): GoNB then puts the checkout into the go.work of every new
# kernel's temporary module, so the notebooks' packages resolve even after a
# kernel restart in which the header cell was skipped. The header's own
# `go mod edit` points at the same folder. Elsewhere GoNB starts unchanged.
#
# It is a copy, so that the kernel does not depend on where the repository
# lives; rerun scripts/install-kernel.sh after changing it.
set -u
module="github.com/nma-go/mlp"
dir="$(pwd -P)"
while :; do
  if [ -f "$dir/go.mod" ] && grep -qx "module $module" "$dir/go.mod"; then
    exec "$@" "-go_work=$dir"
  fi
  [ "$dir" = / ] && break
  dir="$(dirname "$dir")"
done
exec "$@"
