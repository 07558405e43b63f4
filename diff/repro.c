#include "diff/repro.h"
#include <string.h>
#include "diff/report.h"
#include "model/model.h"
#include "spec/obs_print.h"
#include "spec/precheck.h"

/* The runtime every reproducer carries: the namespace, the limits of
 * spec/syscalls.md ("Comparing with Linux"), and lock-step processes (a
 * futex per process starts its step; the main process waits for a done
 * count or the process's death). */
static const char runtime_head[] =
    "#define _GNU_SOURCE\n"
    "#pragma GCC diagnostic ignored \"-Wunused-function\"\n"
    "#include <errno.h>\n#include <sched.h>\n#include <fcntl.h>\n#include <linux/futex.h>\n#include <poll.h>\n"
    "#include <signal.h>\n#include <stdint.h>\n#include <stdio.h>\n#include <stdlib.h>\n"
    "#include <string.h>\n#include <sys/mman.h>\n#include <sys/prctl.h>\n"
    "#include <sys/resource.h>\n#include <sys/stat.h>\n#include <sys/syscall.h>\n"
    "#include <sys/wait.h>\n#include <unistd.h>\n\n"
    "#define MAXP 513\n"
    "/* shared by all: the processes never print (their fds are the program's) */\n"
    "static struct { uint32_t go[MAXP], done; int step; long result, aux; int child;\n"
    "                pid_t pid[MAXP]; } *sh;\n"
    "static char buf[4096];\n"
    "static int brk_pages, in_child;\n\n"
    "static long sys(long r) { return r < 0 ? -errno : r; }\n"
    "static long fd_ok(long fd) { return fd >= 0 && fd < 16; }\n"
    "static pid_t PID(int c) { return sh->pid[c] ? sh->pid[c] : INT32_MAX; }\n"
    "static long waitp(pid_t pid)\n{\n    int st;\n    long r = sys(waitpid(pid, &st, WNOHANG));\n"
    "    sh->aux = st;\n    return r;\n}\n"
    "/* the heap, emulated at 0x50000000 (up to 32 pages) */\n"
    "static long heap(int delta)\n{\n    int to = brk_pages + delta;\n"
    "    char *old = (char *)0x50000000 + brk_pages * 4096L, *end = (char *)0x50000000 + to * 4096L;\n"
    "    if (to < 0 || to > 32)\n        return -ENOMEM;\n"
    "    if (to > brk_pages && mmap(old, end - old, PROT_READ | PROT_WRITE,\n"
    "                               MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)\n"
    "        return -errno;\n"
    "    if (to < brk_pages)\n        munmap(end, old - end);\n"
    "    brk_pages = to;\n    return (long)old;\n}\n"
    "static void *fill(int n, int byte) { memset(buf, byte, n); return buf; }\n"
    "static void die(int sig) { signal(sig, SIG_DFL); raise(sig); }\n\n"
    "static long step(int i);\n\n"
    "static void serve(int me)\n{\n    uint32_t seen = 0;\n    for (;;) {\n"
    "        while (__atomic_load_n(&sh->go[me], __ATOMIC_ACQUIRE) == seen)\n"
    "            syscall(SYS_futex, &sh->go[me], FUTEX_WAIT, seen, 0, 0, 0);\n"
    "        seen = sh->go[me];\n        int child = sh->child;\n"
    "        long r = step(sh->step);\n"
    "        if (in_child) {     /* the child of a fork is the new process */\n"
    "            in_child = 0;\n            me = child;\n            seen = 0;\n            continue;\n        }\n"
    "        sh->result = r;\n        __atomic_add_fetch(&sh->done, 1, __ATOMIC_RELEASE);\n"
    "        syscall(SYS_futex, &sh->done, FUTEX_WAKE, 1, 0, 0, 0);\n    }\n}\n\n"
    "static void put(const char *path, int n, int first, int inc)\n{\n"
    "    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);\n"
    "    for (int i = 0; i < n; i++) {\n        char c = (char)(first + inc * i);\n"
    "        if (write(fd, &c, 1) != 1)\n            exit(2);\n    }\n    close(fd);\n}\n\n"
    "static void put_text(const char *path, const char *text)\n{\n"
    "    int fd = open(path, O_WRONLY);\n"
    "    if (fd < 0 || write(fd, text, strlen(text)) < 0)\n        exit(2);\n    close(fd);\n}\n\n"
    "/* unprivileged: a user namespace where we are root, to chroot */\n"
    "static int user_namespace(void)\n{\n    char map[64];\n"
    "    unsigned uid = getuid(), gid = getgid();\n"
    "    if (unshare(CLONE_NEWUSER))\n        return -1;\n"
    "    put_text(\"/proc/self/setgroups\", \"deny\");\n"
    "    snprintf(map, sizeof map, \"0 %u 1\", uid);\n    put_text(\"/proc/self/uid_map\", map);\n"
    "    snprintf(map, sizeof map, \"0 %u 1\", gid);\n    put_text(\"/proc/self/gid_map\", map);\n"
    "    return 0;\n}\n\n"
    "/* p0: a private root holding the spec's namespace, and the limits */\n"
    "static void p0(char *dir)\n{\n"
    "    struct rlimit nofile = { 16, 16 }, fsize = { 4096, 4096 };\n"
    "    setpgid(0, 0);\n    prctl(PR_SET_CHILD_SUBREAPER, 1);\n"
    "    prctl(PR_SET_PDEATHSIG, SIGKILL);\n"
    "    signal(SIGPIPE, SIG_IGN);\n    signal(SIGXFSZ, SIG_IGN);\n"
    "    if (chroot(dir) && (user_namespace() || chroot(dir))) {\n"
    "        perror(\"chroot (run as root, or allow user namespaces)\");\n        _exit(2);\n    }\n"
    "    if (chdir(\"/\"))\n        _exit(2);\n"
    "    for (int fd = 0; fd < 16; fd++)\n        close(fd);\n"
    "    setrlimit(RLIMIT_NOFILE, &nofile);\n    setrlimit(RLIMIT_FSIZE, &fsize);\n"
    "    serve(0);\n}\n\n"
    "static int wait_done(uint32_t before, pid_t pid)\n{\n"
    "    struct timespec ms = { 0, 1000000 };\n"
    "    for (int t = 0; t < 5000; t++) {\n"
    "        if (__atomic_load_n(&sh->done, __ATOMIC_ACQUIRE) != before)\n            return 1;\n"
    "        char path[64], s[1024], state = 0;\n"
    "        snprintf(path, sizeof path, \"/proc/%d/stat\", pid);\n"
    "        FILE *f = fopen(path, \"r\");\n"
    "        if (f && fgets(s, sizeof s, f) && strrchr(s, ')'))\n"
    "            state = strrchr(s, ')')[2];\n"
    "        if (f)\n            fclose(f);\n"
    "        if (state == 'Z' || state == 'X' || !f) {   /* field 52: the wait status */\n"
    "            char *x = f ? strrchr(s, ')') : 0;\n"
    "            for (int field = 3; x && field <= 52; field++)\n                x = strchr(x + 1, ' ');\n"
    "            sh->aux = x ? atoi(x + 1) : 0;\n"
    "            return 0;\n        }\n"
    "        syscall(SYS_futex, &sh->done, FUTEX_WAIT, before, &ms, 0, 0);\n    }\n"
    "    return -1;\n}\n\n";

