#!/usr/bin/env bash
# Proves one model module with Frama-C WP and prints its report.
# usage: wp.sh MODE NAME Z3_STEPS CVC4_STEPS FUNCTIONS(comma-separated) FILE...
#   MODE goals: every proof goal (contracts and RTE); fails unless all are
#               proved.
#   MODE smoke: the smoke tests alone (WP tries to prove false from each
#               precondition and before each statement); fails if a prover
#               does, i.e. on dead code or an inconsistent precondition.
# Either fails on any warning of Frama-C's (proofs/rejects_test.sh).
#
# The provers' limits are steps, not seconds, so an outcome does not depend
# on how busy the machine is: Z3 gets Z3_STEPS of its rlimit, CVC4
# CVC4_STEPS of its resource units (the two count differently; each target
# has its own, from what its hardest goal took: proofs/BUILD; smoke tests
# share one pair, wp.bzl). The seconds below are backstops for a prover
# that ignores its step limit (Z3 does in some phases); no goal comes near
# them.
set -uo pipefail
mode=$1 name=$2 z3_steps=$3 cvc4_steps=$4 functions=$5
shift 5
case "$mode" in
    goals | smoke) ;;
    *) echo "wp.sh: mode '$mode': not goals or smoke"; echo "0 passed, 1 failed"; exit 1 ;;
esac
tmp=${TEST_TMPDIR:-$(mktemp -d)}

# WP finds provers only through a Why3 configuration: a private one, whose
# step-limited commands carry the per-prover limits.
export WHY3CONFIG="$tmp/why3.conf"
why3 config detect >/dev/null 2>&1
if ! grep -q 'name = "Z3"' "$WHY3CONFIG" || ! grep -q 'name = "CVC4"' "$WHY3CONFIG"; then
    echo "$mode $name: Why3 finds no Z3 or CVC4 (run ./forkspec setup)"
    echo "0 passed, 1 failed"
    exit 1
fi
# For smoke tests, Z3 uses its legacy arithmetic solver (smt.arith.solver=2):
# the default one ignores the rlimit in its nonlinear parts, and six smoke
# goals (counting, exit, vm) ran past 30 s at rlimit 1,000,000 with it;
# each gives up within 1.6 s with the legacy solver, so steps, not the
# time backstop, decide. Proof goals keep the default: their limits were
# measured with it.
why3 config show 2>/dev/null | /usr/bin/python3 -c '
import re, sys
z3, cvc4, mode = sys.argv[1], sys.argv[2], sys.argv[3]
out = []
for block in sys.stdin.read().split("\n\n"):
    if block.startswith("[prover]"):
        if "alternative" in block:
            continue
        if "name = \"Z3\"" in block:
            block = block.replace(" rlimit=%S ", " rlimit=" + z3 + " ")
            if mode == "smoke":
                block = block.replace(" rlimit=", " smt.arith.solver=2 rlimit=")
        elif "name = \"CVC4\"" in block:
            block = block.replace("--rlimit=%S ", "--rlimit=" + cvc4 + " ")
    out.append(block)
print("\n\n".join(out))
' "$z3_steps" "$cvc4_steps" "$mode" > "$tmp/why3-steps.conf"
if [ "$(grep -c "rlimit=$z3_steps \|--rlimit=$cvc4_steps " "$tmp/why3-steps.conf")" != 2 ]; then
    echo "$mode $name: cannot set the provers' step limits in Why3's configuration"
    echo "0 passed, 1 failed"
    exit 1
fi
export WHY3CONFIG="$tmp/why3-steps.conf"

# -wp-steps 1 only makes Why3 use the step-limited commands above. One
# prover at a time (Z3, then CVC4 where Z3 fails): one core per proof.
# The smoke tests are selected by removing every property category but
# assigns: WP makes a function's smoke tests only when it has a goal, and
# every contracted function has an assigns goal (cheap; proved, with every
# other goal, by the target's goals test). RTE's assertions stay, as
# hypotheses. WP_GOALS replaces the goals' options, for mutant.sh alone (a
# planted bug's one postcondition); every proof of the model proves all
# goals.
#
# Goals include termination: with the two -terminate flags every function
# gets `terminates \true` (WP warns that it fills it in, the one warning
# accepted below), so a loop without a `loop variant` fails its function's
# terminates goal, and a call counts as terminating only because its
# callee's own target proves it does (proofs/rejects_test.sh).
#
# RTE checks every integer conversion that can change a value, not only
# Frama-C's defaults (signed overflow, division, shifts, indices): the two
# -warn-*-downcast flags make each cast to a narrower or other-signed type
# a goal, explicit casts included, so a conversion that wraps on purpose is
# written as fk_u32_of/fk_i32_of (spec/obs.h) and every other one is
# proved to keep its value.
#
# Smoke tests leave out WP's dead_call kind (does the state after a call
# contradict the callee's postcondition?): a callee proved to terminate in
# a state satisfying its ensures from every state satisfying its requires,
# which the caller proves, returns to a consistent state whenever the call
# is reached; whether it is reached is the dead-code tests' question.
if [ "$mode" = smoke ]; then
    categories="lemma requires ensures exits assert invariant variant"
    categories+=" breaks continues returns complete_behaviors"
    categories+=" disjoint_behaviors terminates decreases check"
    checks=(-wp-rte -wp-smoke-tests -wp-no-smoke-dead-call
            "-wp-prop=$(printf -- '-@%s,' $categories | sed 's/,$//')")
