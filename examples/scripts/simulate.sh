#!/usr/bin/env bash
# Failure-handler demo: a simulation that fails on its first attempt in some scenarios and
# succeeds when torc retries it.
# Usage: simulate.sh MODEL SCENARIO OUTPUT.json
#   scenario 0: succeeds
#   scenario 1: first attempt exits 10 (convergence failure), or 11 (out of memory) for model 2
#   scenario 2: first attempt exits 12 (transient error)
# The attempt number comes from $TORC_ATTEMPT_ID when set, otherwise from the job's record
# on the server ($TORC_API_URL/jobs/$TORC_JOB_ID, field attempt_id).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 MODEL SCENARIO OUTPUT" >&2; exit 2; }
model="$1"
scenario="$2"
output="$3"

attempt="${TORC_ATTEMPT_ID:-}"
if [[ -z "$attempt" && -n "${TORC_API_URL:-}" && -n "${TORC_JOB_ID:-}" ]]; then
    auth=()
    if [[ -n "${TORC_USERNAME:-}" ]]; then
        auth=(-u "$TORC_USERNAME:${TORC_PASSWORD:-}")
    fi
    attempt="$(curl -fsS "${auth[@]}" "$TORC_API_URL/jobs/$TORC_JOB_ID" |
        grep -o '"attempt_id": *[0-9]*' | grep -o '[0-9]*$' || true)"
fi
attempt="${attempt:-1}"
echo "model $model scenario $scenario attempt $attempt"

if [[ "$attempt" -le 1 ]]; then
    case "$scenario" in
        1)
            if [[ "$model" -eq 2 ]]; then
                echo "out of memory" >&2
                exit 11
            fi
            echo "solver did not converge" >&2
            exit 10
            ;;
        2)
            echo "transient error: license server unavailable" >&2
            exit 12
            ;;
    esac
fi
mkdir -p "$(dirname "$output")"
printf '{"model": %d, "scenario": %d, "attempt": %d, "status": "converged"}\n' \
    "$model" "$scenario" "$attempt" > "$output"
