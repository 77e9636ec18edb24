#!/usr/bin/env bash
# Write a small JSON object, standing in for a real program's output.
# Usage: emit_json.sh OUTPUT.json key=value [key=value ...]
# Values that look like JSON numbers are written as numbers, everything else as strings.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 OUTPUT key=value ..." >&2; exit 2; }
output="$1"
shift
mkdir -p "$(dirname "$output")"
number='^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$'
{
    printf '{'
    sep=""
    for pair in "$@"; do
        key="${pair%%=*}"
        value="${pair#*=}"
        if [[ "$value" =~ $number ]]; then
            printf '%s"%s": %s' "$sep" "$key" "$value"
        else
            printf '%s"%s": "%s"' "$sep" "$key" "$value"
        fi
        sep=", "
    done
    printf '}\n'
} > "$output"
