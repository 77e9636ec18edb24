#!/usr/bin/env bash
# Recovery script of the failure-handler demo: torc runs it after a failed attempt and before
# the retry. torc sets TORC_WORKFLOW_ID, TORC_JOB_ID and TORC_RETURN_CODE (the failed exit code).
set -euo pipefail
log="output/failure_handlers/recovery.log"
mkdir -p "$(dirname "$log")"
case "${TORC_RETURN_CODE:-}" in
    10) action="convergence failure: loosening the solver tolerance" ;;
    11) action="out of memory: reducing the problem size" ;;
    *) action="exit code ${TORC_RETURN_CODE:-unknown}: retrying unchanged" ;;
esac
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) workflow ${TORC_WORKFLOW_ID:-?} job ${TORC_JOB_ID:-?}: $action" >> "$log"
