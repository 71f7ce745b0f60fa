"""Row by row: each side's figure, the best peer, the speed-ups and the target verdict."""

from dataclasses import dataclass, field
from typing import Optional

from results import Figure
from rows import HIGHER_IS_BETTER

NOT_BUILT = "not yet built"
NOT_RUN = "not run"


@dataclass
class Evaluated:
    row: object
    native: Optional[Figure]
    native_status: str                      # "" when there is a figure
    python: list = field(default_factory=list)    # [(label, Figure|None)], first = reference
    peers: list = field(default_factory=list)     # [(label, Figure|None, status)]
    best_peer: Optional[tuple] = None             # (label, Figure)
    vs_python: Optional[float] = None             # speed-up: > 1 means native-ipc is faster
    vs_peer: Optional[float] = None
    vs_tuned: Optional[float] = None              # against the row's tuned configuration (1: as fast)
    target_met: Optional[bool] = None
    target_note: str = ""
    why_missed: list = field(default_factory=list)  # the `why` of each missed target that has one
    memory: Optional[int] = None                  # peak shared memory of the native side, bytes (if sampled)


def speedup(kind, native, other):
    """How many times faster native-ipc is than `other` (throughput: ratio; times: inverse)."""
    if native is None or other is None or native.value <= 0 or other.value <= 0:
        return None
    return native.value / other.value if HIGHER_IS_BETTER[kind] else other.value / native.value


def _status(jmh, source):
    failure = jmh.failure(source)
    if failure:
        return "FAILED: " + failure
    if jmh.available is not None and source.benchmark not in jmh.available:
        return NOT_BUILT
    return NOT_RUN


def evaluate(row, jmh, py):
    e = Evaluated(row, None, "")
    if row.native is None:
        e.native_status = NOT_BUILT
    else:
        e.native = jmh.figure(row.native, row.kind)
        e.native_status = "" if e.native else _status(jmh, row.native)
        e.memory = jmh.peak_memory(row.native)
    e.python = [(s.label, py.figure(s, row.kind)) for s in row.python]
    for source in row.peers:
        fig = jmh.figure(source, row.kind)
        e.peers.append((source.label, fig, "" if fig else _status(jmh, source)))
    present = [(label, fig) for label, fig, _ in e.peers if fig]
    if present:
        pick = max if HIGHER_IS_BETTER[row.kind] else min
        e.best_peer = pick(present, key=lambda p: p[1].value)
    reference = e.python[0][1] if e.python else None
    e.vs_python = speedup(row.kind, e.native, reference)
    e.vs_peer = speedup(row.kind, e.native, e.best_peer[1] if e.best_peer else None)
    e.vs_tuned = speedup(row.kind, e.native, jmh.figure(row.tuned, row.kind)) if row.tuned else None
    _judge(e)
    return e


def _judge(e):
    """Every target of the row: met only if all are; one note per target."""
    if e.native is None or not e.row.targets():
        return
    verdicts = [_verdict(e, t) for t in e.row.targets()]
    known = [met for met, _ in verdicts if met is not None]
    e.target_met = all(known) if known else None
    e.target_note = "; ".join(note for _, note in verdicts)
    e.why_missed = [t.why for t, (met, _) in zip(e.row.targets(), verdicts) if met is False and t.why]


def _verdict(e, t):
    """(met, note) for target t: met is None when the figure it needs is missing."""
    if t.versus == "absolute":
        met = e.native.value <= t.bound if not HIGHER_IS_BETTER[e.row.kind] else e.native.value >= t.bound
        return met, f"{t.text}: {'met' if met else 'missed'}"
    ratio = {"python": e.vs_python, "peer": e.vs_peer, "tuned": e.vs_tuned}[t.versus]
    if ratio is None:
        return None, f"{t.text}: no {t.versus} figure"
    fast_enough = t.bound is None or e.native.value >= t.bound
    met = ratio >= t.factor and fast_enough
    if met:
        return met, f"{t.text}: met ({ratio:.3g}×)"
    if ratio >= t.factor:
        return met, f"{t.text}: missed ({ratio:.3g}×, but below the absolute bound)"
    return met, f"{t.text}: missed ({ratio:.3g}×, short by {t.factor / ratio:.3g}×)"
