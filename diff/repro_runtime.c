/* The runtime of every C reproducer (diff/repro.c), copied verbatim after
 * the executor and Linux system calls of //backends:repro_sources and
 * before the program's tables, which call repro_main. Not compiled on its
 * own: //diff:repro_test compiles whole reproducers. It runs each step in
 * its process in lock step (a futex per process starts a step; the main
 * process waits for a done count or the process's death), in a private
 * root holding the spec's namespace, with the limits of spec/syscalls.md
 * ("Comparing with Linux"). */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXP 513
/* shared by all: the processes never print (their fds are the program's) */
static struct {
    uint32_t go[MAXP], done;
    struct fk_step step;
    struct fk_result result;
    int child;
    pid_t pid[MAXP];
    int aux;
} *sh;

static void serve(int me)
{
    uint32_t seen = 0;
    for (;;) {
        while (__atomic_load_n(&sh->go[me], __ATOMIC_ACQUIRE) == seen)
            syscall(SYS_futex, &sh->go[me], FUTEX_WAIT, seen, 0, 0, 0);
        seen = sh->go[me];
        int child = sh->child;
        struct fk_step s = sh->step;
        struct fk_result r;
        if (!fk_execute(&s, &r)) {      /* the child of a fork is the new process */
            me = child;
            seen = 0;
            continue;
        }
        sh->result = r;
        __atomic_add_fetch(&sh->done, 1, __ATOMIC_RELEASE);
        syscall(SYS_futex, &sh->done, FUTEX_WAKE, 1, 0, 0, 0);
    }
}

static void put(const char *path, int n, int first, int inc)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (int i = 0; i < n; i++) {
        char c = (char)(first + inc * i);
        if (write(fd, &c, 1) != 1)
            exit(2);
    }
    close(fd);
}

static void put_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0 || write(fd, text, strlen(text)) < 0)
        exit(2);
    close(fd);
}

/* unprivileged: a user namespace where we are root, to chroot */
static int user_namespace(void)
{
    char map[64];
    unsigned uid = getuid(), gid = getgid();
    if (unshare(CLONE_NEWUSER))
        return -1;
    put_text("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %u 1", uid);
    put_text("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "0 %u 1", gid);
    put_text("/proc/self/gid_map", map);
    return 0;
}

/* p0: a private root holding the spec's namespace, and the limits */
static void p0(char *dir)
{
    struct rlimit nofile = { 16, 16 }, fsize = { 4096, 4096 };
    setpgid(0, 0);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    if (chroot(dir) && (user_namespace() || chroot(dir))) {
        perror("chroot (run as root, or allow user namespaces)");
        _exit(2);
    }
    if (chdir("/"))
        _exit(2);
    for (int fd = 0; fd < 16; fd++)
        close(fd);
    setrlimit(RLIMIT_NOFILE, &nofile);
    setrlimit(RLIMIT_FSIZE, &fsize);
    serve(0);
}

static int wait_done(uint32_t before, pid_t pid)
{
    struct timespec ms = { 0, 1000000 };
    for (int t = 0; t < 5000; t++) {
        if (__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE) != before)
            return 1;
        char path[64], s[1024], state = 0;
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        FILE *f = fopen(path, "r");
        if (f && fgets(s, sizeof s, f) && strrchr(s, ')'))
            state = strrchr(s, ')')[2];
        if (f)
            fclose(f);
        if (state == 'Z' || state == 'X' || !f) {   /* field 52: the wait status */
            char *x = f ? strrchr(s, ')') : 0;
            for (int field = 3; x && field <= 52; field++)
                x = strchr(x + 1, ' ');
            sh->aux = x ? atoi(x + 1) : 0;
            return 0;
        }
        syscall(SYS_futex, &sh->done, FUTEX_WAIT, before, &ms, 0, 0);
    }
    return -1;
}

