/* fork, exit, wait, getpid, getppid. */
#include "model/fdt.h"
#include "model/pages.h"
#include "model/refs.h"
#include "model/proc.h"
#include "model/state.h"
#include "spec/errno.h"

/*@ assigns \nothing;
    ensures \result == first_free_slot(0);
    ensures -1 <= \result < FK_NPROC;
    ensures \result >= 0 ==> proc_state[\result] == P_FREE;
*/
static int free_slot(void)
{
    /*@ loop invariant 0 <= c <= FK_NPROC;
        loop invariant first_free_slot(c) == first_free_slot(0);
        loop assigns c;
        loop variant FK_NPROC - c;
    */
    for (int c = 0; c < FK_NPROC; c++)
        if (proc_state[c] == P_FREE)
            return c;
    return -1;
}

/* The child's fd table is the parent's; each entry takes a reference. */
/*@ requires 0 <= p < FK_NPROC && 0 <= c < FK_NPROC && p != c;
    requires fds_in_range && file_refs_counted && fds_point_to_used_files;
    requires \forall integer i; 0 <= i < FK_NOFILE ==> fdt[c][i] == -1;
    assigns fdt[c][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1];
    ensures fds_in_range && file_refs_counted;
    ensures \forall integer i; 0 <= i < FK_NOFILE ==> fdt[c][i] == fdt[p][i];
    ensures \forall integer g; 0 <= g < FK_NFILE ==>
              file_ref[g] == \old(file_ref[g]) + fd_row_count{Pre}(p, g, FK_NOFILE);
    ensures \forall integer g; 0 <= g < FK_NFILE && \old(file_ref[g]) == 0
              ==> file_ref[g] == 0;
    ensures \forall integer g; 0 <= g < FK_NFILE ==> file_ref[g] >= \old(file_ref[g]);
*/
static void copy_fds(int p, int c)
{
    /*@ loop invariant 0 <= f <= FK_NOFILE;
        loop invariant fds_in_range && file_refs_counted;
        loop invariant \forall integer i; 0 <= i < f ==> fdt[c][i] == fdt[p][i];
        loop invariant \forall integer i; f <= i < FK_NOFILE ==> fdt[c][i] == -1;
        loop invariant \forall integer g; 0 <= g < FK_NFILE ==>
              file_ref[g] == \at(file_ref[g], Pre) + fd_row_count{Pre}(p, g, f);
        loop invariant \forall integer g; 0 <= g < FK_NFILE
              && \at(file_ref[g], Pre) == 0 ==> file_ref[g] == 0;
        loop invariant \forall integer g; 0 <= g < FK_NFILE
              ==> file_ref[g] >= \at(file_ref[g], Pre);
        loop assigns f, fdt[c][0 .. FK_NOFILE-1], file_ref[0 .. FK_NFILE-1];
        loop variant FK_NOFILE - f;
    */
    for (int f = 0; f < FK_NOFILE; f++) {
        int v = fdt[p][f];
        fd_write(c, f, v);
        if (v >= 0) {
            /*@ ghost fd_count_bounds(); */
            file_ref[v]++;
        }
    }
}

/* The child's window pages are the parent's: private frames are shared
 * copy-on-write (one more reference each), and every region start is
 * one more region mapping its object. */
