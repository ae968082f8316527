#!/bin/bash
# Trains both tiers at once on a lent GPU machine (the team's `device` tool), evaluates them there,
# and leaves in $OUT what export_onnx.py needs back here. Run from the repository root with the
# prepared data carried along (the 128 px set travels as an xz-packed uncompressed npz: the zlib npz
# would not fit the tool's 64 MiB working-tree limit; pack it with ./pack_gpu_data.sh):
#   carry: tools/train-embedded-model/.cache/data, tools/train-embedded-model/.cache/carry-128
#   command: bash tools/train-embedded-model/gpu_run.sh
# Both tiers share one GPU (tiny networks leave it mostly idle, so two processes overlap well).
# A short smoke run of each tier first fails fast on a broken environment and measures seconds per
# step; the real step counts are then sized to TRAIN_SECONDS and recorded in each run's history.json,
# so rerunning train.py with those counts reproduces the run.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
cd "$HERE"
export PYTHONUNBUFFERED=1
OUT=${OUT:-/tmp/out}
TRAIN_SECONDS=${TRAIN_SECONDS:-360}
mkdir -p "$OUT"
if [ ! -f .cache/data-128/images.npz ]; then
  mkdir -p .cache/data-128 && cp -r .cache/carry-128/concepts.json .cache/carry-128/tokenizer .cache/data-128/ &&
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' \
      .cache/carry-128/images.npz.xz .cache/data-128/images.npz || exit 1
fi
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
python3 -c 'import torch, onnx, PIL; print("torch", torch.__version__, "cuda", torch.cuda.is_available())' || exit 1

# tier name, data folder, UNet batch, autoencoder batch, prediction (schedule.target says why 128 px
# needs v). ONLY=128 runs one tier (then it has the GPU to itself); JUDGE_STEPS sizes the evaluation's
# classifier (1,156 classes need more than 283).
TIERS=("64 data 256 64 epsilon" "128 data-128 ${BATCH_128:-256} 64 v_prediction")
if [ -n "${ONLY:-}" ]; then
  for t in "${TIERS[@]}"; do [ "${t%% *}" = "$ONLY" ] && TIERS=("$t"); done
fi
JUDGE_STEPS=${JUDGE_STEPS:-400}

smoke() {  # tier data batch ae_batch prediction
  EMOJI_LDM_DATA=$HERE/.cache/$2 EMOJI_LDM_RUN=/tmp/smoke-$1 python3 train.py --device cuda --ae-steps 100 \
    --unet-steps 200 --batch "$3" --ae-batch "$4" --prediction "$5" --minutes 3 > /tmp/smoke-$1.log 2>&1
}
for t in "${TIERS[@]}"; do smoke $t & done
wait
for t in "${TIERS[@]}"; do
  set -- $t
  tail -n 3 /tmp/smoke-$1.log
  [ -f /tmp/smoke-$1/ema.pt ] || { echo "smoke run of tier $1 failed"; cat /tmp/smoke-$1.log; exit 1; }
done

# Seconds per step of each phase from the smoke logs (step 25 to the last), then steps that fit:
# 15% of the time for the autoencoder, 85% for the UNet, 10% slack for the evaluation's start.
steps_for() {
  python3 - "$1" "$TRAIN_SECONDS" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(f"/tmp/smoke-{sys.argv[1]}/log.jsonl")]
budget = float(sys.argv[2]) * 0.9
def per_step(phase):
    r = [e for e in rows if e["phase"] == phase]
    return (r[-1]["time"] - r[0]["time"]) / (r[-1]["step"] - r[0]["step"])
ae, unet = per_step("ae"), per_step("unet")
print(max(500, int(0.15 * budget / ae) // 100 * 100), max(1000, int(0.85 * budget / unet) // 100 * 100), f"{ae*1000:.1f}", f"{unet*1000:.1f}")
EOF
}

train_tier() {  # tier data batch ae_batch prediction
  read -r ae_steps unet_steps ae_ms unet_ms < <(steps_for "$1")
  echo "tier $1: autoencoder ${ae_ms} ms/step -> $ae_steps steps, UNet ${unet_ms} ms/step -> $unet_steps steps"
  run=/tmp/run-$1
  export EMOJI_LDM_DATA=$HERE/.cache/$2 EMOJI_LDM_RUN=$run
  python3 train.py --device cuda --ae-steps "$ae_steps" --unet-steps "$unet_steps" --batch "$3" --ae-batch "$4" \
    --prediction "$5" --minutes "$(python3 -c "print($TRAIN_SECONDS * 1.05 / 60)")" > /tmp/train-$1.log 2>&1
  # The weights first: if the evaluation overruns the call's limit, they still come back.
  cp "$run/ae.pt" "$OUT/tier$1-ae.pt"
  cp "$run/ema.pt" "$OUT/tier$1-ema.pt"
  # The exported names: emoji-ldm (the default, 64 px) and emoji-ldm-128; the reports follow evaluate.py.
  if [ "$1" = 64 ]; then name=emoji-ldm suffix=; else name=emoji-ldm-$1 suffix=-$1; fi
  timeout 120 python3 evaluate.py --device cuda --name "$name" --classifier-steps "$JUDGE_STEPS" --report-dir "$run" \
    --sheet "$run/$name-contact-sheet.png" > /tmp/eval-$1.log 2>&1
  cp /tmp/train-$1.log /tmp/eval-$1.log "$run/"
  tar czf "$OUT/tier$1-meta.tgz" -C "$run" history.json log.jsonl "quality$suffix.json" "QUALITY$suffix.md" \
    "$name-contact-sheet.png" "train-$1.log" "eval-$1.log" 2>&1
  echo "tier $1 done: $(tail -n 2 "$run/log.jsonl" | head -n 1)"
  grep -E "concept_set_top5|heldout_captions_top5" "$run/quality$suffix.json"
}
for t in "${TIERS[@]}"; do train_tier $t & done
wait
ls -la "$OUT"
