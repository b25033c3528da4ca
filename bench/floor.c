#define _GNU_SOURCE
/* The floor: the least a server can do to serve one MJPEG stream to many viewers on Linux.
 * One thread, epoll, non-blocking sockets, SO_SNDBUF as the app sets it (64 KB). Every 1/fps s
 * it frames the same JPEG once (boundary, headers with X-Timestamp, bytes, CRLF), exactly as
 * the app's parts look, and each viewer that has finished its previous part starts the new
 * one; a viewer still busy skips it. No parsing beyond the request's end, no authentication.
 * Usage: floor PORT FPS FILE.jpg  (the bench compares the app's CPU per delivered frame to this). */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define MAX_CLIENTS 65536
static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=camdashboard-frame\r\n"
                           "Cache-Control: no-cache, no-store, must-revalidate\r\nConnection: close\r\n\r\n";

struct client { int fd, streaming, waits_out; char req[4]; char *part; size_t len, sent; int *refs; };
static struct client clients[MAX_CLIENTS];
static char *jpeg; static size_t jpeg_len;

/* A part is shared by every viewer sending it; the last to finish frees it. */
static void release(struct client *c) {
    if (c->part && --*c->refs == 0) { free(c->refs); free(c->part); }
    c->part = NULL;
}

static void drop(int ep, struct client *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    release(c);
    memset(c, 0, sizeof *c);
}

/* Writes what the socket takes; returns -1 when the client is gone. */
static int pump(int ep, struct client *c) {
    while (c->part && c->sent < c->len) {
        ssize_t n = send(c->fd, c->part + c->sent, c->len - c->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN) {
                if (!c->waits_out) {
                    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.fd = c->fd };
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                    c->waits_out = 1;
                }
                return 0;
            }
            return -1;
        }
        c->sent += (size_t)n;
    }
    if (c->part) {
        release(c);
        /* Back to reads only, if writes were being waited for: a part sent whole costs no epoll_ctl. */
        if (c->waits_out) {
            struct epoll_event ev = { .events = EPOLLIN, .data.fd = c->fd };
            epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
            c->waits_out = 0;
        }
    }
    return 0;
}

static void publish(int ep) {
    struct timeval now; gettimeofday(&now, NULL);
    char header[256];
    int h = snprintf(header, sizeof header, "--camdashboard-frame\r\nContent-Type: image/jpeg\r\nContent-Length: %zu\r\n"
                     "X-Timestamp: %ld.%06ld\r\n\r\n", jpeg_len, (long)now.tv_sec, (long)now.tv_usec);
    size_t len = (size_t)h + jpeg_len + 2;
    char *part = malloc(len);
    memcpy(part, header, (size_t)h); memcpy(part + h, jpeg, jpeg_len); memcpy(part + h + jpeg_len, "\r\n", 2);
    int *refs = malloc(sizeof *refs); *refs = 1;
    for (int fd = 0; fd < MAX_CLIENTS; fd++) {
        struct client *c = &clients[fd];
        if (!c->streaming || c->part) continue; /* busy with the previous part: skips this one */
        c->part = part; c->len = len; c->sent = 0; c->refs = refs; ++*refs;
        if (pump(ep, c) < 0) drop(ep, c);
    }
    if (--*refs == 0) { free(refs); free(part); }
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: floor PORT FPS FILE.jpg\n"); return 2; }
    FILE *f = fopen(argv[3], "rb"); struct stat st;
    if (!f || stat(argv[3], &st) != 0) { perror(argv[3]); return 1; }
    jpeg_len = (size_t)st.st_size; jpeg = malloc(jpeg_len);
    if (fread(jpeg, 1, jpeg_len, f) != jpeg_len) { perror("read"); return 1; }
    fclose(f);

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (bind(ls, (struct sockaddr *)&addr, sizeof addr) || listen(ls, 4096)) { perror("listen"); return 1; }

    int ep = epoll_create1(0), tick = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    long period = 1000000000L / atoi(argv[2]);
    struct itimerspec its = { .it_interval = { 0, period }, .it_value = { 0, period } };
    timerfd_settime(tick, 0, &its, NULL);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = ls };
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    ev.data.fd = tick; epoll_ctl(ep, EPOLL_CTL_ADD, tick, &ev);
    fprintf(stderr, "floor listening on 127.0.0.1:%s\n", argv[1]);

    struct epoll_event events[1024];
    for (;;) {
        int n = epoll_wait(ep, events, 1024, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == tick) { uint64_t t; if (read(tick, &t, sizeof t) > 0) publish(ep); continue; }
            if (fd == ls) {
                int c;
                while ((c = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (c >= MAX_CLIENTS) { close(c); continue; }
                    int sndbuf = 64 * 1024;
                    setsockopt(c, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    clients[c].fd = c;
                    struct epoll_event cev = { .events = EPOLLIN, .data.fd = c };
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            struct client *c = &clients[fd];
            if (events[i].events & EPOLLIN) {
                char buf[4096]; ssize_t r = recv(fd, buf, sizeof buf, 0);
                if (r <= 0) { if (r == 0 || errno != EAGAIN) drop(ep, c); continue; }
                if (!c->streaming) {
                    /* The request ends at the first blank line, which may straddle reads. */
                    for (ssize_t k = 0; k < r && !c->streaming; k++) {
                        memmove(c->req, c->req + 1, 3); c->req[3] = buf[k];
                        if (memcmp(c->req, "\r\n\r\n", 4) == 0) c->streaming = 1;
                    }
                    if (c->streaming && send(fd, head, sizeof head - 1, MSG_NOSIGNAL) != (ssize_t)(sizeof head - 1)) drop(ep, c);
                }
            }
            if ((events[i].events & EPOLLOUT) && c->fd && pump(ep, c) < 0) drop(ep, c);
            if ((events[i].events & (EPOLLHUP | EPOLLERR)) && c->fd) drop(ep, c);
        }
    }
}
