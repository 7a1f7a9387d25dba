/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * xenstub: an LD_PRELOAD library that stands in for the hypervisor so that the
 * real C xenstored and OCaml oxenstored of Xen 4.17 run on a plain Linux
 * machine and serve their Unix socket. Used only by jxs's tests.
 *
 * Written without the Xen headers on purpose (gcc alone builds it): every
 * handle is opaque to the daemons, so our own types are enough. Definitions
 * here carry no symbol version, which the dynamic linker accepts for the
 * daemons' versioned references (xc_interface_open@VERS_4.17.0, ...).
 *
 * Environment (set by io.jxs.testing.XenStoreDaemon):
 *   XENSTUB_PORT_FILE  replaces /proc/xen/xsd_port (C xenstored reads dom0's port)
 *   XENSTUB_KVA_FILE   replaces /proc/xen/xsd_kva  (C xenstored maps dom0's ring page)
 *   XENSTUB_SOCKET     replaces oxenstored's compiled-in /var/run/xenstored/socket,
 *                      so that several daemons run at once without a mount namespace
 *   XENSTUB_WATCH_PARENT=1  the daemon exits when its parent (the test JVM) is gone,
 *                      even if the JVM was killed before it could stop the daemon
 *   XENSTUB_DIR        serve guest domains over rings in this folder (testing/README.md has the
 *                      contract): domain-D.ring is domain D's interface page, evtchn the daemon's
 *                      event channel socket, domain-D.guest the guest's. Unset: no guest is served.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define PAGE 4096
#define FIXED_PORT 7 /* any port number: nothing is ever signalled on it */

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))
/* The real open(2), past this library's redirecting open(). */
#define NEXT_OPEN(path, flags, mode) (((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(path, flags, mode))

#define GUEST_PORT_BASE 100 /* domain D's event channel port is 100+D */

/* The folder of guest rings and event channel sockets, or NULL: then no guest is ever served. */
static const char *guest_dir(void)
{
    const char *dir = getenv("XENSTUB_DIR");
    return dir != NULL && dir[0] != '\0' ? dir : NULL;
}

/* DIR/NAME in out; 0, or -1 with ENAMETOOLONG. */
static int guest_path(char *out, size_t size, const char *format, uint32_t domid)
{
    char name[64];
    snprintf(name, sizeof name, format, domid);
    if ((size_t)snprintf(out, size, "%s/%s", guest_dir(), name) >= size) { errno = ENAMETOOLONG; return -1; }
    return 0;
}

/*
 * Domain D's interface page: DIR/domain-D.ring mapped shared; NULL when there is no such file.
 * The callers then fall back to a private zeroed page, as without XENSTUB_DIR: INTRODUCE of a domain that
 * has no ring succeeds and the domain stays silent, so that tests written before guests existed (they
 * introduce made-up domids) keep their results.
 */
