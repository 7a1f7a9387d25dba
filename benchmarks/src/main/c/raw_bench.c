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
 * raw_bench: the daemon's ceiling for reads on one connection. One thread keeps N READ requests of a 10-byte
 * node in flight on one Unix-socket connection to $XENSTORED_PATH, with its own framing (struct xsd_sockmsg
 * of xs_wire.h) and no library: whenever replies arrive it counts them and sends as many new requests in a
 * single write. A client cannot get more out of one connection; N = 64 is the ceiling jxs is compared with.
 *
 * Like JMH, each N runs warm-up then measured iterations of a fixed length. Prints one JSON line per N:
 * {"client":"raw-socket","op":"read<N>InFlight","params":{},"ops_per_s":...,"iterations":[...]}.
 *
 * usage: raw_bench [-w WARMUPS] [-i ITERATIONS] [-s SECONDS] IN_FLIGHT...     e.g. raw_bench 8 64
 * build: gcc -O2 raw_bench.c   (Debian: libxen-dev, for xen/io/xs_wire.h)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <xen/io/xs_wire.h>

#include "bench.h"

#define READ_PATH "/bench/read"
#define VALUE "0123456789"
#define MAX_IN_FLIGHT 1024
#define MAX_ITERATIONS 100
#define REPLY_TIMEOUT_SECONDS 10

static int warmups = 2, iterations = 3;
static double seconds = 2.0;

static int connect_daemon(void)
{
    const char *path = getenv("XENSTORED_PATH");
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    if (!path || strlen(path) >= sizeof address.sun_path) {
        errno = EINVAL;
        die("XENSTORED_PATH must name the daemon's socket");
    }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0)
        die("connect %s", path);
    /* A daemon that stops answering ends the run instead of hanging it. */
    struct timeval timeout = { .tv_sec = REPLY_TIMEOUT_SECONDS };
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0)
        die("setsockopt SO_RCVTIMEO");
    return fd;
}

static void write_all(int fd, const void *data, size_t length)
{
    const char *next = data;
    while (length > 0) {
        ssize_t n = write(fd, next, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            die("write to the daemon");
        next += n;
        length -= (size_t)n;
    }
}

/* A request: header and payload, laid out as they go on the wire. */
static size_t put_request(char *at, uint32_t type, uint32_t id, const char *payload, size_t length)
{
    struct xsd_sockmsg header = { .type = type, .req_id = id, .tx_id = 0, .len = (uint32_t)length };
    memcpy(at, &header, sizeof header);
    memcpy(at + sizeof header, payload, length);
    return sizeof header + length;
}

/* The replies received and not yet parsed. */
static char input[1 << 16];
static size_t buffered;

/* Reads what the daemon has sent; returns how many whole replies of `type` it completed. */
static long receive(int fd, uint32_t type)
{
    ssize_t n = read(fd, input + buffered, sizeof input - buffered);
    if (n == 0 || (n < 0 && errno != EINTR)) {
        if (n == 0)
            errno = ECONNRESET;
        die("read from the daemon (no reply within %d s?)", REPLY_TIMEOUT_SECONDS);
    }
    if (n < 0)
        return 0;
    buffered += (size_t)n;
    long replies = 0;
    size_t at = 0;
    struct xsd_sockmsg header;
    while (buffered - at >= sizeof header) {
        memcpy(&header, input + at, sizeof header);
        if (header.len > XENSTORE_PAYLOAD_MAX) {
            errno = EPROTO;
            die("reply of %u bytes", header.len);
        }
        if (buffered - at < sizeof header + header.len)
            break;
        if (header.type != type) {
            errno = EPROTO;
            die("expected a reply of type %u, got type %u '%.*s'", type, header.type, (int)header.len,
                input + at + sizeof header);
        }
        at += sizeof header + header.len;
        replies++;
    }
    memmove(input, input + at, buffered - at);
    buffered -= at;
    return replies;
}

static void measure(int in_flight)
{
    static char requests[MAX_IN_FLIGHT * (sizeof(struct xsd_sockmsg) + sizeof READ_PATH)];
    size_t size = 0;
    int fd = connect_daemon();
    buffered = 0;

    char path_and_value[sizeof READ_PATH + sizeof VALUE];
    memcpy(path_and_value, READ_PATH, sizeof READ_PATH); /* the path, its NUL, then the value */
    memcpy(path_and_value + sizeof READ_PATH, VALUE, strlen(VALUE));
    size = put_request(requests, XS_WRITE, 1, path_and_value, sizeof READ_PATH + strlen(VALUE));
    write_all(fd, requests, size);
    while (receive(fd, XS_WRITE) == 0)
        ;

    size_t request_size = 0;
    for (int i = 0; i < in_flight; i++)
        request_size = put_request(requests + i * request_size, XS_READ, (uint32_t)i, READ_PATH, sizeof READ_PATH);
    write_all(fd, requests, in_flight * request_size);

    double scores[MAX_ITERATIONS], sum = 0;
    for (int i = 0; i < warmups + iterations; i++) {
        double start = now(), deadline = start + seconds, end;
        long count = 0;
        do {
            long replies = receive(fd, XS_READ);
            write_all(fd, requests, replies * request_size);
            count += replies;
        } while ((end = now()) < deadline);
        if (i >= warmups) {
            scores[i - warmups] = count / (end - start);
            sum += scores[i - warmups];
        }
    }
    for (long pending = in_flight; pending > 0;)
        pending -= receive(fd, XS_READ);
    close(fd);

    printf("{\"client\": \"raw-socket\", \"op\": \"read%dInFlight\", \"params\": {}, \"ops_per_s\": %.1f, \"iterations\": [",
           in_flight, sum / iterations);
    for (int i = 0; i < iterations; i++)
        printf("%s%.1f", i ? ", " : "", scores[i]);
    printf("]}\n");
    fflush(stdout);
}

static int whole_number(const char *what, const char *text, int min, int max)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "raw_bench: %s must be a whole number from %d to %d, not '%s'\n", what, min, max, text);
        exit(2);
    }
    return (int)value;
}

int main(int argc, char **argv)
{
    program = "raw_bench";
    int option;
    while ((option = getopt(argc, argv, "w:i:s:")) != -1) {
        switch (option) {
        case 'w': warmups = whole_number("-w WARMUPS", optarg, 0, MAX_ITERATIONS); break;
        case 'i': iterations = whole_number("-i ITERATIONS", optarg, 1, MAX_ITERATIONS); break;
        case 's': {
            char *end;
            seconds = strtod(optarg, &end);
            if (*end != '\0' || !(seconds > 0)) {
                fprintf(stderr, "raw_bench: -s SECONDS must be a positive number, not '%s'\n", optarg);
                return 2;
            }
            break;
        }
        default:
            fprintf(stderr, "usage: raw_bench [-w WARMUPS] [-i ITERATIONS] [-s SECONDS] IN_FLIGHT...\n");
            return 2;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "usage: raw_bench [-w WARMUPS] [-i ITERATIONS] [-s SECONDS] IN_FLIGHT...\n");
        return 2;
    }
    for (int i = optind; i < argc; i++)
        whole_number("IN_FLIGHT", argv[i], 1, MAX_IN_FLIGHT);
    for (int i = optind; i < argc; i++)
        measure(whole_number("IN_FLIGHT", argv[i], 1, MAX_IN_FLIGHT));
    return 0;
}
