#!/usr/bin/env bash
# Proves one model module with Frama-C WP (RTE, smoke tests, Z3 + CVC4) and
# prints its report. Fails unless every goal is proved and every smoke test
# passes. usage: wp.sh NAME Z3_STEPS CVC4_STEPS FUNCTIONS(comma-separated) FILE...
#
# The provers' limits are steps, not seconds, so a goal's outcome does not
# depend on how busy the machine is: Z3 gets Z3_STEPS of its rlimit, CVC4
# CVC4_STEPS of its resource units (the two count differently; each target
# has its own, from what its hardest goal took: proofs/BUILD).
# The seconds below are backstops for a prover that ignores its step limit
# (Z3 does in some phases); no goal comes near them.
set -uo pipefail
name=$1 z3_steps=$2 cvc4_steps=$3 functions=$4
shift 4
tmp=${TEST_TMPDIR:-$(mktemp -d)}

# WP finds provers only through a Why3 configuration: a private one, whose
# step-limited commands carry the per-prover limits.
export WHY3CONFIG="$tmp/why3.conf"
why3 config detect >/dev/null 2>&1
if ! grep -q 'name = "Z3"' "$WHY3CONFIG" || ! grep -q 'name = "CVC4"' "$WHY3CONFIG"; then
    echo "proof $name: Why3 finds no Z3 or CVC4 (run ./forkspec setup)"
    echo "0 passed, 1 failed"
    exit 1
fi
why3 config show 2>/dev/null | /usr/bin/python3 -c '
import re, sys
z3, cvc4 = sys.argv[1], sys.argv[2]
out = []
for block in sys.stdin.read().split("\n\n"):
    if block.startswith("[prover]"):
        if "alternative" in block:
            continue
        if "name = \"Z3\"" in block:
            block = block.replace(" rlimit=%S ", " rlimit=" + z3 + " ")
        elif "name = \"CVC4\"" in block:
            block = block.replace("--rlimit=%S ", "--rlimit=" + cvc4 + " ")
    out.append(block)
print("\n\n".join(out))
' "$z3_steps" "$cvc4_steps" > "$tmp/why3-steps.conf"
if [ "$(grep -c "rlimit=$z3_steps \|--rlimit=$cvc4_steps " "$tmp/why3-steps.conf")" != 2 ]; then
    echo "proof $name: cannot set the provers' step limits in Why3's configuration"
    echo "0 passed, 1 failed"
    exit 1
fi
export WHY3CONFIG="$tmp/why3-steps.conf"

# -wp-steps 1 only makes Why3 use the step-limited commands above. One
# prover at a time (Z3, then CVC4 where Z3 fails): one core per proof.
# WP_GOALS replaces the goals' options, for mutant.sh alone (a planted
# bug's one postcondition); every proof of the model proves all goals,
# RTE and smoke tests included.
checks=(-wp-rte -wp-smoke-tests)
[ -n "${WP_GOALS:-}" ] && read -ra checks <<< "$WP_GOALS"
start=$(date +%s)
frama-c -cpp-extra-args="-I." \
    -wp "${checks[@]}" -wp-prover z3,cvc4 -wp-par 1 \
    -wp-steps 1 -wp-timeout 120 -wp-smoke-timeout 10 -wp-fct "$functions" \
    -wp-report-json "$tmp/report.json" "$@" > "$tmp/wp.log" 2>&1
status=$?
seconds=$(( $(date +%s) - start ))
if [ "$status" != 0 ] || [ ! -s "$tmp/report.json" ]; then
    cat "$tmp/wp.log"
    echo "proof $name: Frama-C failed (status $status)"
    echo "0 passed, 1 failed"
    exit 1
fi

/usr/bin/python3 - "$name" "$seconds" "$tmp/report.json" "$tmp/wp.log" <<'PY'
import json, re, sys
name, seconds, report, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
data = json.load(open(report))
rows, bad = [], []
for fn, props in sorted(data["wp:functions"].items()):
    total = valid = smoke = 0
    for prop, stats in props.items():
        if prop == "wp:section":
            continue
        main = stats.get("wp:main", {})
        total += main.get("total", 0)
        valid += main.get("valid", 0)
        smoke += main.get("total", 0) if "_wp_smoke_" in prop else 0
        if main.get("valid", 0) != main.get("total", 0):
            bad.append(f"{fn}: {prop}")
    rows.append((fn, valid, total, smoke))
provers = {k: v for k, v in data["wp:global"].items() if k != "wp:main"}
main = data["wp:global"].get("wp:main", {})
total, valid = main.get("total", 0), main.get("valid", 0)
print(f"proof {name}: {valid}/{total} goals proved in {seconds} s "
      "(RTE and smoke tests included)")
print("  by prover: " + "; ".join(
    f"{k} " + ", ".join(f"{n} {c}" for n, c in v.items() if n not in ("total", "rank"))
    for k, v in sorted(provers.items())))
print(f"  {'function':<24} {'proved':>7} {'goals':>6} {'smoke':>6}")
for fn, v, t, s in rows:
    print(f"  {fn:<24} {v:>7} {t:>6} {s:>6}")
for line in open(log):     # "Z3 4.8.12: N (times) (most steps a proof took)"
    if re.match(r"  (Z3|CVC4|Qed)", line):
        print("  " + line.strip())
for line in bad:
    print("  NOT PROVED: " + line)
for line in open(log):
    if re.search(r"\[wp\] .*(Failed|Warning)", line) and "missing-spec" not in line:
        print("  " + line.rstrip())
ok = valid == total and total > 0 and not bad
print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
sys.exit(0 if ok else 1)
PY
