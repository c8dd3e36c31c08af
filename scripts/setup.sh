#!/usr/bin/env bash
# One-step setup for students (`make notebook` runs it): checks for Go and
# Jupyter and says how to install what is missing, installs the GoNB kernel
# (scripts/install-kernel.sh), builds once what the notebooks' cells import
# (scripts/prebuild.sh), then opens the student notebooks in Jupyter.
#
#   bash scripts/setup.sh                 # everything, then opens Jupyter
#   bash scripts/setup.sh --no-open       # everything but opening Jupyter
#   bash scripts/setup.sh --lang en       # the English notebooks (notebooks/en/student)
#   bash scripts/setup.sh -- --no-browser # arguments after -- go to jupyter notebook
#
# Without "--", the words of $NMA_JUPYTER_ARGS go to jupyter notebook (the
# student container sets it to listen on all interfaces).
#
# Messages are for students, in Japanese. When something is missing it exits
# with status 1 before changing anything; a bad option exits with status 2.
set -uo pipefail
cd "$(dirname "$0")/.."

open_jupyter=1
lang=ja
read -r -a jupyter_args <<<"${NMA_JUPYTER_ARGS:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-open) open_jupyter=0 ;;
    --lang) shift; lang="${1:-}"
      case "$lang" in ja|en) ;; *) echo "setup: --lang は ja か en です (--lang takes ja or en): ${lang}" >&2; exit 2 ;; esac ;;
    --) shift; jupyter_args=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: 不明なオプションです: $1 (使えるのは --no-open、--lang ja|en と、jupyter に渡す引数の前の -- です)" >&2; exit 2 ;;
  esac
  shift
done

# Go 1.21 or newer can fetch the toolchain go.mod asks for (go1.27.3) by itself.
min_go_minor=21
missing=0
os="$(uname -s)"
say_missing() { # what, why, debian hint, macOS hint
  echo "  - $1$2" >&2
  [ "$os" = Darwin ] || echo "    Debian/Ubuntu: $3" >&2
  echo "    macOS: $4" >&2
}
go_hint_debian="sudo apt-get install golang-go (Debian 12 の golang-go は 1.19 で古すぎるので、https://go.dev/doc/install の手順で入れてください)"
go_hint_mac="brew install go (または https://go.dev/doc/install)"

if ! command -v go >/dev/null 2>&1; then
  say_missing "Go (1.$min_go_minor 以降)" " が見つかりません。" "$go_hint_debian" "$go_hint_mac"
  missing=1
else
  # The installed go itself, not the toolchain it would switch to.
  go_version="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null)"
  minor="$(sed -n 's/^go1\.\([0-9][0-9]*\).*/\1/p' <<<"$go_version")"
  if [ -z "$minor" ] || [ "$minor" -lt "$min_go_minor" ]; then
    say_missing "Go (1.$min_go_minor 以降)" " が必要ですが、入っているのは ${go_version:-不明なバージョン} です。" "$go_hint_debian" "$go_hint_mac"
    missing=1
  fi
fi
if ! command -v jupyter >/dev/null 2>&1; then
  why=" が見つかりません。"
elif ! jupyter notebook --version >/dev/null 2>&1; then
  why=" (jupyter notebook コマンド) が見つかりません。jupyter はありますが、Notebook が入っていません。"
else
  why=""
fi
if [ -n "$why" ]; then
  say_missing "Jupyter Notebook" "$why" "sudo apt-get install jupyter-notebook jupyter-nbconvert" \
    "brew install pipx && pipx ensurepath && pipx install --include-deps notebook"
  missing=1
fi
if [ "$missing" != 0 ]; then
  echo "setup: 足りないものを入れてから、もう一度 bash scripts/setup.sh (または make notebook) を実行してください。まだ何も変更していません。" >&2
  exit 1
fi

. scripts/env.sh
echo "setup: [1/3] GoNB カーネルを登録します (初回は Go $GOTOOLCHAIN と gonb のダウンロードとビルドに数分かかります)"
if ! bash scripts/install-kernel.sh; then
  echo "setup: カーネルの登録に失敗しました。上のメッセージを確認してください。" >&2
  exit 1
fi

echo "setup: [2/3] ノートブックが使うパッケージを前もってビルドします"
if ! bash scripts/prebuild.sh; then
  echo "setup: ビルドに失敗しました。上のメッセージを確認してください。" >&2
  exit 1
fi

notebooks="notebooks/$lang/student"
if [ "$open_jupyter" = 0 ]; then
  if [ "$lang" = en ]; then
    echo "setup: [3/3] Ready. Start with jupyter notebook $notebooks/ (from 00_setup.ipynb)."
  else
    echo "setup: [3/3] 準備ができました。jupyter notebook $notebooks/ で始めてください (00_setup.ipynb から)。"
  fi
  exit 0
fi
if [ "$lang" = en ]; then
  echo "setup: [3/3] Opening Jupyter. Start with $notebooks/00_setup.ipynb (press Ctrl+C in this terminal to stop)."
else
  echo "setup: [3/3] Jupyter を開きます。$notebooks/00_setup.ipynb から始めてください (終えるときはこの端末で Ctrl+C)。"
fi
exec jupyter notebook ${jupyter_args[@]+"${jupyter_args[@]}"} "$notebooks/"
