"""The P -> C harness shared by the queue and objects baselines: producers put stamped values
into one multiprocessing.Queue, consumers get them until an end signal, and the round checks
count, per-producer order and checksum before it reports a rate."""

import multiprocessing as mp

from common import CheckFailed, PRODUCER_SHIFT, now_ns

SEQ_MASK = (1 << PRODUCER_SHIFT) - 1


def calibrated(run_round, settings, warmup_n):
    """A warm-up round sizes the measured rounds to about settings.round_seconds each."""
    rate = run_round(warmup_n)
    n = max(50, int(rate * settings.round_seconds))
    return [run_round(n) for _ in range(settings.rounds)], n


def _consume(queue, results, producers, barrier, stamp_of):
    barrier.wait()
    last = [-1] * producers
    count = errors = checksum = 0
    last_ns = now_ns()
    while True:
        value = queue.get()
        if value is None:
            break
        last_ns = now_ns()
        stamp = stamp_of(value)
        producer, seq = stamp >> PRODUCER_SHIFT, stamp & SEQ_MASK
        if producer >= producers or seq <= last[producer]:
            errors += 1  # per producer, each consumer must see increasing sequence numbers
        else:
            last[producer] = seq
        count += 1
        checksum += seq
    results.put((count, errors, checksum, last_ns))


def many_round(what, produce, stamp_of, producers, consumers, n):
    """`producers` processes run produce(queue, starts, producer, barrier), each putting n values
    stamped producer << 56 | seq; `consumers` processes get them all (stamp_of reads a stamp back).
    Returns values/s from the first producer's first put to the last consumer's last get."""
    queue, results, starts = mp.Queue(), mp.Queue(), mp.Queue()
    barrier = mp.Barrier(producers + consumers)
    prods = [mp.Process(target=produce, args=(queue, starts, p, barrier)) for p in range(producers)]
    cons = [mp.Process(target=_consume, args=(queue, results, producers, barrier, stamp_of)) for _ in range(consumers)]
    for p in prods + cons:
        p.start()
    t0 = min(starts.get() for _ in prods)  # the first producer's first put (CLOCK_MONOTONIC)
    for p in prods:
        p.join()
    for _ in cons:
        queue.put(None)  # one end signal per consumer, after every producer's data
    reports = [results.get() for _ in cons]
    for p in cons:
        p.join()
    count = sum(r[0] for r in reports)
    errors = sum(r[1] for r in reports)
    checksum = sum(r[2] for r in reports)
    expected = producers * n
    if count != expected or errors or checksum != producers * (n * (n - 1) // 2) \
            or any(p.exitcode != 0 for p in prods + cons):
        raise CheckFailed(f"Queue {producers}->{consumers} {what}: received {count} of {expected},"
                          f" {errors} out of order, checksum {checksum}")
    return expected / ((max(r[3] for r in reports) - t0) / 1e9)
