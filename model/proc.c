/* fork, exit, wait, getpid, getppid. */
#include "model/fdt.h"
#include "model/proc.h"
#include "model/state.h"
#include "spec/errno.h"

static int free_slot(void)
{
    for (int c = 0; c < FK_NPROC; c++)
        if (proc_state[c] == P_FREE)
            return c;
    return -1;
}

/* The child shares every private frame (copy-on-write) and every object. */
static void copy_vm(int p, int c)
{
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        pg_attr[c][i] = pg_attr[p][i];
        pg_start[c][i] = pg_start[p][i];
        pg_frame[c][i] = pg_frame[p][i];
        pg_obj[c][i] = pg_obj[p][i];
        pg_objpage[c][i] = pg_objpage[p][i];
        if (pg_frame[p][i] >= 0)
            frame_ref[pg_frame[p][i]]++;
        if (pg_start[p][i] && (pg_attr[p][i] & FK_PG_SHARED))
            obj_ref[pg_obj[p][i]]++;
    }
    heap_pages[c] = heap_pages[p];
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++) {
        heap_frame[c][j] = heap_frame[p][j];
        if (heap_frame[p][j] >= 0)
            frame_ref[heap_frame[p][j]]++;
    }
}

struct fk_result sys_fork(int p)
{
    int c = free_slot();
    if (c < 0) {
        return err(FK_EAGAIN);
    }
    proc_state[c] = P_ALIVE;
    proc_pid[c] = next_pid++;
    proc_parent[c] = (int8_t)p;
    proc_status[c] = 0;
    copy_vm(p, c);
    for (int f = 0; f < FK_NOFILE; f++) {
        fd_write(c, f, fdt[p][f]);
        if (fdt[p][f] >= 0)
            file_ref[fdt[p][f]]++;
    }
    proc_cwd[c] = proc_cwd[p];
    node_ref[proc_cwd[p]]++;
    return ok(proc_pid[c], 0);
}

void proc_teardown(int p, int32_t status)
{
    int root = slot_of(0);
    for (int f = 0; f < FK_NOFILE; f++)
        if (fdt[p][f] >= 0) {
            int file = fdt[p][f];
            fd_write(p, f, -1);
            file_put(file);
        }
    unmap_range(p, 0, FK_MMAP_PAGES);
    for (int j = 0; j < heap_pages[p]; j++)
        if (heap_frame[p][j] >= 0) {
            frame_put(heap_frame[p][j]);
            heap_frame[p][j] = -1;
        }
    heap_pages[p] = 0;
    node_ref[proc_cwd[p]]--;
    proc_cwd[p] = -1;
    for (int q = 0; q < FK_NPROC; q++)
        if (proc_state[q] != P_FREE && proc_parent[q] == p && q != p)
            proc_parent[q] = (int8_t)root;
    proc_state[p] = P_ZOMBIE;
    proc_status[p] = status;
}

struct fk_result sys_exit(int p, int32_t code)
{
    proc_teardown(p, fk_status_exited(code));
    return ok(0, 0);
}

/*@ requires 0 <= p < FK_NPROC;
    assigns \nothing;
    ensures \result != 0 <==> \exists integer q; waited_child(q, p, pid);
*/
static int has_children(int p, int32_t pid)
{
    /*@ loop invariant 0 <= q <= FK_NPROC;
        loop invariant \forall integer r; 0 <= r < q ==> !waited_child(r, p, pid);
        loop assigns q;
        loop variant FK_NPROC - q;
    */
    for (int q = 0; q < FK_NPROC; q++)
        if (proc_state[q] != P_FREE && proc_parent[q] == p && q != p
            && (pid == -1 || proc_pid[q] == pid))
            return 1;
    return 0;
}

/* The zombie child to reap for wait(pid): the lowest pid, or -1. */
/*@ requires 0 <= p < FK_NPROC;
    assigns \nothing;
    ensures -1 <= \result < FK_NPROC;
    ensures \result >= 0 ==> waited_child(\result, p, pid)
              && proc_state[\result] == P_ZOMBIE;
    ensures \result >= 0 ==> \forall integer r; waited_child(r, p, pid)
              && proc_state[r] == P_ZOMBIE ==> proc_pid[\result] <= proc_pid[r];
    ensures \result < 0 ==> \forall integer r; waited_child(r, p, pid)
              ==> proc_state[r] != P_ZOMBIE;
*/
static int zombie_child(int p, int32_t pid)
{
    int best = -1;
    /*@ loop invariant 0 <= q <= FK_NPROC;
        loop invariant -1 <= best < q;
        loop invariant best >= 0 ==> waited_child(best, p, pid)
                       && proc_state[best] == P_ZOMBIE;
        loop invariant best >= 0 ==> \forall integer r; 0 <= r < q
                       && waited_child(r, p, pid) && proc_state[r] == P_ZOMBIE
                       ==> proc_pid[best] <= proc_pid[r];
        loop invariant best < 0 ==> \forall integer r; 0 <= r < q
                       && waited_child(r, p, pid) ==> proc_state[r] != P_ZOMBIE;
        loop assigns q, best;
        loop variant FK_NPROC - q;
    */
    for (int q = 0; q < FK_NPROC; q++)
        if (proc_state[q] == P_ZOMBIE && proc_parent[q] == p && q != p
            && (pid == -1 || proc_pid[q] == pid)
            && (best < 0 || proc_pid[q] < proc_pid[best]))
            best = q;
    return best;
}

struct fk_result sys_wait(int p, int32_t pid)
{
    int z;
    struct fk_result r;
    if (!has_children(p, pid))
        return err(FK_ECHILD);
    z = zombie_child(p, pid);
    if (z < 0)
        return ok(0, 0);
    r = ok(proc_pid[z], proc_status[z]);
    proc_state[z] = P_FREE;
    proc_pid[z] = -1;
    proc_parent[z] = -1;
    proc_status[z] = 0;
    return r;
}

struct fk_result sys_getpid(int p)
{
    return ok(proc_pid[p], 0);
}

struct fk_result sys_getppid(int p)
{
    return ok(proc_parent[p] < 0 ? -1 : proc_pid[proc_parent[p]], 0);
}
