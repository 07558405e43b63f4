# Sourced by the CLI tests: a scratch directory $tmp (removed on exit) and
# check NAME COMMAND..., which counts COMMAND's success; done prints the
# plain count line and sets the exit status.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
done_checks() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
}
