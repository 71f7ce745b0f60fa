"""Shared-state baselines (family "state"): Value, Manager().dict(), the seed's countdown.

* "Value increment": `with v.get_lock(): v.value += 1` in 1, 2 and 4 processes, the final
  count checked exactly (the same measurement as the lock family's Value rows).
* "Manager dict get" / "Manager dict put": a child process puts 1000 str keys "key-<i>" -> i
  into a `Manager().dict()`; this process then gets, or puts (overwrites), one key per
  operation, cycling through the keys (the dict lives in the Manager's server process: every
  access is a round trip to it, as from any child). The size and a value are checked.
* "countdown-100": the seed's §12 end to end — 100 processes each decrement `count` from 100,
  once through a Manager dict under a Lock (the seed's way) and once through a
  `Value('q', 100)` with `get_lock()`; the final 0 is checked; the time from the first start to
  the last join, in ms.
"""

import multiprocessing as mp

from bench_sync import _contended_rate, _uncontended_rate
from common import CheckFailed, now_ns

KEYS = 1000
COUNTDOWN = 100


def _value_increments(emitter, settings):
    rate = _uncontended_rate("Value", 20000)
    n = max(1000, int(rate * settings.round_seconds))
    rates = [_uncontended_rate("Value", n) for _ in range(settings.rounds)]
    emitter.throughput("state", "Value increment", rates, "exact final count", {"processes": 1}, unit="ops/s")
    for processes in (2, 4):
        rate = _contended_rate("Value", processes, 5000)
        n = max(1000, int(rate * settings.round_seconds / processes))
        rates = [_contended_rate("Value", processes, n) for _ in range(settings.contended_rounds)]
        emitter.throughput("state", "Value increment", rates, f"exact final count ({processes} x {n})",
                           {"processes": processes}, unit="ops/s")


def _fill(d, keys):
    for i, k in enumerate(keys):
        d[k] = i


def _dict_rate(d, keys, op, n):
    t0 = now_ns()
    if op == "get":
        for i in range(n):
            d[keys[i % KEYS]]
    else:
        for i in range(n):
            d[keys[i % KEYS]] = i % KEYS
    return n / ((now_ns() - t0) / 1e9)


def _manager_dict(emitter, settings):
    keys = [f"key-{i}" for i in range(KEYS)]
    with mp.Manager() as manager:
        d = manager.dict()
        child = mp.Process(target=_fill, args=(d, keys))
        child.start()
        child.join()
        if child.exitcode != 0 or len(d) != KEYS or d["key-7"] != 7:
            raise CheckFailed(f"Manager dict: the child's fill left {len(d)} entries")
        for op in ("get", "put"):
            rate = _dict_rate(d, keys, op, 2000)
            n = max(1000, int(rate * settings.round_seconds))
            rates = [_dict_rate(d, keys, op, n) for _ in range(settings.rounds)]
            if len(d) != KEYS or d["key-7"] != 7:
                raise CheckFailed(f"Manager dict {op}: {len(d)} entries, key-7 -> {d['key-7']}")
            emitter.throughput("state", f"Manager dict {op}", rates, "size and a value", unit="ops/s")


def _decrement_dict(d, lock):
    with lock:
        d["count"] -= 1


def _decrement_value(v):
    with v.get_lock():
        v.value -= 1


def _countdown(variant):
    """One end-to-end run of the seed's countdown; returns ms from the first start to the last join."""
    if variant == "Manager dict + Lock":
        with mp.Manager() as manager:
            lock = mp.Lock()
            d = manager.dict({"count": COUNTDOWN})
            t0 = now_ns()
            procs = [mp.Process(target=_decrement_dict, args=(d, lock)) for _ in range(COUNTDOWN)]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
            elapsed = now_ns() - t0
            final = d["count"]
    else:
        v = mp.Value("q", COUNTDOWN)
        t0 = now_ns()
        procs = [mp.Process(target=_decrement_value, args=(v,)) for _ in range(COUNTDOWN)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        elapsed = now_ns() - t0
        final = v.value
    if final != 0 or any(p.exitcode != 0 for p in procs):
        raise CheckFailed(f"countdown {variant}: ended at {final}")
    return elapsed / 1e6


def _countdowns(emitter, settings):
    for variant in ("Manager dict + Lock", "Value"):
        _countdown(variant)
        times = [_countdown(variant) for _ in range(settings.burst_samples)]
        emitter.duration("state", f"countdown-100 {variant}", times, "final count 0")


def run(emitter, settings, families):
    if "state" not in families:
        return
    _value_increments(emitter, settings)
    _manager_dict(emitter, settings)
    _countdowns(emitter, settings)
