#!/bin/sh
# Packs the 128 px GPU-tier data (.cache/data-128) for the device tool: the images as an uncompressed
# npz squeezed with xz (34 MB instead of zlib's 47 MB), so the working tree that travels stays under
# 64 MiB. gpu_run.sh unpacks it on the GPU machine.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/.cache/data-128" DEST="$HERE/.cache/carry-128"
rm -rf "$DEST" && mkdir -p "$DEST"
cp -r "$SRC/concepts.json" "$SRC/tokenizer" "$DEST/"
/usr/bin/python3 -c 'import numpy as np, sys; d = np.load(sys.argv[1]); np.savez(sys.argv[2], **{k: d[k] for k in d.files})' \
  "$SRC/images.npz" "$DEST/images.npz"
xz -T2 -6 "$DEST/images.npz"
ls -la "$DEST"
