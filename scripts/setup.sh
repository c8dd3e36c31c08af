#!/usr/bin/env bash
# One-step setup for students: checks for Go and Jupyter (and says how to
# install what is missing), installs the GoNB kernel, builds once what the
# notebooks' first cells need, and opens the student notebooks in Jupyter.
#
#   bash scripts/setup.sh            # everything, then opens Jupyter
#   bash scripts/setup.sh --no-open  # everything but opening Jupyter
#
# Messages are for students, in Japanese. It exits non-zero when something
# is missing, before changing anything.
set -uo pipefail
cd "$(dirname "$0")/.."

open_jupyter=1
for arg in "$@"; do
  case "$arg" in
    --no-open) open_jupyter=0 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: 不明なオプションです: $arg (使えるのは --no-open です)" >&2; exit 2 ;;
  esac
done

missing=0
os="$(uname -s)"
say_install() { # what, debian command, macOS command
  echo "  - $1 が見つかりません。" >&2
  if [ "$os" = Darwin ]; then
    echo "    macOS: $3" >&2
  else
    echo "    Debian/Ubuntu: $2" >&2
    echo "    macOS: $3" >&2
  fi
}

if ! command -v go >/dev/null 2>&1; then
  say_install "Go (1.21 以降)" "sudo apt-get install golang-go" "brew install go"
  missing=1
fi
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter notebook --version >/dev/null 2>&1; then
  say_install "Jupyter Notebook" "sudo apt-get install jupyter-notebook jupyter-nbconvert" "brew install jupyterlab  (または pip install notebook)"
  missing=1
fi
if [ "$missing" != 0 ]; then
  echo "setup: 足りないものを入れてから、もう一度 bash scripts/setup.sh を実行してください。" >&2
  exit 1
fi

. scripts/env.sh
echo "setup: [1/3] GoNB カーネルを登録します (Go $GOTOOLCHAIN は初回だけ自動でダウンロードされます)"
if ! bash scripts/install-kernel.sh; then
  echo "setup: カーネルの登録に失敗しました。上のメッセージを確認してください。" >&2
  exit 1
fi

echo "setup: [2/3] ノートブックが使うパッケージを前もってビルドします (初回は数分かかります。2 回目からは数秒です)"
start=$(date +%s)
if ! go build ./pkg/... ./checks/...; then
  echo "setup: ビルドに失敗しました。上のメッセージを確認してください。" >&2
  exit 1
fi
echo "setup: ビルドが終わりました ($(( $(date +%s) - start )) 秒)"

if [ "$open_jupyter" = 0 ]; then
  echo "setup: [3/3] 準備ができました。jupyter notebook notebooks/student/ で始めてください。"
  exit 0
fi
echo "setup: [3/3] Jupyter を開きます。notebooks/student/00_setup.ipynb から始めてください。"
exec jupyter notebook notebooks/student/
