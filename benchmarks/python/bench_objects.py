"""Object baselines: multiprocessing.Queue carrying the values of the "objects" rows.

Family "objects": a Tick as the tuple (seq, price, "ACME"), a 64-character str, and a dict of
8 str -> int entries (the Java side sends a record Tick(long seq, double price, String symbol),
a 64-char String and a Map<String, Long> of 8 entries), through Queue() 1->1 and 2->2. Each
value carries producer << 56 | sequence (the tuple's first field, the string's last digits, the
dict's "field0"); consumers check every one, and counts and checksums across consumers.

Family "queue" (the default-API rows): an int, the 64-char str, 64 KiB and 16 MiB of bytes (the
stamp in the first 8 bytes, little-endian) through Queue() with its defaults, 1->1, against
SharedQueue.create(16) and create(1024) with blocking put/take.
"""

import multiprocessing as mp
from functools import partial

from common import CheckFailed, PRODUCER_SHIFT, now_ns
from many import calibrated, many_round

PAYLOADS = ("tick", "string64", "map8")
DEFAULT_QUEUE_PAYLOADS = ("integer", "string64", "bytes64k", "bytes16m")
BYTES_PAYLOAD = 64 * 1024
LARGE_BYTES_PAYLOAD = 16 << 20
# Values of the first (calibrating) round: fewer of the large ones (each is 16 MiB).
WARMUP_VALUES = {"bytes16m": 20}
STAMP_BYTES = 8
STRING_CHARS = 64
MAP_ENTRIES = 8
MAP_KEYS = tuple(f"field{i}" for i in range(MAP_ENTRIES))


def payload(name, stamp):
    """The value of payload `name` carrying `stamp` (built per message, as on the Java side)."""
    if name == "tick":
        return (stamp, 100.0 + (stamp & 1023) * 0.25, "ACME")
    if name == "string64":
        digits = str(stamp)
        return "s" * (STRING_CHARS - len(digits)) + digits
    if name == "map8":
        return {key: stamp + i for i, key in enumerate(MAP_KEYS)}
    if name == "integer":
        return stamp
    if name in ("bytes64k", "bytes16m"):
        size = BYTES_PAYLOAD if name == "bytes64k" else LARGE_BYTES_PAYLOAD
        return stamp.to_bytes(STAMP_BYTES, "little") + bytes(size - STAMP_BYTES)
    raise ValueError(f"unknown payload {name}")


def stamp_of(value):
    if isinstance(value, int):
        return value
    if isinstance(value, bytes):
        return int.from_bytes(value[:STAMP_BYTES], "little")
    if isinstance(value, tuple):
        return value[0]
    if isinstance(value, str):
        return int(value[value.rindex("s") + 1:])
    return value["field0"]


def _produce(name, n, queue, starts, producer, barrier):
    barrier.wait()
    if starts is not None:
        starts.put(now_ns())
    base = producer << PRODUCER_SHIFT
    for seq in range(n):
        queue.put(payload(name, base | seq))


def _one_to_one_round(name, n):
    """One producer process -> this process; returns messages/s, raises CheckFailed."""
    queue = mp.Queue()
    barrier = mp.Barrier(2)
    producer = mp.Process(target=_produce, args=(name, n, queue, None, 0, barrier))
    producer.start()
    barrier.wait()
    t0 = now_ns()
    errors = 0
    for seq in range(n):
        if stamp_of(queue.get()) != seq:
            errors += 1
    elapsed = now_ns() - t0
    producer.join()
    if errors or producer.exitcode != 0:
        raise CheckFailed(f"Queue 1->1 {name}: {errors} of {n} values wrong, producer exit {producer.exitcode}")
    return n / (elapsed / 1e9)


def run(emitter, settings, families):
    if "queue" in families:
        for name in DEFAULT_QUEUE_PAYLOADS:
            rates, n = calibrated(lambda k: _one_to_one_round(name, k), settings, WARMUP_VALUES.get(name, 2000))
            emitter.throughput("queue", "Queue default 1to1", rates, f"every sequence number ({n} values/round)",
                               {"payload": name})
    if "objects" not in families:
        return
    for name in PAYLOADS:
        rates, n = calibrated(lambda k: _one_to_one_round(name, k), settings, 2000)
        emitter.throughput("objects", "Queue objects 1to1", rates, f"every sequence number ({n} values/round)",
                           {"payload": name})
        rates, n = calibrated(lambda k: many_round(name, partial(_produce, name, k), stamp_of, 2, 2, k), settings, 1000)
        emitter.throughput("objects", "Queue objects 2to2", rates,
                           f"count, per-producer order, checksum ({n} values/producer/round)", {"payload": name})
