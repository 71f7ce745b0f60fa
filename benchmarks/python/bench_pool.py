"""Pool baselines: multiprocessing.Pool(2) running trivial tasks (x + 1).

Family "pool" (throughput, tasks/s; one sample per round):
  map 100 000 items with the default chunk size (len / (4 * processes)) and with 1000;
  imap_unordered of 10 000 items (chunk size 1, the default);
  10 000 apply_async, then get() of each.
The pool is created once (default start method) and reused, as the Java side's is; every
round checks the sum of its results. Pool creation itself is in the process family
(bench_process.py, "pool create+close+join").
"""

import multiprocessing as mp

from common import CheckFailed, now_ns

PROCESSES = 2
MAP_TASKS = 100_000
ASYNC_TASKS = 10_000


def _increment(x):
    return x + 1


def _expected(n):
    return n * (n + 1) // 2


def _check(total, n, what):
    if total != _expected(n):
        raise CheckFailed(f"{what}: the results of {n} tasks sum to {total}, not {_expected(n)}")


def _map(pool, chunksize):
    items = range(MAP_TASKS)
    t0 = now_ns()
    results = pool.map(_increment, items, chunksize)
    dt = now_ns() - t0
    if len(results) != MAP_TASKS:
        raise CheckFailed(f"map returned {len(results)} results for {MAP_TASKS} items")
    _check(sum(results), MAP_TASKS, "map")
    return MAP_TASKS / (dt / 1e9)


def _imap_unordered(pool):
    t0 = now_ns()
    total = sum(pool.imap_unordered(_increment, range(ASYNC_TASKS)))
    dt = now_ns() - t0
    _check(total, ASYNC_TASKS, "imap_unordered")
    return ASYNC_TASKS / (dt / 1e9)


def _apply_async(pool):
    t0 = now_ns()
    results = [pool.apply_async(_increment, (i,)) for i in range(ASYNC_TASKS)]
    total = sum(r.get() for r in results)
    dt = now_ns() - t0
    _check(total, ASYNC_TASKS, "apply_async")
    return ASYNC_TASKS / (dt / 1e9)


def run(emitter, settings, families):
    if "pool" not in families:
        return
    with mp.Pool(PROCESSES) as pool:
        pool.map(_increment, range(1000), 1)  # every worker up before measuring
        cases = (("map", lambda: _map(pool, None), {"chunksize": "default", "tasks": MAP_TASKS}),
                 ("map", lambda: _map(pool, 1000), {"chunksize": 1000, "tasks": MAP_TASKS}),
                 ("imap_unordered", lambda: _imap_unordered(pool), {"chunksize": 1, "tasks": ASYNC_TASKS}),
                 ("apply_async+get", lambda: _apply_async(pool), {"tasks": ASYNC_TASKS}))
        for case, fn, params in cases:
            fn()  # warm-up
            rates = [fn() for _ in range(settings.rounds)]
            emitter.throughput("pool", case, rates, "sum of every result", dict(params, processes=PROCESSES),
                               unit="tasks/s")