/*@ requires 0 <= p < FK_NPROC && 0 <= c < FK_NPROC && p != c;
    requires frames_in_range && frame_refs_counted && obj_refs_counted;
    requires regions_shaped && objs_shaped;
    requires \forall integer i; 0 <= i < FK_MMAP_PAGES ==>
               pg_frame[c][i] == -1 && pg_start[c][i] == 0;
    assigns pg_attr[c][0 .. FK_MMAP_PAGES-1], pg_start[c][0 .. FK_MMAP_PAGES-1],
            pg_frame[c][0 .. FK_MMAP_PAGES-1], pg_obj[c][0 .. FK_MMAP_PAGES-1],
            pg_objpage[c][0 .. FK_MMAP_PAGES-1],
            frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1];
    ensures frames_in_range && frame_refs_counted && obj_refs_counted;
    ensures regions_shaped;
    ensures free_objs_empty;
    ensures obj_frames_inside;
    ensures \forall integer i; 0 <= i < FK_MMAP_PAGES ==>
              pg_attr[c][i] == pg_attr[p][i] && pg_start[c][i] == pg_start[p][i]
              && pg_frame[c][i] == pg_frame[p][i] && pg_obj[c][i] == pg_obj[p][i]
              && pg_objpage[c][i] == pg_objpage[p][i];
    ensures \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr]
              == \old(frame_ref[fr]) + pg_row_count{Pre}(p, fr, FK_MMAP_PAGES);
    ensures \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o]
              == \old(obj_ref[o]) + start_row_count{Pre}(p, o, FK_MMAP_PAGES);
*/
static void copy_pages(int p, int c)
{
    /*@ loop invariant 0 <= i <= FK_MMAP_PAGES;
        loop invariant frames_in_range;
        loop invariant frame_refs_counted;
        loop invariant obj_refs_counted;
        loop invariant \forall integer k; 0 <= k < i ==>
              pg_attr[c][k] == pg_attr[p][k] && pg_start[c][k] == pg_start[p][k]
              && pg_frame[c][k] == pg_frame[p][k] && pg_obj[c][k] == pg_obj[p][k]
              && pg_objpage[c][k] == pg_objpage[p][k];
        loop invariant \forall integer k; i <= k < FK_MMAP_PAGES ==>
              pg_frame[c][k] == -1 && pg_start[c][k] == 0;
        loop invariant \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr]
              == \at(frame_ref[fr], Pre) + pg_row_count{Pre}(p, fr, i);
        loop invariant \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o]
              == \at(obj_ref[o], Pre) + start_row_count{Pre}(p, o, i);
        loop invariant \forall integer o; 0 <= o < FK_NOBJ ==> obj_ref[o] >= \at(obj_ref[o], Pre);
        loop assigns i, pg_attr[c][0 .. FK_MMAP_PAGES-1],
              pg_start[c][0 .. FK_MMAP_PAGES-1], pg_frame[c][0 .. FK_MMAP_PAGES-1],
              pg_obj[c][0 .. FK_MMAP_PAGES-1], pg_objpage[c][0 .. FK_MMAP_PAGES-1],
              frame_ref[0 .. FK_NFRAME-1], obj_ref[0 .. FK_NOBJ-1];
        loop variant FK_MMAP_PAGES - i;
    */
    for (int i = 0; i < FK_MMAP_PAGES; i++) {
        int fr = pg_frame[p][i];
        int o = pg_start[p][i] ? pg_obj[p][i] : -1;
        pg_attr[c][i] = pg_attr[p][i];
        pg_objpage[c][i] = pg_objpage[p][i];
        pg_frame_write(c, i, fr);
        region_write(c, i, pg_start[p][i], pg_obj[p][i]);
        /*@ assert -1 <= pg_frame[c][i] < FK_NFRAME && -1 <= pg_obj[c][i] < FK_NOBJ
                   && (pg_obj[c][i] >= 0 ==> 0 <= pg_objpage[c][i] < FK_MMAP_PAGES); */
        /*@ ghost page_count_bounds(); */
        if (fr >= 0)
            frame_ref[fr]++;
        if (o >= 0)
            obj_ref[o]++;
    }
    /*@ assert \forall integer k; 0 <= k < FK_MMAP_PAGES ==> page_shaped(c, k); */
}

