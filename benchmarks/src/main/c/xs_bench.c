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
 * xs_bench: the throughput of Xen's own C library, libxenstore (xenstore.h, -lxenstore), against the daemon
 * at $XENSTORED_PATH; the counterpart of the jxs JMH benchmarks, on the same nodes:
 *
 *   read                  one thread reading a 10-byte node
 *   readThreads           T threads (-t) reading it, each on a handle (connection) of its own; reported as
 *                         read<T>Threads
 *   write                 one thread writing a 10-byte node
 *   transactionIncrement  start, read, write, commit of a counter (retried on EAGAIN)
 *   watchEvent            events of one watch taken with xs_fileno + xs_check_watch while a second handle
 *                         writes the watched node's children, never more than WINDOW events ahead; every
 *                         event is counted and none may be lost. With -n, the reading handle also holds that
 *                         many watches on nodes nobody writes (reported as otherWatches).
 *
 * Measures the operations given, in that order. Like JMH, each runs warm-up then measured iterations of a
 * fixed length. Prints one JSON line per operation:
 * {"client":"libxenstore","op":...,"params":{...},"ops_per_s":...,"iterations":[...]}.
 *
 * usage: xs_bench [-w WARMUPS] [-i ITERATIONS] [-s SECONDS] [-t THREADS] [-n OTHER_WATCHES] OP...
 * build: gcc -O2 -pthread xs_bench.c -lxenstore   (Debian: libxen-dev)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xenstore.h>

#include "bench.h"

#define READ_PATH "/bench/read"
#define WRITE_PATH "/bench/write"
#define COUNTER_PATH "/bench/counter"
#define WATCHED "/bench/watch"
#define TOKEN "bench"
#define VALUE "0123456789"
#define NODES 1024 /* children the writer cycles through */
#define WINDOW 256 /* events the writer may be ahead; below NODES, as C xenstored drops identical pending events */
#define EVENT_TIMEOUT_MS 10000
#define MAX_THREADS 256
#define MAX_ITERATIONS 100
#define USAGE "usage: xs_bench [-w WARMUPS] [-i ITERATIONS] [-s SECONDS] [-t THREADS] [-n OTHER_WATCHES] " \
              "read|readThreads|write|transactionIncrement|watchEvent...\n"

static int warmups = 2, iterations = 3, threads = 8, other_watches = 0;
static double seconds = 2.0;

static struct xs_handle *open_handle(void)
{
    struct xs_handle *h = xs_open(0);
    if (!h)
        die("xs_open (XENSTORED_PATH=%s)", getenv("XENSTORED_PATH") ? getenv("XENSTORED_PATH") : "unset");
    return h;
}

/* One measured operation: runs until the deadline and returns how many times it completed. */
typedef long (*run_fn)(void *state, double deadline);

static void measure(const char *op, const char *params, run_fn run, void *state)
{
    double scores[MAX_ITERATIONS], sum = 0;
    for (int i = 0; i < warmups + iterations; i++) {
        double start = now();
        long count = run(state, start + seconds);
        double score = count / (now() - start);
        if (i >= warmups) {
            scores[i - warmups] = score;
            sum += score;
        }
    }
    printf("{\"client\": \"libxenstore\", \"op\": \"%s\", \"params\": {%s}, \"ops_per_s\": %.1f, \"iterations\": [",
           op, params, sum / iterations);
    for (int i = 0; i < iterations; i++)
        printf("%s%.1f", i ? ", " : "", scores[i]);
    printf("]}\n");
    fflush(stdout);
}

/* ---- reads and writes */

static void read_once(struct xs_handle *h)
{
    unsigned int length;
    char *value = xs_read(h, XBT_NULL, READ_PATH, &length);
    if (!value || length != strlen(VALUE))
        die("xs_read %s", READ_PATH);
    free(value);
}

static long reads(void *state, double deadline)
{
    long count = 0;
    while (now() < deadline) {
        read_once(state);
        count++;
    }
    return count;
}

struct reader { struct xs_handle *handle; double deadline; long count; };

static void *read_until(void *state)
{
    struct reader *r = state;
    r->count = reads(r->handle, r->deadline);
    return NULL;
}

/* state: an array of `threads` handles */
static long reads_in_threads(void *state, double deadline)
{
    struct xs_handle **handles = state;
    pthread_t ids[MAX_THREADS];
    struct reader readers[MAX_THREADS];
    long count = 0;
    for (int i = 0; i < threads; i++) {
        readers[i] = (struct reader){ handles[i], deadline, 0 };
        if ((errno = pthread_create(&ids[i], NULL, read_until, &readers[i])))
            die("pthread_create");
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        count += readers[i].count;
    }
    return count;
}

