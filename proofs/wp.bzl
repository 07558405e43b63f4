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

def wp_proof(name, functions, files = None, z3_steps = None, cvc4_steps = None, target = None):
    """Proves functions (RTE, smoke tests) over files within the provers'
    step limits; see wp.sh. target: a dict of files and limits instead."""
    if target:
        files, z3_steps, cvc4_steps = target["files"], target["z3_steps"], target["cvc4_steps"]
    native.sh_test(
        name = name,
        # Outcomes depend on steps, not time; the Bazel timeout (an hour)
        # only catches a hung Frama-C.
        size = "enormous",
        srcs = ["wp.sh"],
        args = [name, str(z3_steps), str(cvc4_steps), ",".join(functions)] + files,
        data = HEADERS + [_label(f) for f in files],
        # One core each (-wp-par 1: Frama-C waits for its one prover), so
        # Bazel's two proofs at once keep both cores busy, no more.
        tags = ["proof"],
    )


def wp_mutant(name, function, prop, target):
    """A planted model bug, mutants/NAME.patch, that must make the proof of
    function's ensures named prop fail (mutant.sh), with target's files
    and limits (a dict)."""
    files = target["files"]
    native.sh_test(
        name = "mutant_" + name,
        size = "enormous",
        srcs = ["mutant.sh"],
        args = ["$(location mutants/%s.patch)" % name, function, prop, name,
                str(target["z3_steps"]), str(target["cvc4_steps"])] + files,
        data = HEADERS + [_label(f) for f in files] + ["mutants/%s.patch" % name, "wp.sh"],
        tags = ["proof"],
    )