/* The heap too: its frames are shared copy-on-write. */
/*@ requires 0 <= p < FK_NPROC && 0 <= c < FK_NPROC && p != c;
    requires frames_in_range && frame_refs_counted;
    requires \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==> heap_frame[c][j] == -1;
    assigns heap_pages[c], heap_frame[c][0 .. FK_HEAP_MAX_PAGES-1],
            frame_ref[0 .. FK_NFRAME-1];
    ensures frames_in_range && frame_refs_counted;
    ensures heap_pages[c] == heap_pages[p];
    ensures \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==>
              heap_frame[c][j] == heap_frame[p][j];
    ensures \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr]
              == \old(frame_ref[fr]) + heap_row_count{Pre}(p, fr, FK_HEAP_MAX_PAGES);
*/
static void copy_heap(int p, int c)
{
    heap_pages[c] = heap_pages[p];
    /*@ loop invariant 0 <= j <= FK_HEAP_MAX_PAGES;
        loop invariant frames_in_range && frame_refs_counted;
        loop invariant \forall integer k; 0 <= k < j ==> heap_frame[c][k] == heap_frame[p][k];
        loop invariant \forall integer k; j <= k < FK_HEAP_MAX_PAGES ==> heap_frame[c][k] == -1;
        loop invariant \forall integer fr; 0 <= fr < FK_NFRAME ==> frame_ref[fr]
              == \at(frame_ref[fr], Pre) + heap_row_count{Pre}(p, fr, j);
        loop assigns j, heap_frame[c][0 .. FK_HEAP_MAX_PAGES-1], frame_ref[0 .. FK_NFRAME-1];
        loop variant FK_HEAP_MAX_PAGES - j;
    */
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++) {
        int fr = heap_frame[p][j];
        heap_frame_write(c, j, fr);
        /*@ ghost page_count_bounds(); */
        if (fr >= 0)
            frame_ref[fr]++;
    }
}

/*@ ghost
  // A frame that p's pages or heap reach is in use: fork shares only
  // such frames (so no frame comes into use).
  /@ requires 0 <= p < FK_NPROC && frame_refs_counted;
     assigns \nothing;
     ensures pages: \forall integer fr; 0 <= fr < FK_NFRAME
               && pg_row_count(p, fr, FK_MMAP_PAGES) > 0 ==> frame_ref[fr] > 0;
     ensures heap: \forall integer fr; 0 <= fr < FK_NFRAME
               && heap_row_count(p, fr, FK_HEAP_MAX_PAGES) > 0 ==> frame_ref[fr] > 0; @/
  static void shared_frames_live(int p)
  {
      pg_cells_counted();
      heap_cells_counted();
      page_count_bounds();
      /@ loop invariant 0 <= i <= FK_MMAP_PAGES;
         loop invariant \forall integer fr; 0 <= fr < FK_NFRAME
             && pg_row_count(p, fr, i) > 0 ==> frame_ref[fr] > 0;
         loop assigns i;
         loop variant FK_MMAP_PAGES - i; @/
      for (int i = 0; i < FK_MMAP_PAGES; i++) {
      }
      /@ loop invariant 0 <= j <= FK_HEAP_MAX_PAGES;
         loop invariant \forall integer fr; 0 <= fr < FK_NFRAME
             && heap_row_count(p, fr, j) > 0 ==> frame_ref[fr] > 0;
         loop assigns j;
         loop variant FK_HEAP_MAX_PAGES - j; @/
      for (int j = 0; j < FK_HEAP_MAX_PAGES; j++) {
      }
  }
*/

struct fk_result sys_fork(int p)
{
    int c = free_slot();
    int32_t pid = next_pid;
    if (c < 0)
        return err(FK_EAGAIN);
    /*@ ghost files_in_use(); */
    proc_state[c] = P_ALIVE;
    proc_pid[c] = pid;
    proc_parent[c] = (int8_t)p;
    proc_status[c] = 0;
    next_pid = pid + 1;
    copy_fds(p, c);
    /*@ ghost shared_frames_live(p); */
    copy_pages(p, c);
    copy_heap(p, c);
    /*@ assert revived: no_frame_revived{Pre, Here}; */
    /*@ ghost ref_count_bounds(); */
    cwd_write(c, proc_cwd[p]);
    node_ref[proc_cwd[p]]++;
    return ok(pid, 0);
}

