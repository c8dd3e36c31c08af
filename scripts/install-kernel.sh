#!/usr/bin/env bash
# Installs the GoNB Jupyter kernel from this module's go.mod: gonb and
# goimports (both `tool` dependencies), then the kernel spec, with the
# environment the kernel needs pinned in kernel.json, and GoNB started through
# scripts/gonb-kernel.sh (copied beside kernel.json), so that notebooks in a
# checkout of this module work after a kernel restart even when the header
# cell is skipped. Jupyter itself comes from your system (Debian/Ubuntu:
# apt-get install jupyter-notebook jupyter-nbconvert). It installs into
# Jupyter's data folder ($JUPYTER_DATA_DIR when set, as the tests do).
# Usage: scripts/install-kernel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

go install tool
if ! command -v jupyter >/dev/null; then
  echo "install-kernel: jupyter not found. On Debian/Ubuntu: sudo apt-get install jupyter-notebook jupyter-nbconvert" >&2
  exit 1
fi
# gopls (auto-completion) is optional: install it yourself if you want it
# (go install golang.org/x/tools/gopls@v0.24.0).
if ! out=$(gonb --install --raw_error --force_deps 2>&1); then
  echo "$out" >&2
  echo "install-kernel: gonb --install failed" >&2
  exit 1
fi

# gonb --install writes "env": {}; pin what the kernel needs so that it works
# however Jupyter is started, and start gonb through the wrapper. Jupyter runs
# on the system Python.
kernel_dir="$(jupyter --data-dir)/kernels/gonb"
kernel_json="$kernel_dir/kernel.json"
cp scripts/gonb-kernel.sh "$kernel_dir/gonb-kernel.sh"
GOROOT_BIN="$(dirname "$(command -v go)")"
KERNEL_JSON="$kernel_json" WRAPPER="$kernel_dir/gonb-kernel.sh" KPATH="$GOBIN_DIR:$GOROOT_BIN:$PATH" /usr/bin/env -u PYTHONPATH \
  "$(head -1 "$(command -v jupyter)" | sed 's/^#!//' | awk '{print $1}')" - <<'PY'
import json, os
path = os.environ["KERNEL_JSON"]
spec = json.load(open(path))
spec["argv"] = ["/bin/sh", os.environ["WRAPPER"]] + spec["argv"]
spec["env"] = {
    "GOTOOLCHAIN": os.environ["GOTOOLCHAIN"],
    "GOEXPERIMENT": os.environ["GOEXPERIMENT"],
    "PATH": os.environ["KPATH"],
}
json.dump(spec, open(path, "w"), indent=2)
print(f"install-kernel: wrote {path} (GOTOOLCHAIN={os.environ['GOTOOLCHAIN']}, GOEXPERIMENT={os.environ['GOEXPERIMENT']}, started through gonb-kernel.sh)")
PY
echo "install-kernel: done. Open the notebooks with: jupyter notebook notebooks/"