else
    checks=(-wp-rte -wp-definitions-terminate -wp-declarations-terminate)
    [ -n "${WP_GOALS:-}" ] && read -ra checks <<< "$WP_GOALS"
fi
start=$(date +%s)
frama-c -cpp-extra-args="-I." -warn-signed-downcast -warn-unsigned-downcast \
    -wp "${checks[@]}" -wp-prover z3,cvc4 -wp-par 1 \
    -wp-steps 1 -wp-timeout 120 -wp-smoke-timeout 10 -wp-fct "$functions" \
    -wp-report-json "$tmp/report.json" "$@" > "$tmp/wp.log" 2>&1
status=$?
seconds=$(( $(date +%s) - start ))
if [ "$status" != 0 ] || [ ! -s "$tmp/report.json" ]; then
    cat "$tmp/wp.log"
    echo "$mode $name: Frama-C failed (status $status)"
    echo "0 passed, 1 failed"
    exit 1
fi

/usr/bin/python3 - "$mode" "$name" "$seconds" "$tmp/report.json" "$tmp/wp.log" <<'PY'
import json, os, re, sys
mode, name, seconds, report, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
data = json.load(open(report))
rows, bad, misplaced = [], [], []
for fn, props in sorted(data["wp:functions"].items()):
    total = valid = 0
    for prop, stats in props.items():
        if prop == "wp:section":
            continue
        if ("_wp_smoke_" in prop) != (mode == "smoke"):
            if mode == "goals" or "_assigns" not in prop:
                misplaced.append(f"{fn}: {prop}")
            continue        # an assigns goal that carries smoke tests
        main = stats.get("wp:main", {})
        total += main.get("total", 0)
        valid += main.get("valid", 0)
        if main.get("valid", 0) != main.get("total", 0):
            bad.append(f"{fn}: {prop}")
    rows.append((fn, valid, total))
total, valid = sum(r[2] for r in rows), sum(r[1] for r in rows)
provers = {k: v for k, v in data["wp:global"].items() if k != "wp:main"}
if mode == "goals":
    print(f"proof {name}: {valid}/{total} goals proved in {seconds} s (RTE included)")
    print("  by prover: " + "; ".join(
        f"{k} " + ", ".join(f"{n} {c}" for n, c in v.items() if n not in ("total", "rank"))
        for k, v in sorted(provers.items())))
    head, fail = "proved", "NOT PROVED"
else:
    # A smoke test passes when no prover proves false there.
    print(f"smoke {name}: {valid}/{total} smoke tests passed in {seconds} s "
          "(no prover found dead code or an inconsistent precondition)")
    head, fail = "passed", "SMOKE TEST FAILED (a prover proved false: dead code or inconsistent requires)"
print(f"  {'function':<24} {head:>7} {'of':>6}")
for fn, v, t in rows:
    print(f"  {fn:<24} {v:>7} {t:>6}")
for line in open(log):     # "Z3 4.8.12: N (times) (most steps a proof took)"
    if re.match(r"  (Z3|CVC4|Qed)", line):
        print("  " + line.strip())
for line in bad:
    print(f"  {fail}: {line}")
for line in misplaced:
    print(f"  NOT A {mode.upper()} GOAL (the selection is wrong): {line}")
for line in open(log):
    if re.search(r"\[wp\] .*Failed", line):
        print("  " + line.rstrip())
# Any warning of Frama-C's fails the run: a called function with neither
# code nor contract (missing-spec) gets a default assigns WP trusts, a
# typing or RTE warning means the goals are not about the C we meant.
# (A planted bug's one property, WP_GOALS, is proved without -wp-rte, so
# there WP says that RTE guards are missing.)
warnings, lines = [], open(log).read().splitlines()
for i, line in enumerate(lines):
    if os.environ.get("WP_GOALS") and line == "[wp] Warning: Missing RTE guards":
        continue
    if re.match(r"\[[\w:-]+\] .*\bWarning\b", line):
        said = [line] + [l.strip() for l in lines[i + 1:i + 3] if l.startswith("  ")]
        if re.search(r"Warning:\s+Missing terminates clause for \w+, populates 'terminates \\true'$",
                     " ".join(said)):
            continue    # the -terminate flags at work (goals mode)
        warnings.append(" ".join(said))
for line in warnings:
    print("  UNEXPECTED WARNING: " + line)
ok = valid == total and total > 0 and not bad and not misplaced and not warnings
print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
sys.exit(0 if ok else 1)
PY
