"""The kernel's mutants: plausible bugs, each a patch NAME.patch in this
directory (its first lines say what it breaks) applied to a copy of the
kernel's sources. Each becomes a test build //kernel:kernel_mutant_<name>
(kernel/BUILD); a patch that no longer applies fails that build."""

MUTANTS = [
    "append_keeps_offset",
    "cow_keeps_old_ref",
    "cwd_leak",
    "dup2_keeps_old_ref",
    "dup2_same",
    "efbig_one_early",
    "emfile_enfile_order",
    "exit_keeps_writer",
    "file_write_short_at_limit",
    "fork_no_file_ref",
    "heap_max_one_early",
    "lseek_end_at_offset",
    "mprotect_no_flush",
    "mprotect_window_end_no_split",
    "munmap_off_by_one",
    "no_cow",
    "no_reparent",
    "nobj_last_unused",
    "nofile_off_by_one",
    "nproc_last_unused",
    "pipe_no_eof",
    "pipe_read_no_wrap",
    "pipe_slot_leak",
    "pipe_write_exact_fill",
    "sbrk_keeps_frames",
    "shared_store_stale_zero",
    "split_no_obj_ref",
    "trunc_needs_write",
    "wait_non_child",
    "zombie_orphans_kept",
]
