"""wp_proof: one Frama-C WP proof of model functions as a Bazel test."""

# Every proof reads all headers (contracts and logic); of the .c files only
# those it names, so a change to one module re-proves only the targets
# that name it.
HEADERS = [
    "//model:fdt.h",
    "//model:file.h",
    "//model:logic.h",
    "//model:model.h",
    "//model:pages.h",
    "//model:proc.h",
    "//model:refs.h",
    "//model:state.h",
    "//model:vm.h",
    "//spec:bytes.h",
    "//spec:errno.h",
    "//spec:frame.h",
    "//spec:gen.h",
    "//spec:limits.h",
    "//spec:namespace.h",
    "//spec:obs.h",
    "//spec:obs_print.h",
    "//spec:out.h",
    "//spec:precheck.h",
    "//spec:program.h",
    "//spec:trace.h",
]

def _label(path):
    package, name = path.rsplit("/", 1)
    return "//%s:%s" % (package, name)

def wp_proof(name, functions, files):
    """Proves functions (RTE, smoke tests) over files; see wp.sh."""
    native.sh_test(
        name = name,
        size = "large",
        srcs = ["wp.sh"],
        args = [name, ",".join(functions)] + files,
        data = HEADERS + [_label(f) for f in files],
        # One core each: a proof keeps about one core busy (Frama-C's own
        # work is sequential), so two run side by side. The slowest goal
        # takes about 3 s against the 10 s timeout, so sharing cores does
        # not turn proofs into timeouts.
        tags = ["proof"],
    )