/* After the tables: prints results and runs the program. */
static const char runtime_main[] =
    "static void status(int st)\n{\n"
    "    printf(WIFSIGNALED(st) ? \" signaled(%d)\" : \" exited(%d)\",\n"
    "           WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));\n}\n\n"
    "/* 'F' fork, 'W' wait, 'P' getpid/getppid (pids), 'A' an address, 'I' pipe */\n"
    "static void result(int i, long r)\n{\n"
    "    if (r < 0)\n        printf(\"%s\", strerrorname_np((int)-r) ? strerrorname_np((int)-r) : \"?\");\n"
    "    else\n        printf(OPS[i] == 'A' ? \"0x%lx\" : \"%ld\", r);\n"
    "    if (OPS[i] == 'I' && r >= 0)\n        printf(\" %ld\", sh->aux);\n"
    "    for (int c = 0; c < MAXP && r > 0; c++)\n"
    "        if (sh->pid[c] == r && (OPS[i] == 'F' || OPS[i] == 'W' || OPS[i] == 'P'))\n"
    "            printf(\" (p%d)\", c);\n"
    "    if (OPS[i] == 'W' && r > 0)\n        status((int)sh->aux);\n}\n\n"
    "int main(void)\n{\n"
    "    char dir[] = \"/tmp/forkspec-repro-XXXXXX\", path[64];\n"
    "    int next = 1;\n"
    "    setvbuf(stdout, 0, _IONBF, 0);\n"
    "    sh = mmap(0, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);\n"
    "    if (sh == MAP_FAILED || !mkdtemp(dir))\n        return perror(\"setup\"), 2;\n"
    "    snprintf(path, sizeof path, \"%s/d\", dir);\n    mkdir(path, 0755);\n"
    "    snprintf(path, sizeof path, \"%s/f0\", dir);\n    put(path, 64, 0, 1);\n"
    "    snprintf(path, sizeof path, \"%s/f1\", dir);\n    put(path, 0, 0, 0);\n"
    "    snprintf(path, sizeof path, \"%s/d/f2\", dir);\n    put(path, 16, 0x41, 0);\n"
    "    prctl(PR_SET_CHILD_SUBREAPER, 1);\n"
    "    printf(\"namespace in %s; the steps, Linux's result, the model's:\\n\", dir);\n"
    "    pid_t first = fork();\n"
    "    if (!first)\n        p0(dir);\n"
    "    sh->pid[0] = first;\n"
    "    for (int i = 0; i < NSTEPS; i++) {\n"
    "        int c = PROC[i];\n"
    "        uint32_t before = sh->done;\n"
    "        printf(\"%s %3d  %-34s \", i == MARK ? \">\" : \" \", i, TEXT[i]);\n"
    "        if (!sh->pid[c] || DEAD[c]) {\n"
    "            printf(\"SKIP\");\n"
    "        } else {\n"
    "            sh->step = i;\n            sh->child = next;\n            sh->result = -9999;\n"
    "            __atomic_add_fetch(&sh->go[c], 1, __ATOMIC_RELEASE);\n"
    "            syscall(SYS_futex, &sh->go[c], FUTEX_WAKE, 1, 0, 0, 0);\n"
    "            int got = wait_done(before, sh->pid[c]);\n"
    "            if (got < 0)\n                printf(\"no answer in 5 s\");\n"
    "            else if (got == 0) {\n                DEAD[c] = 1;\n"
    "                if (OPS[i] == 'X')\n                    printf(\"0 (it exited)\");\n"
    "                else\n                    printf(\"KILLED\"), status((int)sh->aux);\n"
    "            } else {\n"
    "                if (OPS[i] == 'F' && sh->result > 0)\n                    sh->pid[next++] = (pid_t)sh->result;\n"
    "                result(i, sh->result);\n            }\n        }\n"
    "        printf(\"%*s model: %s\\n\", 4, \"\", MODEL[i]);\n    }\n"
    "    kill(-sh->pid[0], SIGKILL);\n"
    "    while (wait(0) > 0 || errno == EINTR)\n        ;\n"
    "    static const char *const names[] = { \"/f0\", \"/f1\", \"/f2\", \"/f3\", \"/f4\",\n"
    "        \"/d/d\", \"/d/f0\", \"/d/f1\", \"/d/f2\", \"/d/f3\", \"/d/f4\" };\n"
    "    for (int n = 0; n < 11; n++) {\n"
    "        snprintf(path, sizeof path, \"%s%s\", dir, names[n]);\n        unlink(path);\n    }\n"
    "    snprintf(path, sizeof path, \"%s/d\", dir);\n    rmdir(path);\n    rmdir(dir);\n"
    "    return 0;\n}\n";

