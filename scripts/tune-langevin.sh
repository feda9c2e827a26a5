#!/usr/bin/env bash
# Sweeps the Langevin sampler's ε, T and start level k at about 50 score evaluations per
# sample on the first few bsd100_256 photos; one JSON and one contact sheet per setting.
#   bash scripts/tune-langevin.sh [out-dir] [photos] [samples]
set -euo pipefail
out=${1:-runs/langevin-tune}
limit=${2:-5}
samples=${3:-4}
mkdir -p "$out"
#        k T  ε      (evaluations = (10 − k)·T + 1)
configs=(
  "5 10 4e-5"
  "5 10 8e-5"
  "5 10 1.6e-4"
  "7 16 4e-5"
  "7 16 1e-4"
  "6 12 8e-5"
  "4 8 8e-5"
  "0 5 8e-5"
)
for c in "${configs[@]}"; do
  read -r k t e <<<"$c"
  name="k${k}-T${t}-e${e}"
  npm run -s eval:langevin -- --data ../shared/datasets/bsd100_256 --limit "$limit" --samples "$samples" --seed 1 \
    --start-level "$k" --steps-per-level "$t" --epsilon "$e" --json "$out/$name.json" --sheet "$out/$name.png" 2>/dev/null | sed "s/^/[$name] /"
done