static long writes(void *state, double deadline)
{
    long count = 0;
    while (now() < deadline) {
        if (!xs_write(state, XBT_NULL, WRITE_PATH, VALUE, strlen(VALUE)))
            die("xs_write %s", WRITE_PATH);
        count++;
    }
    return count;
}

static void increment(struct xs_handle *h)
{
    for (;;) {
        xs_transaction_t t = xs_transaction_start(h);
        if (t == XBT_NULL)
            die("xs_transaction_start");
        unsigned int length;
        char *value = xs_read(h, t, COUNTER_PATH, &length);
        if (!value)
            die("xs_read %s in a transaction", COUNTER_PATH);
        char next[32];
        snprintf(next, sizeof next, "%ld", strtol(value, NULL, 10) + 1);
        free(value);
        if (!xs_write(h, t, COUNTER_PATH, next, strlen(next)))
            die("xs_write %s in a transaction", COUNTER_PATH);
        if (xs_transaction_end(h, t, false))
            return;
        if (errno != EAGAIN)
            die("xs_transaction_end");
    }
}

static long transactions(void *state, double deadline)
{
    long count = 0;
    while (now() < deadline) {
        increment(state);
        count++;
    }
    return count;
}

/* ---- watch events */

struct watching {
    struct xs_handle *reader, *writer;
    char children[NODES][32];
    sem_t window;
    atomic_bool stopping;
    atomic_long written;
};

/* The next event, or NULL when none comes within the timeout. */
static char **next_event(struct xs_handle *h, int timeout_ms)
{
    for (;;) {
        char **event = xs_check_watch(h);
        if (event)
            return event;
        if (errno != EAGAIN)
            die("xs_check_watch");
        struct pollfd fd = { .fd = xs_fileno(h), .events = POLLIN };
        int ready = poll(&fd, 1, timeout_ms);
        if (ready == 0)
            return NULL;
        if (ready < 0 && errno != EINTR)
            die("poll on xs_fileno");
    }
}

static void take_event(struct watching *w, long delivered)
{
    char **event = next_event(w->reader, EVENT_TIMEOUT_MS);
    if (!event) {
        errno = ETIMEDOUT;
        die("event lost: %ld events for %ld writes", delivered, atomic_load(&w->written));
    }
    if (strcmp(event[XS_WATCH_TOKEN], TOKEN) != 0 || strncmp(event[XS_WATCH_PATH], WATCHED "/", strlen(WATCHED "/")) != 0) {
        errno = EPROTO;
        die("unexpected event %s %s", event[XS_WATCH_PATH], event[XS_WATCH_TOKEN]);
    }
    free(event);
}

static void watch(struct xs_handle *h, const char *path, const char *token)
{
    if (!xs_watch(h, path, token))
        die("xs_watch %s", path);
    /* Taken one by one, as jxs does: its monitor queue holds at most 10,000 events. */
    char **first = next_event(h, EVENT_TIMEOUT_MS);
    if (!first || strcmp(first[XS_WATCH_PATH], path) != 0 || strcmp(first[XS_WATCH_TOKEN], token) != 0) {
        errno = EPROTO;
        die("watching %s brought no first event", path);
    }
    free(first);
}

static void *write_until_stopped(void *state)
{
    struct watching *w = state;
    long count = 0;
    while (!atomic_load(&w->stopping)) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000 * 1000 * 1000) {
            until.tv_sec++;
            until.tv_nsec -= 1000 * 1000 * 1000;
        }
        if (sem_timedwait(&w->window, &until) != 0) {
            if (errno == ETIMEDOUT || errno == EINTR)
                continue;
            die("sem_timedwait");
        }
        if (!xs_write(w->writer, XBT_NULL, w->children[count % NODES], VALUE, strlen(VALUE)))
            die("xs_write %s", w->children[count % NODES]);
        atomic_store(&w->written, ++count);
    }
    return NULL;
}

/* One iteration: the writer runs until the deadline; then every event of its writes must arrive, and no more. */
static long watch_events(void *state, double deadline)
{
    struct watching *w = state;
    pthread_t writer;
    long delivered = 0;
    atomic_store(&w->stopping, false);
    atomic_store(&w->written, 0);
    if (sem_init(&w->window, 0, WINDOW) != 0)
        die("sem_init");
    if ((errno = pthread_create(&writer, NULL, write_until_stopped, w)))
        die("pthread_create");
    while (now() < deadline) {
        take_event(w, delivered++);
        sem_post(&w->window);
    }
    long counted = delivered;
    atomic_store(&w->stopping, true);
    pthread_join(writer, NULL);
    while (delivered < atomic_load(&w->written))
        take_event(w, delivered++);
    char **extra = next_event(w->reader, 100);
    if (extra) {
        errno = EPROTO;
        die("%ld writes brought more events: %s", delivered, extra[XS_WATCH_PATH]);
    }
    sem_destroy(&w->window);
    return counted;
}

