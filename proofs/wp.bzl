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
        # wp.sh runs two provers at once: reserve both cores so proofs do
        # not race each other into timeouts.
        tags = ["proof", "cpu:2"],
    )