static void c_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++)
        fprintf(out, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
    fputc('"', out);
}

static const char *prot_text(int32_t prot)
{
    return prot == FK_PROT_RW ? "PROT_READ | PROT_WRITE" : prot == FK_PROT_R ? "PROT_READ"
                                                                             : "PROT_NONE";
}

static void path_arg(FILE *out, int32_t path)
{
    char text[32];
    fk_linux_path(path, text);
    c_string(out, text);
}

static void open_flags(FILE *out, int32_t f)
{
    static const char *const mode[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_RDWR" };
    fprintf(out, "%s%s%s%s", mode[f & FK_O_ACCMODE], f & FK_O_CREAT ? " | O_CREAT" : "",
            f & FK_O_TRUNC ? " | O_TRUNC" : "", f & FK_O_APPEND ? " | O_APPEND" : "");
}

/* The C statement of one step, as the Linux backend makes it. */
static void statement(FILE *out, const struct fk_step *s)
{
    static const char *const whence[] = { "SEEK_SET", "SEEK_CUR", "SEEK_END" };
    const int32_t *a = s->arg;
    struct fk_result pre;
    if (fk_precheck(s, &pre)) {
        if (pre.kind == FK_R_KILLED)
            fprintf(out, "return die(%d), 0;     /* the executor's check */", pre.val);
        else
            fprintf(out, "return -%d;     /* the executor's check */", pre.val);
        return;
    }
    fprintf(out, "return ");
    switch (s->op) {
    case FK_OP_FORK: fprintf(out, "({ long r = sys(fork()); in_child = r == 0; r; });"); break;
    case FK_OP_EXIT: fprintf(out, "_exit(%d), 0;", a[0]); break;
    case FK_OP_WAIT:
        if (a[0] < 0)
            fprintf(out, "waitp(-1);");
        else
            fprintf(out, "waitp(PID(%d));", a[0]);
        break;
    case FK_OP_GETPID: fprintf(out, "getpid();"); break;
    case FK_OP_GETPPID: fprintf(out, "getppid();"); break;
    case FK_OP_OPEN:
        fprintf(out, "sys(open(");
        path_arg(out, a[0]);
        fprintf(out, ", ");
        open_flags(out, a[1]);
        fprintf(out, ", 0644));");
        break;
    case FK_OP_CLOSE: fprintf(out, "fd_ok(%d) ? sys(close(%d)) : -EBADF;", a[0], a[0]); break;
    case FK_OP_DUP: fprintf(out, "fd_ok(%d) ? sys(dup(%d)) : -EBADF;", a[0], a[0]); break;
    case FK_OP_DUP2:
        fprintf(out, "fd_ok(%d) && fd_ok(%d) ? sys(dup2(%d, %d)) : -EBADF;", a[0], a[1], a[0],
                a[1]);
        break;
    case FK_OP_PIPE: {
        fprintf(out, "({ int p[2]; long r = sys(pipe2(p, O_NONBLOCK)); "
                     "sh->aux = p[1]; r ? r : p[0]; });");
        break;
    }
    case FK_OP_READ:
        fprintf(out, "fd_ok(%d) ? sys(read(%d, buf, %d)) : -EBADF;", a[0], a[0], a[1]);
        break;
    case FK_OP_WRITE:
        fprintf(out, "fd_ok(%d) ? sys(write(%d, fill(%d, %d), %d)) : -EBADF;", a[0], a[0], a[1],
                a[2], a[1]);
        break;
    case FK_OP_LSEEK:
        fprintf(out, "fd_ok(%d) ? sys(lseek(%d, %d, %s)) : -EBADF;", a[0], a[0], a[1],
                whence[a[2] % 3]);
        break;
    case FK_OP_CHDIR:
        fprintf(out, "sys(chdir(");
        path_arg(out, a[0]);
        fprintf(out, "));");
        break;
    case FK_OP_MMAP:
        fprintf(out, "mmap((void *)0x%x, %d * 4096L, %s, MAP_FIXED | MAP_ANONYMOUS | %s, -1, 0) "
                     "== MAP_FAILED ? -errno : 0x%x;", (uint32_t)a[0], a[1], prot_text(a[2]),
                a[3] == FK_MAP_SHARED ? "MAP_SHARED" : "MAP_PRIVATE", (uint32_t)a[0]);
        break;
    case FK_OP_MUNMAP:
        fprintf(out, "sys(munmap((void *)0x%x, %d * 4096L));", (uint32_t)a[0], a[1]);
        break;
    case FK_OP_MPROTECT:
        fprintf(out, "sys(mprotect((void *)0x%x, %d * 4096L, %s));", (uint32_t)a[0], a[1],
                prot_text(a[2]));
        break;
    case FK_OP_SBRK: fprintf(out, "heap(%d);", a[0]); break;
    case FK_OP_STORE:
        fprintf(out, "*(volatile uint32_t *)0x%x = 0x%xu, 0;", (uint32_t)a[0], (uint32_t)a[1]);
        break;
    default: fprintf(out, "*(volatile uint32_t *)0x%x;", (uint32_t)a[0]); break;
    }
}

/* How main prints a step's result (see result() in the runtime). */
static char op_class(int op)
{
    return op == FK_OP_FORK ? 'F' : op == FK_OP_WAIT ? 'W' : op == FK_OP_EXIT ? 'X'
           : op == FK_OP_GETPID || op == FK_OP_GETPPID ? 'P' : op == FK_OP_PIPE ? 'I'
           : op == FK_OP_MMAP || op == FK_OP_SBRK || op == FK_OP_LOAD ? 'A' : '.';
}

void fk_repro_c(FILE *out, const struct fk_prog *p, const struct fk_divergence *d)
{
    char text[128], sig[1024];
    fk_report_signature(p, d, sig, sizeof sig);
    fprintf(out, "/* forkspec reproducer (%s at step %u: %s)\n"
                 " * Runs the program's steps in real processes, one at a time, and prints\n"
                 " * Linux's result of each beside the model's (pids are Linux's; wait -1\n"
                 " * may legitimately pick another zombie). On any Linux box:\n"
                 " *   cc -o repro repro.c && sudo ./repro\n"
                 " * (or without sudo where unprivileged user namespaces are allowed). */\n",
            d->against ? d->against : "linux", d->step, sig);
    fputs(runtime_head, out);
    fprintf(out, "\nenum { NSTEPS = %u, MARK = %d };\nstatic int DEAD[MAXP];\n", p->nsteps,
            (int)d->step);
    fprintf(out, "static const int PROC[] = {");
    for (uint32_t i = 0; i < p->nsteps; i++)
        fprintf(out, "%s%u", i ? ", " : " ", p->step[i].proc);
    fprintf(out, " };\nstatic const char OPS[] = \"");
    for (uint32_t i = 0; i < p->nsteps; i++)
        fputc(op_class(p->step[i].op), out);
    fprintf(out, "\";\nstatic const char *const TEXT[] = {\n");
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_step_print(&p->step[i], &o);
        fprintf(out, "    ");
        c_string(out, fk_out_cstr(&o));
        fprintf(out, ",\n");
    }
    fprintf(out, "};\nstatic const char *const MODEL[] = {\n");
    model_reset();
    for (uint32_t i = 0; i < p->nsteps; i++) {
        struct fk_result r = model_step(p->step[i]);
        struct fk_out o = fk_out_make(text, sizeof text);
        fk_result_print(&p->step[i], &r, &o);
        fprintf(out, "    ");
        c_string(out, fk_out_cstr(&o));
        fprintf(out, ",\n");
    }
    fprintf(out, "};\n\nstatic long step(int i)\n{\n    switch (i) {\n");
    for (uint32_t i = 0; i < p->nsteps; i++) {
        fprintf(out, "    case %u: ", i);
        statement(out, &p->step[i]);
        fputc('\n', out);
    }
    fprintf(out, "    }\n    return -EINVAL;\n}\n\n");
    fputs(runtime_main, out);
}