/*@ requires 0 <= p < FK_NPROC;
    requires fds_in_range && file_refs_counted && files_well_formed;
    requires node_refs_counted && pipes_counted && pipes_bounded;
    requires files_on_nodes && dirs_empty && free_pipes_empty;
    assigns CLOSE_ASSIGNS(p);
    ensures fds_in_range && file_refs_counted && files_well_formed;
    ensures node_refs_counted && pipes_counted && pipes_bounded;
    ensures files_on_nodes && dirs_empty && free_pipes_empty;
    ensures \forall integer f; 0 <= f < FK_NOFILE ==> fdt[p][f] == -1;
    ensures open_files_kept{Pre, Post} && open_pipes_kept{Pre, Post};
*/
static void close_all(int p)
{
    /*@ loop invariant 0 <= f <= FK_NOFILE;
        loop invariant fds_in_range;
        loop invariant file_refs_counted;
        loop invariant files_well_formed;
        loop invariant node_refs_counted && pipes_counted && pipes_bounded;
        loop invariant files_on_nodes && dirs_empty && free_pipes_empty;
        loop invariant \forall integer i; 0 <= i < f ==> fdt[p][i] == -1;
        loop invariant refs_dropped{Pre, Here};
        loop invariant open_files_kept{Pre, Here} && open_pipes_kept{Pre, Here};
        loop assigns f, CLOSE_ASSIGNS(p);
        loop variant FK_NOFILE - f;
    */
    for (int f = 0; f < FK_NOFILE; f++) {
        int file = fdt[p][f];
        if (file >= 0) {
            fd_write(p, f, -1);
            /*@ ghost fd_count_bounds(); */
            file_put(file);
        }
    }
}

/*@ requires 0 <= p < FK_NPROC;
    requires frames_in_range && frame_refs_counted;
    assigns heap_pages[p], heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1],
            frame_ref[0 .. FK_NFRAME-1];
    ensures frames_in_range && frame_refs_counted;
    ensures no_frame_revived{Pre, Post};
    ensures heap_pages[p] == 0;
    ensures \forall integer j; 0 <= j < FK_HEAP_MAX_PAGES ==> heap_frame[p][j] == -1;
*/
static void release_heap(int p)
{
    /*@ loop invariant 0 <= j <= FK_HEAP_MAX_PAGES;
        loop invariant frames_in_range && frame_refs_counted;
        loop invariant none_revived: no_frame_revived{Pre, Here};
        loop invariant \forall integer k; 0 <= k < j ==> heap_frame[p][k] == -1;
        loop assigns j, heap_frame[p][0 .. FK_HEAP_MAX_PAGES-1], frame_ref[0 .. FK_NFRAME-1];
        loop variant FK_HEAP_MAX_PAGES - j;
    */
    for (int j = 0; j < FK_HEAP_MAX_PAGES; j++) {
        int f = heap_frame[p][j];
        if (f >= 0) {
            heap_frame_write(p, j, -1);
            /*@ ghost page_count_bounds(); */
            frame_put(f);
        }
    }
    heap_pages[p] = 0;
}

/* Orphans go to p0, which lives in slot 0 (logic.h, p0_ok). */
/*@ requires 0 <= p < FK_NPROC;
    assigns proc_parent[0 .. FK_NPROC-1];
    ensures \forall integer q; 0 <= q < FK_NPROC ==>
              proc_parent[q] == (proc_state[q] != P_FREE && \old(proc_parent[q]) == p
                                 && q != p ? 0 : \old(proc_parent[q]));
*/
static void reparent_children(int p)
{
    /*@ loop invariant 0 <= q <= FK_NPROC;
        loop invariant \forall integer r; 0 <= r < q ==>
              proc_parent[r] == (proc_state[r] != P_FREE && \at(proc_parent[r], Pre) == p
                                 && r != p ? 0 : \at(proc_parent[r], Pre));
        loop invariant \forall integer r; q <= r < FK_NPROC ==>
              proc_parent[r] == \at(proc_parent[r], Pre);
        loop assigns q, proc_parent[0 .. FK_NPROC-1];
        loop variant FK_NPROC - q;
    */
    for (int q = 0; q < FK_NPROC; q++)
        if (proc_state[q] != P_FREE && proc_parent[q] == p && q != p)
            proc_parent[q] = 0;
}

void proc_teardown(int p, int32_t status)
{
    close_all(p);
    unmap_range(p, 0, FK_MMAP_PAGES);
    release_heap(p);
    /*@ ghost ref_count_bounds(); */
    /*@ ghost cwd_counted(p); */
    node_ref[proc_cwd[p]]--;
    cwd_write(p, -1);
    reparent_children(p);
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
