"""Process baselines: multiprocessing.Process with fork, forkserver and spawn.

Family "process": start() -> the target's first statement ran (it sends one byte through a
Pipe the parent waits on); start() + join() of an empty target (exit code 0 checked); a burst
of 20 started, then joined; Pool(4) created, closed and joined (every worker starts and
exits). Process objects are created inside the timed part, as the Java side creates its
ChildProcess inside it.
"""

import multiprocessing as mp

from common import CheckFailed, now_ns

METHODS = ("fork", "forkserver", "spawn")
BURST = 20
POOL_PROCESSES = 4


def _mark_running(conn):
    conn.send_bytes(b"r")


def _empty():
    pass


def _start_to_running(ctx):
    receiver, sender = ctx.Pipe(duplex=False)
    t0 = now_ns()
    p = ctx.Process(target=_mark_running, args=(sender,))
    p.start()
    mark = receiver.recv_bytes()
    dt = now_ns() - t0
    p.join()
    if mark != b"r" or p.exitcode != 0:
        raise CheckFailed(f"start->running: got {mark!r}, exit {p.exitcode}")
    return dt / 1e6


def _start_and_join(ctx):
    t0 = now_ns()
    p = ctx.Process(target=_empty)
    p.start()
    p.join()
    dt = now_ns() - t0
    if p.exitcode != 0:
        raise CheckFailed(f"start+join: exit {p.exitcode}")
    return dt / 1e6


def _burst(ctx):
    t0 = now_ns()
    procs = [ctx.Process(target=_empty) for _ in range(BURST)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    dt = now_ns() - t0
    if any(p.exitcode != 0 for p in procs):
        raise CheckFailed(f"burst: exit codes {[p.exitcode for p in procs]}")
    return dt / 1e6


def _pool_create_close_join(ctx):
    t0 = now_ns()
    pool = ctx.Pool(POOL_PROCESSES)
    workers = list(pool._pool)
    pool.close()
    pool.join()
    dt = now_ns() - t0
    if len(workers) != POOL_PROCESSES or any(w.exitcode != 0 for w in workers):
        raise CheckFailed(f"pool: worker exit codes {[w.exitcode for w in workers]}")
    return dt / 1e6


def run(emitter, settings, families):
    if "process" not in families:
        return
    for method in METHODS:
        ctx = mp.get_context(method)
        for case, fn, samples in (("start->running", _start_to_running, settings.process_samples),
                                  ("start+join empty", _start_and_join, settings.process_samples),
                                  ("burst 20", _burst, settings.burst_samples),
                                  ("pool create+close+join", _pool_create_close_join, settings.burst_samples)):
            for _ in range(settings.process_warmup):
                fn(ctx)
            times = [fn(ctx) for _ in range(samples)]
            emitter.emit("process", case, "time", sorted(times)[len(times) // 2], "ms", times,
                         "exit codes" + (", running mark" if fn is _start_to_running else ""),
                         {"method": method}, start_method=method)
