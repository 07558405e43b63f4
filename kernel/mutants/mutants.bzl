"""The kernel's mutants: plausible bugs, each a patch NAME.patch in this
directory (its first lines say what it breaks) applied to a copy of the
kernel's sources. Each becomes a test build //kernel:kernel_mutant_<name>
(kernel/BUILD); a patch that no longer applies fails that build."""

MUTANTS = [
    "append_keeps_offset",
    "cow_keeps_old_ref",
    "cwd_leak",
    "dup2_same",
    "exit_keeps_writer",
    "fork_no_file_ref",
    "lseek_end_at_offset",
    "mprotect_no_flush",
    "munmap_off_by_one",
    "no_cow",
    "no_reparent",
    "nofile_off_by_one",
    "pipe_no_eof",
    "pipe_slot_leak",
    "sbrk_keeps_frames",
    "shared_store_stale_zero",
    "split_no_obj_ref",
    "trunc_needs_write",
    "wait_non_child",
]
