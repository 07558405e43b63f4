"""wp_proof: one Frama-C WP proof of model functions as a Bazel test."""

MODEL_SOURCES = [
    "//model:fdt.c",
    "//model:fdt.h",
    "//model:file.c",
    "//model:file.h",
    "//model:logic.h",
    "//model:model.h",
    "//model:pages.c",
    "//model:pages.h",
    "//model:proc.c",
    "//model:proc.h",
    "//model:refs.c",
    "//model:refs.h",
    "//model:state.c",
    "//model:state.h",
    "//model:step.c",
    "//model:vm.c",
    "//model:vm.h",
    "//spec:shared_sources",
]

def wp_proof(name, functions, files):
    """Proves functions (RTE, smoke tests) over files; see wp.sh."""
    native.sh_test(
        name = name,
        size = "large",
        srcs = ["wp.sh"],
        args = [name, ",".join(functions)] + files,
        data = MODEL_SOURCES,
        # One core each: a proof keeps about one core busy (Frama-C's own
        # work is sequential), so two run side by side; Why3's limits are
        # CPU time, so sharing does not turn proofs into timeouts.
        tags = ["proof"],
    )

