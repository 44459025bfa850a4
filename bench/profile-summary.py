"""Summarises an async-profiler CPU profile (collapsed stacks, 1 ms per sample) of the gateway under load.

Usage: python3 bench/profile-summary.py profile.collapsed ANSWERED_REQUESTS

Prints the CPU microseconds spent per answered request: in total, in each part of the request path
(inclusive: a part contains what it calls), and in the hottest methods (exclusive).
"""
import collections
import re
import sys

# Parts of the path, by the frame that starts them (first match wins for the "where" column of a sample).
PARTS = [
    ("trace writer thread (group commit, chain HMAC, inserts)", r"fr/cdapgateway/trace/TraceWriter\.run$"),
    ("backend call (camel-http, Apache HttpClient, socket I/O)", r"org/apache/camel/component/http/HttpProducer\.process$"),
    ("gateway beans: authentication", r"fr/cdapgateway/auth/Authenticator\.authenticate$"),
    ("gateway beans: throttling", r"fr/cdapgateway/throttle/Throttle\.consultation$"),
    ("gateway beans: habilitation check", r"fr/cdapgateway/habilitation/HabilitationCheck\.check$"),
    ("gateway beans: dossier parse (Jackson)", r"fr/cdapgateway/backend/CdapBackend\.read$"),
    ("gateway beans: profile view (allow-list)", r"fr/cdapgateway/consultation/ConsultationViews\.quotientFamilial$"),
    ("gateway beans: trace record + wait for commit", r"fr/cdapgateway/trace/TraceRecorder\.record$"),
    ("gateway beans: answer (JSON, headers)", r"fr/cdapgateway/api/Answers\.send$"),
    ("gateway beans: request open, maintenance, sharing", r"fr/cdapgateway/(api/GatewayRequests\.open|ops/ServiceStatus|throttle/SharingDetector)"),
    ("Camel routing (pipeline, bean binding, error handler, circuit breaker)", r"org/apache/camel/component/netty/handlers/ServerChannelHandler\.processAsynchronously$"),
    ("netty server I/O (HTTP decode/encode, sockets)", r"io/netty/channel/nio/NioEventLoop\.run$"),
    ("JIT compiler threads", r"CompileBroker::compiler_thread_loop"),
    ("garbage collector", r"(GCTaskThread|G1|ConcurrentGCThread|VM_GC|GenCollectedHeap|VMThread)"),
]


def main():
    path, requests = sys.argv[1], int(sys.argv[2])
    inclusive = collections.Counter()
    exclusive = collections.Counter()
    total = 0
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not count.isdigit():
            continue
        samples = int(count)
        total += samples
        frames = stack.split(";")
        exclusive[frames[-1]] += samples
        for name, pattern in PARTS:
            if any(re.search(pattern, frame) for frame in frames):
                inclusive[name] += samples
    if not total or not requests:
        print("no samples")
        return
    per_request = 1000.0 / requests  # one sample = 1 ms = 1000 us of CPU
    print(f"{total} samples (1 ms of CPU each) over {requests} answered requests: "
          f"{total * per_request:.0f} us of gateway CPU per request")
    print()
    print("part of the path (inclusive; Camel routing contains the gateway beans and the backend call)   us/request")
    for name, _ in PARTS:
        print(f"  {name:<88} {inclusive[name] * per_request:8.1f}")
    print()
    print("hottest methods (exclusive)                                                                   us/request")
    for frame, samples in exclusive.most_common(25):
        name = re.sub(r"_\[[a-z]\]$", "", frame)[:92]
        print(f"  {name:<92} {samples * per_request:6.1f}")


if __name__ == "__main__":
    main()
