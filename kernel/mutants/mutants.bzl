"""The kernel's mutants: plausible bugs behind compile-time switches
(-DMUTANT_<NAME> in the kernel's sources). Each becomes a test build
//kernel:kernel_mutant_<name> (kernel/BUILD)."""

MUTANTS = {
    "dup2_same": "dup2 with old == new closes the fd",
    "fork_no_file_ref": "fork forgets the open-file reference",
    "cwd_leak": "exit leaks the cwd reference",
    "no_reparent": "exit does not re-parent children to p0",
    "wait_non_child": "wait reaps a zombie that is not the caller's child",
    "exit_keeps_writer": "a pipe's writer count is not dropped on exit",
    "split_no_obj_ref": "splitting a shared region does not count the new region (object freed while mapped)",
    "munmap_off_by_one": "munmap leaves the last page of the range mapped",
    "mprotect_no_flush": "mprotect keeps stale page-table entries",
    "sbrk_keeps_frames": "shrinking the heap keeps the frames referenced",
    "no_cow": "private pages shared without copy-on-write",
    "cow_keeps_old_ref": "a copy-on-write break leaves the old frame's refcount",
    "lseek_end_at_offset": "lseek end counts from the offset, not the size",
    "pipe_no_eof": "reading an empty pipe with no writers gives EAGAIN, not EOF",
    "trunc_needs_write": "trunc is ignored on a read-only open",
    "nofile_off_by_one": "the fd table holds 15 fds, not 16",
    "append_keeps_offset": "an append write does not move the offset",
}
