#!/usr/bin/env bash
# Diamond workflow, stage 3: combine several JSON documents into one list.
# Usage: postprocess.sh -i IN1.json -i IN2.json -o OUTPUT.json
#        postprocess.sh -o OUTPUT.json IN1.json IN2.json ...   (inputs after the options)
set -euo pipefail
inputs=()
output=""
while getopts "i:o:" opt; do
    case "$opt" in
        i) inputs+=("$OPTARG") ;;
        o) output="$OPTARG" ;;
        *) echo "usage: $0 -i INPUT [-i INPUT ...] -o OUTPUT" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
inputs+=("$@")
[[ ${#inputs[@]} -gt 0 && -n "$output" ]] || { echo "usage: $0 -i INPUT [-i INPUT ...] -o OUTPUT" >&2; exit 2; }
mkdir -p "$(dirname "$output")"
tmp="$output.tmp.$$"
{
    printf '{"stage": "postprocess", "count": %d, "results": [' "${#inputs[@]}"
    sep=""
    for f in "${inputs[@]}"; do
        printf '%s%s' "$sep" "$(cat "$f")"
        sep=", "
    done
    printf ']}\n'
} > "$tmp"
mv "$tmp" "$output"
