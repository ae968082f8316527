#!/bin/sh
# Installs what the training scripts need, only when missing, so reruns are cheap and offline-safe.
# Debian: torch/onnx/fonttools for Python, rsvg-convert for the Fluent SVGs, the Noto emoji font and
# Unicode's emoji-test.txt (names and groups). npm: Fluent emoji SVGs and Twemoji PNGs, unpacked into
# the git-ignored cache (npm pack fetches the published tarball; nothing is installed globally).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE="$HERE/.cache/sources"
need=""
for pkg in python3-torch python3-onnx python3-numpy python3-pil python3-fonttools librsvg2-bin \
           fonts-noto-color-emoji unicode-data libopenblas0-pthread; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
  apt-get update -qq && apt-get install -y -qq $need
fi
mkdir -p "$CACHE"
cd "$CACHE"
# Pinned versions: the dataset (and so the trained model) depends on the exact artwork.
for spec in fluentui-emoji@1.3.0 emoji-datasource-twitter@16.0.0; do
  name=${spec%@*}
  if [ ! -d "$name" ]; then
    tarball=$(npm pack --silent "$spec")
    mkdir -p "$name" && tar xzf "$tarball" -C "$name" --strip-components=1 && rm "$tarball"
  fi
done
echo "sources ready in $CACHE"