static void measure_watch_events(int others)
{
    static struct watching w; /* large: not on the stack */
    w.reader = open_handle();
    w.writer = open_handle();
    for (int i = 0; i < NODES; i++) {
        snprintf(w.children[i], sizeof w.children[i], WATCHED "/%d", i);
        if (!xs_write(w.writer, XBT_NULL, w.children[i], VALUE, strlen(VALUE)))
            die("xs_write %s", w.children[i]);
    }
    if (xs_fileno(w.reader) < 0)
        die("xs_fileno");
    watch(w.reader, WATCHED, TOKEN);
    for (int i = 0; i < others; i++) {
        char path[64], token[32];
        snprintf(path, sizeof path, "/bench/other/%d", i);
        snprintf(token, sizeof token, "other%d", i);
        watch(w.reader, path, token);
    }
    char params[64];
    snprintf(params, sizeof params, "\"otherWatches\": \"%d\"", others);
    measure("watchEvent", params, watch_events, &w);
    xs_close(w.reader); /* the daemon drops its watches */
    xs_close(w.writer);
}

static int whole_number(const char *option, const char *text, int min, int max)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "xs_bench: %s must be a whole number from %d to %d, not '%s'\n", option, min, max, text);
        exit(2);
    }
    return (int)value;
}

static void measure_reads_in_threads(struct xs_handle *h)
{
    (void)h; /* each thread reads on a handle of its own */
    struct xs_handle *handles[MAX_THREADS];
    for (int i = 0; i < threads; i++)
        handles[i] = open_handle();
    char op[32];
    snprintf(op, sizeof op, "read%dThreads", threads);
    measure(op, "", reads_in_threads, handles);
    for (int i = 0; i < threads; i++)
        xs_close(handles[i]);
}

static void measure_reads(struct xs_handle *h) { measure("read", "", reads, h); }
static void measure_writes(struct xs_handle *h) { measure("write", "", writes, h); }
static void measure_transactions(struct xs_handle *h) { measure("transactionIncrement", "", transactions, h); }
static void measure_watch_events_of(struct xs_handle *h) { (void)h; measure_watch_events(other_watches); }

/* The operations an operand names, each measured with the handle that wrote the benchmark's nodes. */
static const struct operation {
    const char *name;
    void (*measure)(struct xs_handle *h);
} OPERATIONS[] = {
    {"read", measure_reads},
    {"readThreads", measure_reads_in_threads},
    {"write", measure_writes},
    {"transactionIncrement", measure_transactions},
    {"watchEvent", measure_watch_events_of},
};

static const struct operation *operation_named(const char *name)
{
    for (size_t i = 0; i < sizeof OPERATIONS / sizeof OPERATIONS[0]; i++)
        if (strcmp(name, OPERATIONS[i].name) == 0)
            return &OPERATIONS[i];
    return NULL;
}

int main(int argc, char **argv)
{
    program = "xs_bench";
    int option;
    while ((option = getopt(argc, argv, "w:i:s:t:n:")) != -1) {
        switch (option) {
        case 'w': warmups = whole_number("-w WARMUPS", optarg, 0, MAX_ITERATIONS); break;
        case 'i': iterations = whole_number("-i ITERATIONS", optarg, 1, MAX_ITERATIONS); break;
        case 't': threads = whole_number("-t THREADS", optarg, 1, MAX_THREADS); break;
        case 'n': other_watches = whole_number("-n OTHER_WATCHES", optarg, 0, 1000000); break;
        case 's': {
            char *end;
            seconds = strtod(optarg, &end);
            if (*end != '\0' || !(seconds > 0)) {
                fprintf(stderr, "xs_bench: -s SECONDS must be a positive number, not '%s'\n", optarg);
                return 2;
            }
            break;
        }
        default:
            fprintf(stderr, USAGE);
            return 2;
        }
    }
    if (optind == argc) {
        fprintf(stderr, USAGE);
        return 2;
    }
    for (int i = optind; i < argc; i++) {
        if (!operation_named(argv[i])) {
            fprintf(stderr, "xs_bench: unknown operation '%s'\n" USAGE, argv[i]);
            return 2;
        }
    }

    struct xs_handle *h = open_handle();
    if (!xs_write(h, XBT_NULL, READ_PATH, VALUE, strlen(VALUE)) || !xs_write(h, XBT_NULL, COUNTER_PATH, "0", 1))
        die("xs_write of the benchmark's nodes");
    for (int i = optind; i < argc; i++)
        operation_named(argv[i])->measure(h);
    xs_close(h);
    return 0;
}