static void status(int st)
{
    printf(WIFSIGNALED(st) ? " signaled(%d)" : " exited(%d)",
           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

/* Linux's result as the backend receives it (pids are Linux's; (pN) names
 * the process a pid belongs to). */
static void result(const struct fk_step *s, const struct fk_result *r)
{
    int op = s->op;
    if (r->kind == FK_R_ERR) {
        printf("%s", strerrorname_np(r->val) ? strerrorname_np(r->val) : "?");
        return;
    }
    printf(op == FK_OP_MMAP || op == FK_OP_SBRK || op == FK_OP_LOAD ? "0x%x" : "%d", r->val);
    if (op == FK_OP_PIPE)
        printf(" %d", r->aux);
    int pids = op == FK_OP_FORK || op == FK_OP_WAIT || op == FK_OP_GETPID || op == FK_OP_GETPPID;
    for (int c = 0; c < MAXP && pids && r->val > 0; c++)
        if (sh->pid[c] == r->val)
            printf(" (p%d)", c);
    if (op == FK_OP_WAIT && r->val > 0)
        status(r->aux);
}

/* The step as the backend sends it: a wait names a Linux pid. */
static struct fk_step linux_step(const struct fk_step *s)
{
    struct fk_step l = *s;
    if (l.op == FK_OP_WAIT && l.arg[0] >= 0)
        l.arg[0] = l.arg[0] < MAXP && sh->pid[l.arg[0]] ? sh->pid[l.arg[0]] : INT32_MAX;
    return l;
}

/* Runs s in its process and prints Linux's result; dead[] marks the
 * processes that are gone, *next is the pid number the next fork takes. */
static void run_step(const struct fk_step *s, int dead[MAXP], int *next)
{
    int c = s->proc;
    uint32_t before = sh->done;
    if (c >= MAXP || !sh->pid[c] || dead[c]) {
        printf("SKIP");
        return;
    }
    sh->step = linux_step(s);
    sh->child = *next;
    __atomic_add_fetch(&sh->go[c], 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &sh->go[c], FUTEX_WAKE, 1, 0, 0, 0);
    int got = wait_done(before, sh->pid[c]);
    if (got < 0) {
        printf("no answer in 5 s");
    } else if (got == 0) {
        dead[c] = 1;
        if (s->op == FK_OP_EXIT)
            printf("0 (it exited)");
        else
            printf("KILLED"), status(sh->aux);
    } else {
        if (s->op == FK_OP_FORK && sh->result.val > 0 && *next < MAXP)
            sh->pid[(*next)++] = sh->result.val;
        result(s, &sh->result);
    }
}

static void make_namespace(const char *dir)
{
    char path[64];
    snprintf(path, sizeof path, "%s/d", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/f0", dir);
    put(path, 64, 0, 1);
    snprintf(path, sizeof path, "%s/f1", dir);
    put(path, 0, 0, 0);
    snprintf(path, sizeof path, "%s/d/f2", dir);
    put(path, 16, 0x41, 0);
}

static void remove_namespace(const char *dir)
{
    static const char *const names[] = { "/f0", "/f1", "/f2", "/f3", "/f4",
        "/d/d", "/d/f0", "/d/f1", "/d/f2", "/d/f3", "/d/f4" };
    char path[64];
    for (int n = 0; n < 11; n++) {
        snprintf(path, sizeof path, "%s%s", dir, names[n]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/d", dir);
    rmdir(path);
    rmdir(dir);
}

/* Runs the n steps, printing each with Linux's result and the model's. */
/* As /init of a Linux guest (guest.sh): what a bare initramfs lacks. */
static void guest_setup(void)
{
    mkdir("/proc", 0755);
    mkdir("/dev", 0755);
    mkdir("/tmp", 01777);
    mount("proc", "/proc", "proc", 0, 0);
    mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
    mount("tmpfs", "/tmp", "tmpfs", 0, 0);
    int fd = open("/dev/console", O_RDWR);
    for (int i = 0; fd >= 0 && i < 3; i++)
        dup2(fd, i);
}

static int repro_main(const struct fk_step *steps, const char *const *text,
                      const char *const *model, int n, int mark)
{
    static int dead[MAXP];
    char dir[] = "/tmp/forkspec-repro-XXXXXX";
    int next = 1;
    if (getpid() == 1)
        guest_setup();
    setvbuf(stdout, 0, _IONBF, 0);
    sh = mmap(0, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED || !mkdtemp(dir))
        return perror("setup"), 2;
    make_namespace(dir);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    printf("namespace in %s; the steps, Linux's result, the model's:\n", dir);
    pid_t first = fork();
    if (!first)
        p0(dir);
    sh->pid[0] = first;
    for (int i = 0; i < n; i++) {
        printf("%s %3d  %-34s ", i == mark ? ">" : " ", i, text[i]);
        run_step(&steps[i], dead, &next);
        printf("%*s model: %s\n", 4, "", model[i]);
    }
    kill(-sh->pid[0], SIGKILL);
    while (wait(0) > 0 || errno == EINTR)
        ;
    remove_namespace(dir);
    if (getpid() == 1)          /* init must not exit: power QEMU off */
        reboot(RB_AUTOBOOT);        /* QEMU runs with -no-reboot: it exits (no ACPI needed) */
    return 0;
}
