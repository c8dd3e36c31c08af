#!/usr/bin/env bash
# Builds, once, the packages the notebooks' cells import (GoMLX, gonum/plot,
# GoNB's gonbui and this module's pkg/ and checks/) and cmd/answer, which the
# student edition's exercise cells run, so that GoNB's first cells compile in
# seconds instead of a minute. GoNB compiles each cell with a plain
# `go build` in a temporary module that reaches this folder through a
# replace (the header cell) or a go.work (scripts/gonb-kernel.sh), under the
# same GOTOOLCHAIN and GOEXPERIMENT (pinned in the kernel and in the header
# cell): those builds reuse every package compiled here from the Go build
# cache (internal/studentsetup checks it).
#
# pkg/exercises is left out (its dependencies are not): the exercise cells
# rewrite it, so it is compiled again after every save anyway, and a
# student's half-finished exercise there must not break the header cell.
#
# setup.sh runs it, and so does every notebook's header cell, with --quiet:
# silent when everything is built or only a few changed packages need a
# rebuild, a note and progress lines for a first build. Messages are for
# students, in Japanese. It exits non-zero, with go's output, when the build
# fails.
#
#   bash scripts/prebuild.sh [--quiet]
#   bash scripts/prebuild.sh --list    # only prints the packages it builds
set -uo pipefail
cd "$(dirname "$0")/.."
quiet=0 list=0
case "${1:-}" in
  --quiet) quiet=1 ;;
  --list) list=1 ;;
  "") ;;
  *) echo "prebuild: 不明なオプションです: $1 (使えるのは --quiet と --list です)" >&2; exit 2 ;;
esac
. scripts/env.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dirs=(./pkg/... ./checks/...)
[ -d cmd/answer ] && dirs+=(./cmd/answer)
# One go list (it runs in every header cell): each package with its
# dependencies, whether it was named (DepOnly false) and whether the build
# cache lacks it (Stale; a command counts as stale until it is installed, so
# commands are judged by their packages alone). -e: a syntax error in
# pkg/exercises must not stop the listing. Go's own messages (downloads on a
# fresh clone) go to the log, shown on failure.
if ! listing="$(go list -e -deps -f '{{.ImportPath}} {{.DepOnly}} {{and .Stale (ne .Name "main")}}' "${dirs[@]}" 2>"$log")"; then
  cat "$log" >&2
  echo "❌ ノートブックが使うパッケージの一覧を作れませんでした。上のメッセージを確認してください。" >&2
  exit 1
fi
listing="$(grep -v '^github.com/nma-go/mlp/pkg/exercises ' <<<"$listing")"
packages="$(awk '$2 == "false" {print $1}' <<<"$listing")"
if [ "$list" = 1 ]; then
  echo "$packages"
  exit 0
fi
# Stale packages: those the build cache does not hold yet (std included).
stale="$(awk '$3 == "true" {print $1}' <<<"$listing")"
total="$(grep -c . <<<"$stale")"
if [ "$total" = 0 ]; then
  [ "$quiet" = 1 ] || echo "✅ ノートブックが使うパッケージはビルド済みです。"
  exit 0
fi

# A first build (GoMLX and all) is announced; with --quiet, rebuilding the few
# packages that changed happens silently.
big=0
[ "$total" -ge 50 ] && big=1
if [ "$big" = 1 ]; then
  echo "⏳ 初回のビルドです: GoMLX などの $total パッケージをコンパイルします。1〜2 分かかりますが、次からは数秒です。"
elif [ "$quiet" = 0 ]; then
  echo "⏳ 変更のあった $total パッケージをビルドします。"
fi
start=$(date +%s)
: >"$log"
done=0
step=$(( (total + 9) / 10 ))
next=$step
# go build -v names each package as it compiles it; cached ones are not named.
while IFS= read -r line; do
  if grep -qxF -- "$line" <<<"$stale"; then
    done=$((done + 1))
    if [ "$big" = 1 ] && [ "$done" -ge "$next" ] && [ "$done" -lt "$total" ]; then
      echo "   ビルド中: $done / $total パッケージ ($(( done * 100 / total ))%、$(( $(date +%s) - start )) 秒)"
      next=$((next + step))
    fi
  else
    echo "$line" >>"$log"
  fi
done < <(go build -v $packages 2>&1; echo "prebuild-exit=$?")
status="$(sed -n 's/^prebuild-exit=//p' "$log")"
if [ "$status" != 0 ]; then
  grep -v '^prebuild-exit=' "$log" >&2
  echo "❌ ビルドに失敗しました。上のメッセージを確認してください。" >&2
  exit 1
fi
[ "$big" = 0 ] && [ "$quiet" = 1 ] || echo "✅ ビルドが終わりました ($(( $(date +%s) - start )) 秒)。"