static void *guest_ring(uint32_t domid)
{
    char path[sizeof ((struct sockaddr_un *)0)->sun_path + 64];
    if (guest_path(path, sizeof path, "domain-%u.ring", domid) != 0) return NULL;
    int fd = NEXT_OPEN(path, O_RDWR | O_CLOEXEC, 0);
    if (fd < 0) return NULL;
    void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static int guest_exists(uint32_t domid)
{
    char path[sizeof ((struct sockaddr_un *)0)->sun_path + 64];
    return guest_path(path, sizeof path, "domain-%u.ring", domid) == 0 && access(path, F_OK) == 0;
}

/* ---- libxenctrl: a non-NULL handle; "the hypervisor" knows domain D while its ring file exists ---- */

static int dummy_handle;

void *xc_interface_open(void *logger, void *dombuild_logger, unsigned flags) { return &dummy_handle; }
int xc_interface_close(void *xch) { return 0; }

/*
 * C xenstored asks whether a domain exists when a permission or an owner names it. The answer fills the
 * start of xc_dominfo_t: domid, ssidref, then the flag bits (dying, crashed, shutdown, ...) all 0.
 */
int xc_domain_getinfo(void *xch, uint32_t first, unsigned max, void *info)
{
    if (guest_dir() == NULL || max < 1 || info == NULL || !guest_exists(first)) return 0;
    memset(info, 0, 16);
    memcpy(info, &first, sizeof first);
    return 1;
}
/* 0 = no domains: oxenstored asks only when the domain-exception VIRQ fires, which never happens. */
int xc_domain_getinfolist(void *xch, uint32_t first, unsigned max, void *info) { return 0; }

/* A guest's ring page without a ring file: zeroed = an empty ring, so INTRODUCE succeeds and the ring stays silent. */
static void *zeroed_pages(size_t size)
{
    void *p = mmap(NULL, size < PAGE ? PAGE : size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* oxenstored maps a guest's interface page this way. */
void *xc_map_foreign_range(void *xch, uint32_t dom, int size, int prot, unsigned long mfn)
{
    void *ring = guest_dir() != NULL && size <= PAGE ? guest_ring(dom) : NULL;
    return ring != NULL ? ring : zeroed_pages((size_t)size);
}

/* ---- libxengnttab (C xenstored maps guests' rings through grant tables) ---- */

void *xengnttab_open(void *logger, unsigned flags) { return &dummy_handle; }
int xengnttab_close(void *xgt) { return 0; }
int xengnttab_set_max_grants(void *xgt, uint32_t nr) { return 0; }
void *xengnttab_map_grant_ref(void *xgt, uint32_t domid, uint32_t ref, int prot)
{
    void *ring = guest_dir() != NULL ? guest_ring(domid) : NULL;
    return ring != NULL ? ring : zeroed_pages(PAGE);
}
int xengnttab_unmap(void *xgt, void *start, uint32_t count) { return munmap(start, (size_t)count * PAGE); }

/*
 * ---- libxenevtchn: the daemons poll() the handle's fd.
 * Without XENSTUB_DIR it is the read end of a pipe that nobody writes to: no event ever arrives.
 * With it, a Unix datagram socket bound at DIR/evtchn: a guest kicks the daemon with one datagram of
 * 4 bytes, its domid little endian, and pending() returns its port 100+domid. The daemon notifies
 * domain D by sending one byte to DIR/domain-D.guest. The VIRQ port is never returned by pending():
 * both daemons would then ask getinfo about every domain and treat those it does not know as dead. ----
 */

struct evtchn { int rd, wr; };

static void *evtchn_new(void)
{
    struct evtchn *h = malloc(sizeof *h);
    if (h == NULL) return NULL;
    if (guest_dir() != NULL) {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };
        if (guest_path(addr.sun_path, sizeof addr.sun_path, "evtchn", 0) != 0) { free(h); return NULL; }
        h->rd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        h->wr = -1;
        NEXT(unlink)(addr.sun_path);
        if (h->rd < 0 || NEXT(bind)(h->rd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            if (h->rd >= 0) close(h->rd);
            free(h);
            return NULL;
        }
        return h;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) { free(h); return NULL; }
    h->rd = fds[0];
    h->wr = fds[1];
    return h;
}

void *xenevtchn_open(void *logger, unsigned flags) { return evtchn_new(); }
void *xenevtchn_fdopen(void *logger, int fd, unsigned flags) { return evtchn_new(); }
int xenevtchn_fd(void *h) { return ((struct evtchn *)h)->rd; }
int xenevtchn_close(void *h)
{
    struct evtchn *e = h;
    if (e != NULL) { close(e->rd); if (e->wr >= 0) close(e->wr); free(e); }
    return 0;
}
int xenevtchn_bind_virq(void *h, unsigned virq) { return FIXED_PORT; }
int xenevtchn_bind_interdomain(void *h, uint32_t domid, unsigned remote_port)
{
    return guest_dir() != NULL ? GUEST_PORT_BASE + (int)domid : FIXED_PORT;
}

/* Wakes domain port-100: one byte to its socket, never blocking; a missing socket (dom0's) is no error. */
int xenevtchn_notify(void *h, unsigned port)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (guest_dir() == NULL || port < GUEST_PORT_BASE
            || guest_path(addr.sun_path, sizeof addr.sun_path, "domain-%u.guest", port - GUEST_PORT_BASE) != 0)
        return 0;
    int saved = errno;
    sendto(((struct evtchn *)h)->rd, "!", 1, MSG_DONTWAIT, (struct sockaddr *)&addr, sizeof addr);
    errno = saved;
    return 0;
}

/* The port of the next kick, 0 when none is queued or it is malformed, -1 only when recv fails. */
int xenevtchn_pending(void *h)
{
    if (guest_dir() == NULL) { errno = EAGAIN; return -1; }
    unsigned char kick[8];
    ssize_t n = recv(((struct evtchn *)h)->rd, kick, sizeof kick, MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
    if (n != 4) return 0;
    uint32_t domid = kick[0] | kick[1] << 8 | kick[2] << 16 | (uint32_t)kick[3] << 24;
    return domid > 0x7fef ? 0 : GUEST_PORT_BASE + (int)domid;
}
int xenevtchn_unmask(void *h, unsigned port) { return 0; }
int xenevtchn_unbind(void *h, unsigned port) { return 0; }

/* oxenstored raises RLIMIT_NOFILE beyond what a container may allow; pretend it worked. */
int setrlimit(__rlimit_resource_t resource, const struct rlimit *rlim) { return 0; }

/*
 * ---- no orphans: a thread that ends the daemon once the JVM that started it has died
 * (the daemon is then re-parented, so getppid() changes). Not PR_SET_PDEATHSIG: that fires
 * when the *thread* that forked the daemon ends, which in a JVM may be any pool thread. ----
 */

static void *watch_parent(void *parent)
{
    while (getppid() == (pid_t)(intptr_t)parent)
        usleep(200 * 1000);
    _exit(1);
}

__attribute__((constructor)) static void start_parent_watch(void)
{
    const char *on = getenv("XENSTUB_WATCH_PARENT");
    pthread_t thread;
    if (on != NULL && strcmp(on, "1") == 0
            && pthread_create(&thread, NULL, watch_parent, (void *)(intptr_t)getppid()) == 0)
        pthread_detach(thread);
}

/* ---- path redirections ---- */

static const char *redirect(const char *path)
{
    const char *to = NULL;
    if (path == NULL) return path;
    if (strcmp(path, "/proc/xen/xsd_port") == 0) to = getenv("XENSTUB_PORT_FILE");
    else if (strcmp(path, "/proc/xen/xsd_kva") == 0) to = getenv("XENSTUB_KVA_FILE");
    else if (strcmp(path, "/var/run/xenstored/socket") == 0 || strcmp(path, "/run/xenstored/socket") == 0)
        to = getenv("XENSTUB_SOCKET");
    return to != NULL ? to : path;
}

/* oxenstored creates the socket's folder (mkdir -p); it must not touch the real /var/run/xenstored. */
static int is_socket_dir(const char *path)
{
    return getenv("XENSTUB_SOCKET") != NULL
        && (strcmp(path, "/var/run/xenstored") == 0 || strcmp(path, "/run/xenstored") == 0);
}

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap; va_start(ap, flags); mode_t m = mode_arg(flags, ap); va_end(ap);
    return NEXT(open)(redirect(path), flags, m);
}

int open64(const char *path, int flags, ...)
{
    va_list ap; va_start(ap, flags); mode_t m = mode_arg(flags, ap); va_end(ap);
    return NEXT(open64)(redirect(path), flags, m);
}

int unlink(const char *path) { return NEXT(unlink)(redirect(path)); }

int mkdir(const char *path, mode_t mode)
{
    if (is_socket_dir(path)) { errno = EEXIST; return -1; }
    return NEXT(mkdir)(path, mode);
}

int chmod(const char *path, mode_t mode) { return NEXT(chmod)(redirect(path), mode); }

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    if (addr != NULL && addr->sa_family == AF_UNIX) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)addr;
        const char *to = redirect(un->sun_path);
        if (to != un->sun_path) {
            struct sockaddr_un moved = { .sun_family = AF_UNIX };
            if (strlen(to) >= sizeof moved.sun_path) { errno = ENAMETOOLONG; return -1; }
            strcpy(moved.sun_path, to);
            return NEXT(bind)(fd, (const struct sockaddr *)&moved, sizeof moved);
        }
    }
    return NEXT(bind)(fd, addr, len);
}
