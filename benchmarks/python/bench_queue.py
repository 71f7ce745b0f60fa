"""Queue and pipe baselines: multiprocessing.Queue, SimpleQueue, Pipe.send_bytes.

Families "queue" (1->1 throughput at 8 B / 64 B / 1 KiB / 64 KiB; Queue 2->2 and 2->1 at
64 B) and "roundtrip" (Pipe and Queue, 8 B and 64 B, p50/p99/p99.9). Every message carries
producer << 56 | sequence in its first 8 bytes; consumers check every one (and counts and
checksums across several consumers), and a failed check raises instead of reporting.
"""

import multiprocessing as mp
from functools import partial

from common import CheckFailed, ROUND_TRIP_SIZES, SIZES, message, now_ns, stamp_of
from many import calibrated, many_round

ONE_TO_ONE = ("Queue", "SimpleQueue", "Pipe.send_bytes")
MANY_SIZE = 64
WARMUP_ROUND_TRIPS = 500


# ---- 1 -> 1 -------------------------------------------------------------------------------

def _produce_one(kind, endpoint, size, n, barrier):
    put = endpoint.send_bytes if kind == "Pipe.send_bytes" else endpoint.put
    barrier.wait()
    for seq in range(n):
        put(message(0, seq, size))


def _one_to_one_round(kind, size, n):
    """One producer process -> this process; returns messages/s, raises CheckFailed."""
    if kind == "Pipe.send_bytes":
        receiver, endpoint = mp.Pipe(duplex=False)
        get = receiver.recv_bytes
    else:
        endpoint = mp.Queue() if kind == "Queue" else mp.SimpleQueue()
        get = endpoint.get
    barrier = mp.Barrier(2)
    producer = mp.Process(target=_produce_one, args=(kind, endpoint, size, n, barrier))
    producer.start()
    barrier.wait()
    t0 = now_ns()
    errors = 0
    for seq in range(n):
        m = get()
        if len(m) != size or stamp_of(m) != seq:
            errors += 1
    elapsed = now_ns() - t0
    producer.join()
    if errors or producer.exitcode != 0:
        raise CheckFailed(f"{kind} 1->1 {size} B: {errors} of {n} messages wrong, producer exit {producer.exitcode}")
    return n / (elapsed / 1e9)


def one_to_one(emitter, settings):
    for kind in ONE_TO_ONE:
        for size in SIZES:
            rates, n = calibrated(lambda k: _one_to_one_round(kind, size, k), settings, 300 if size > 4096 else 3000)
            emitter.throughput("queue", kind + " 1to1", rates, f"every sequence number ({n} msgs/round)",
                               {"size": size})


# ---- P -> C (Queue) -------------------------------------------------------------------------

def _produce_many(size, n, queue, starts, producer, barrier):
    barrier.wait()
    starts.put(now_ns())
    for seq in range(n):
        queue.put(message(producer, seq, size))


def many(emitter, settings):
    for producers, consumers in ((2, 2), (2, 1)):
        run = lambda k: many_round(f"{MANY_SIZE} B", partial(_produce_many, MANY_SIZE, k), stamp_of, producers, consumers, k)
        rates, n = calibrated(run, settings, 2000)
        emitter.throughput("queue", f"Queue {producers}to{consumers}", rates,
                           f"count, per-producer order, checksum ({n} msgs/producer/round)", {"size": MANY_SIZE})


# ---- round trips ----------------------------------------------------------------------------

def _echo_pipe(conn):
    while True:
        m = conn.recv_bytes()
        if not m:
            return
        conn.send_bytes(m)


def _echo_queue(inbox, outbox):
    while True:
        m = inbox.get()
        if m is None:
            return
        outbox.put(m)


def round_trip(emitter, settings):
    for kind in ("Pipe", "Queue"):
        for size in ROUND_TRIP_SIZES:
            if kind == "Pipe":
                here, there = mp.Pipe()
                child = mp.Process(target=_echo_pipe, args=(there,))
                send, recv, stop = here.send_bytes, here.recv_bytes, lambda: here.send_bytes(b"")
            else:
                inbox, outbox = mp.Queue(), mp.Queue()
                child = mp.Process(target=_echo_queue, args=(inbox, outbox))
                send, recv, stop = inbox.put, outbox.get, lambda: inbox.put(None)
            child.start()
            errors = 0
            nanos = []
            total = WARMUP_ROUND_TRIPS + settings.round_trips
            for seq in range(total):
                m = message(0, seq, size)
                t0 = now_ns()
                send(m)
                echo = recv()
                dt = now_ns() - t0
                if echo != m:
                    errors += 1
                if seq >= WARMUP_ROUND_TRIPS:
                    nanos.append(dt)
            stop()
            child.join()
            if errors or child.exitcode != 0:
                raise CheckFailed(f"{kind} round trip {size} B: {errors} wrong echoes, exit {child.exitcode}")
            emitter.latency("roundtrip", kind + " roundtrip", nanos, "every echo compared", {"size": size})


def run(emitter, settings, families):
    if "queue" in families:
        one_to_one(emitter, settings)
        many(emitter, settings)
    if "roundtrip" in families:
        round_trip(emitter, settings)
