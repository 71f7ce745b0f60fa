"""Lock and event baselines: Lock, RLock, Value; Event and Semaphore round trips.

Family "lock": uncontended `with lock: pass` and acquire()/release() bound to locals (Lock,
RLock) in one process; 2 and 4 processes contending, each doing `with lock: counter += 1`
on a shared counter, the final count checked exactly. Family "event": round trips between
two processes through two Events (set/wait/clear) or two Semaphores (release/acquire).
"""

import multiprocessing as mp
import statistics

from common import CheckFailed, now_ns

CONTENDERS = (2, 4)
WARMUP_ROUND_TRIPS = 200


def _primitive(kind):
    """(context manager to hold, shared counter) for kind."""
    if kind == "Value":
        value = mp.Value("q", 0)
        return value.get_lock(), value
    return (mp.Lock() if kind == "Lock" else mp.RLock()), mp.RawValue("q", 0)


def _uncontended_rate(kind, n):
    """kind: "Lock"/"RLock" (`with lock:`), "Lock bound"/"RLock bound" (acquire/release bound
    to locals: Python's fastest form, ~4x faster than `with`), or "Value" (`with v.get_lock():
    v.value += 1`, measured by the state family, bench_state.py)."""
    if kind == "Value":
        value = mp.Value("q", 0)
        lock = value.get_lock()
        t0 = now_ns()
        for _ in range(n):
            with lock:
                value.value += 1
        elapsed = now_ns() - t0
        if value.value != n:
            raise CheckFailed(f"Value uncontended: {value.value} != {n}")
        return n / (elapsed / 1e9)
    lock = mp.Lock() if kind.startswith("Lock") else mp.RLock()
    if kind.endswith("bound"):
        acquire, release = lock.acquire, lock.release
        t0 = now_ns()
        for _ in range(n):
            acquire()
            release()
    else:
        t0 = now_ns()
        for _ in range(n):
            with lock:
                pass
    return n / ((now_ns() - t0) / 1e9)


def uncontended(emitter, settings):
    for kind in ("Lock", "Lock bound", "RLock", "RLock bound"):
        rate = _uncontended_rate(kind, 20000)
        n = max(1000, int(rate * settings.round_seconds))
        rates = [_uncontended_rate(kind, n) for _ in range(settings.rounds)]
        emitter.throughput("lock", kind + " uncontended", rates,
                           "none needed", {"processes": 1},
                           unit="ops/s")


def _increment(lock, counter, n, barrier, spans):
    barrier.wait()
    start = now_ns()
    for _ in range(n):
        with lock:
            counter.value += 1
    spans.put((start, now_ns()))


def _contended_rate(kind, processes, n):
    lock, counter = _primitive(kind)
    barrier = mp.Barrier(processes)
    spans_queue = mp.Queue()
    procs = [mp.Process(target=_increment, args=(lock, counter, n, barrier, spans_queue)) for _ in range(processes)]
    for p in procs:
        p.start()
    spans = [spans_queue.get() for _ in procs]
    for p in procs:
        p.join()
    if counter.value != processes * n or any(p.exitcode != 0 for p in procs):
        raise CheckFailed(f"{kind} x{processes}: counter {counter.value}, expected {processes * n}")
    # From the first process starting to the last finishing (CLOCK_MONOTONIC, shared by all).
    return processes * n / ((max(e for _, e in spans) - min(s for s, _ in spans)) / 1e9)


def contended(emitter, settings):
    for kind in ("Lock", "RLock"):
        for processes in CONTENDERS:
            rate = _contended_rate(kind, processes, 5000)
            n = max(1000, int(rate * settings.round_seconds / processes))
            rates = [_contended_rate(kind, processes, n) for _ in range(settings.contended_rounds)]
            emitter.throughput("lock", f"{kind} contended", rates,
                               f"exact final count ({processes} x {n})", {"processes": processes}, unit="ops/s")


# ---- event / semaphore round trips ---------------------------------------------------------

def _event_echo(ping, pong, stop, done):
    while True:
        ping.wait()
        ping.clear()
        if stop.value:
            return
        done.value += 1
        pong.set()


def _semaphore_echo(ping, pong, stop, done):
    while True:
        ping.acquire()
        if stop.value:
            return
        done.value += 1
        pong.release()


def round_trips(emitter, settings):
    for kind in ("Event", "Semaphore"):
        stop, done = mp.RawValue("b", 0), mp.RawValue("q", 0)
        if kind == "Event":
            ping, pong = mp.Event(), mp.Event()
            child = mp.Process(target=_event_echo, args=(ping, pong, stop, done))

            def one():
                ping.set()
                pong.wait()
                pong.clear()
            release_child = ping.set
        else:
            ping, pong = mp.Semaphore(0), mp.Semaphore(0)
            child = mp.Process(target=_semaphore_echo, args=(ping, pong, stop, done))

            def one():
                ping.release()
                pong.acquire()
            release_child = ping.release
        child.start()
        total = WARMUP_ROUND_TRIPS + settings.round_trips
        nanos = []
        for i in range(total):
            t0 = now_ns()
            one()
            dt = now_ns() - t0
            if i >= WARMUP_ROUND_TRIPS:
                nanos.append(dt)
        stop.value = 1
        release_child()
        child.join()
        if done.value != total or child.exitcode != 0:
            raise CheckFailed(f"{kind} round trips: child answered {done.value} of {total}")
        emitter.latency("event", kind + " roundtrip", nanos, "answers counted", {})


def run(emitter, settings, families):
    if "lock" in families:
        uncontended(emitter, settings)
        contended(emitter, settings)
    if "event" in families:
        round_trips(emitter, settings)
