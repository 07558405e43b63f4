"""wp_proof: one Frama-C WP proof of model functions as a Bazel test."""

# The headers each source reads, directly or not (what `gcc -MM` lists): a
# proof's sandbox holds those of its files alone, so editing a header
# re-proves only the targets that read it (vm.h: vm, memory, exit, step).
# A header missing here fails the proof (Frama-C's preprocessor cannot
# find it); one listed but not read only costs a re-run.
_SPEC_OF_MODEL = ["spec/errno.h", "spec/limits.h", "spec/namespace.h", "spec/obs.h",
                  "spec/out.h", "spec/precheck.h", "spec/program.h"]

_INCLUDES = {
    "model/fdt.c": ["model/fdt.h", "model/logic.h", "model/state.h"] + _SPEC_OF_MODEL,
    "model/file.c": ["model/fdt.h", "model/file.h", "model/logic.h", "model/refs.h",
                     "model/state.h"] + _SPEC_OF_MODEL,
    "model/pages.c": ["model/logic.h", "model/pages.h", "model/state.h"] + _SPEC_OF_MODEL,
    "model/proc.c": ["model/fdt.h", "model/logic.h", "model/pages.h", "model/proc.h",
                     "model/refs.h", "model/state.h"] + _SPEC_OF_MODEL,
    "model/refs.c": ["model/logic.h", "model/refs.h", "model/state.h"] + _SPEC_OF_MODEL,
    "model/state.c": ["model/fdt.h", "model/file.h", "model/logic.h", "model/model.h",
                      "model/pages.h", "model/refs.h", "model/state.h"] + _SPEC_OF_MODEL,
    "model/step.c": ["model/fdt.h", "model/file.h", "model/logic.h", "model/model.h",
                     "model/proc.h", "model/state.h", "model/vm.h"] + _SPEC_OF_MODEL,
    "model/vm.c": ["model/logic.h", "model/pages.h", "model/state.h",
                   "model/vm.h"] + _SPEC_OF_MODEL,
    "spec/out.c": ["spec/out.h"],
    "spec/precheck.c": ["spec/errno.h", "spec/limits.h", "spec/obs.h", "spec/out.h",
                        "spec/precheck.h", "spec/program.h"],
    "spec/program.c": ["spec/limits.h", "spec/out.h", "spec/program.h"],
    "spec/sum.c": ["spec/limits.h", "spec/obs.h"],
}

def _inputs(files):
    """files and the headers they read, as labels (a test's data)."""
    out = {_label(f): True for f in files}
    for f in files:
        for h in _INCLUDES[f]:
            out[_label(h)] = True
    return sorted(out.keys())

def _label(path):
    package, name = path.rsplit("/", 1)
    return "//%s:%s" % (package, name)

# The smoke tests' step limits, the same for every target: a smoke test
# passes when neither prover proves false within them (docs/benchmarks.md
# has what larger limits found and cost).
SMOKE_Z3_STEPS = 1000000
SMOKE_CVC4_STEPS = 50000

def _wp_test(name, mode, functions, files, z3_steps, cvc4_steps):
    native.sh_test(
        name = name,
        # Outcomes depend on steps, not time; the Bazel timeout (an hour)
        # only catches a hung Frama-C.
        size = "enormous",
        srcs = ["wp.sh"],
        args = [mode, name, str(z3_steps), str(cvc4_steps), ",".join(functions)] + files,
        data = _inputs(files),
        # One prover at a time (-wp-par 1): at most one core each, busy
        # about 73% of the time (a third test at once would fill the gaps:
        # docs/benchmarks.md; .bazelrc says why it does not).
        tags = ["proof"],
    )

def wp_proof(name, functions, files = None, z3_steps = None, cvc4_steps = None, target = None):
    """Two tests: NAME proves every goal of functions (contracts, RTE) over
    files within the provers' step limits; NAME_smoke runs their smoke
    tests within the smoke limits above (wp.sh). target: a dict of files
    and limits instead."""
    if target:
        files, z3_steps, cvc4_steps = target["files"], target["z3_steps"], target["cvc4_steps"]
    _wp_test(name, "goals", functions, files, z3_steps, cvc4_steps)
    _wp_test(name + "_smoke", "smoke", functions, files, SMOKE_Z3_STEPS, SMOKE_CVC4_STEPS)

def wp_mutant(name, function, prop, target):
    """A planted model bug, mutants/NAME.patch, that must make the proof of
    function's ensures named prop fail, or with prop = "smoke" one of its
    smoke tests (mutant.sh), with target's files and limits (a dict; the
    smoke limits for a smoke test)."""
    files = target["files"]
    z3, cvc4 = target["z3_steps"], target["cvc4_steps"]
    if prop == "smoke":
        z3, cvc4 = SMOKE_Z3_STEPS, SMOKE_CVC4_STEPS
    native.sh_test(
        name = "mutant_" + name,
        size = "enormous",
        srcs = ["mutant.sh"],
        args = ["$(location mutants/%s.patch)" % name, function, prop, name,
                str(z3), str(cvc4)] + files,
        data = _inputs(files) +
               ["mutants/%s.patch" % name, "wp.sh"],
        tags = ["proof"],
    )
