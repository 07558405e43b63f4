#!/usr/bin/env bash
# bazel test //kernel:mutants_test: every mutant killed by the gate.
# usage: mutants_test.sh SECONDS MUTANT.elf...
set -uo pipefail
seconds=$1
shift
if kernel/mutants/run_mutants.sh diff/gate_cli "$seconds" diff/corpus "$@"; then
    echo "1 passed, 0 failed"
else
    echo "0 passed, 1 failed"
    exit 1
fi
