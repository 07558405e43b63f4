#!/usr/bin/env bash
# Proves one model module with Frama-C WP (RTE, smoke tests, Z3 + CVC4) and
# prints its report. Fails unless every goal is proved and every smoke test
# passes. usage: wp.sh NAME FUNCTIONS(comma-separated) FILE...
set -uo pipefail
name=$1 functions=$2
shift 2
tmp=${TEST_TMPDIR:-$(mktemp -d)}
timeout=${WP_TIMEOUT:-10}

# WP finds provers only through a Why3 configuration: make a private one.
export WHY3CONFIG="$tmp/why3.conf"
why3 config detect >/dev/null 2>&1
if ! grep -q 'name = "Z3"' "$WHY3CONFIG" || ! grep -q 'name = "CVC4"' "$WHY3CONFIG"; then
    echo "proof $name: Why3 finds no Z3 or CVC4 (run ./forkspec setup)"
    echo "0 passed, 1 failed"
    exit 1
fi

start=$(date +%s)
frama-c -cpp-extra-args="-I." \
    -wp -wp-rte -wp-smoke-tests -wp-prover z3,cvc4 -wp-par 2 \
    -wp-timeout "$timeout" -wp-smoke-timeout 1 -wp-fct "$functions" \
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
print("  by prover: " + ", ".join(f"{k} {v.get('valid', 0)}" for k, v in sorted(provers.items())))
print(f"  {'function':<24} {'proved':>7} {'goals':>6} {'smoke':>6}")
for fn, v, t, s in rows:
    print(f"  {fn:<24} {v:>7} {t:>6} {s:>6}")
for line in bad:
    print("  NOT PROVED: " + line)
for line in open(log):
    if re.search(r"\[wp\] .*(Failed|Warning)", line) and "missing-spec" not in line:
        print("  " + line.rstrip())
ok = valid == total and total > 0 and not bad
print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
sys.exit(0 if ok else 1)
PY
