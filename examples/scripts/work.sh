#!/usr/bin/env bash
# Diamond workflow, stage 2: wrap one JSON document in a work record.
# Usage: work.sh -i INPUT.json -o OUTPUT.json
set -euo pipefail
input=""
output=""
while getopts "i:o:" opt; do
    case "$opt" in
        i) input="$OPTARG" ;;
        o) output="$OPTARG" ;;
        *) echo "usage: $0 -i INPUT -o OUTPUT" >&2; exit 2 ;;
    esac
done
[[ -n "$input" && -n "$output" ]] || { echo "usage: $0 -i INPUT -o OUTPUT" >&2; exit 2; }
mkdir -p "$(dirname "$output")"
printf '{"stage": "work", "host": "%s", "input": %s}\n' "$(hostname)" "$(cat "$input")" > "$output"
