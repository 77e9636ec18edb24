#!/usr/bin/env bash
# Diamond workflow, stage 1: read one JSON document and split it into two.
# Usage: preprocess.sh -i INPUT.json -o OUT1.json -o OUT2.json
set -euo pipefail
input=""
outputs=()
while getopts "i:o:" opt; do
    case "$opt" in
        i) input="$OPTARG" ;;
        o) outputs+=("$OPTARG") ;;
        *) echo "usage: $0 -i INPUT -o OUTPUT [-o OUTPUT ...]" >&2; exit 2 ;;
    esac
done
[[ -n "$input" && ${#outputs[@]} -gt 0 ]] || { echo "usage: $0 -i INPUT -o OUTPUT [-o OUTPUT ...]" >&2; exit 2; }
data="$(cat "$input")"
part=0
for out in "${outputs[@]}"; do
    part=$((part + 1))
    mkdir -p "$(dirname "$out")"
    printf '{"stage": "preprocess", "part": %d, "input": %s}\n' "$part" "$data" > "$out"
done
