#!/usr/bin/env bash
# bazel test //diff:mutants_test: every kernel mutant killed by the gate.
# usage: mutants_test.sh LIMIT MUTANT.elf...  (LIMIT: --programs=N)
set -uo pipefail
limit=$1
shift
if kernel/mutants/run_mutants.sh diff/gate_cli diff/corpus "$limit" "$@"; then
    echo "1 passed, 0 failed"
else
    echo "0 passed, 1 failed"
    exit 1
fi
