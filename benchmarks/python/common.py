"""Shared helpers of the Python baselines: settings, timing, statistics, JSON-lines output.

Every benchmark writes one JSON object per line:

    {"family": "queue", "case": "Queue 1to1", "params": {"size": 8}, "side": "python",
     "metric": "throughput", "value": 112000.0, "unit": "msgs/s",
     "samples": [...], "spread": {"min": ..., "max": ..., "p25": ..., "p75": ...},
     "percentiles": {"p50": ..., "p99": ..., "p99.9": ...},   # latency cases only
     "checked": "every sequence number", "python": "3.11.7", "start_method": "fork"}

"value" is the median of the samples (throughput: one sample per round of messages;
latency: p50 of every timed round trip; process: one sample per start).
"""

import json
import multiprocessing
import os
import platform
import statistics
import struct
import sys
import time

SIZES = (8, 64, 1024, 65536)
ROUND_TRIP_SIZES = (8, 64)
STAMP = struct.Struct("<Q")
PRODUCER_SHIFT = 56


class Settings:
    """How long to measure: --quick keeps the whole Python side under about a minute."""

    def __init__(self, quick):
        self.quick = quick
        self.rounds = 3 if quick else 7          # measured rounds per throughput case
        self.round_seconds = 0.25 if quick else 1.0
        self.round_trips = 5000 if quick else 50000
        self.contended_rounds = 2 if quick else 5
        self.process_warmup = 1 if quick else 3
        self.process_samples = 5 if quick else 20
        self.burst_samples = 2 if quick else 5


def message(producer, seq, size):
    """A message of `size` bytes whose first 8 hold producer << 56 | seq (as on the Java side)."""
    stamp = STAMP.pack((producer << PRODUCER_SHIFT) | seq)
    return stamp if size == 8 else stamp + bytes(size - 8)


def stamp_of(msg):
    return STAMP.unpack_from(msg)[0]


def now_ns():
    """CLOCK_MONOTONIC: comparable across processes on Linux."""
    return time.monotonic_ns()


def spread(samples):
    s = sorted(samples)
    q = statistics.quantiles(s, n=4) if len(s) >= 2 else [s[0]] * 3
    return {"min": s[0], "p25": q[0], "p75": q[2], "max": s[-1]}


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list (p in 0..100)."""
    if not sorted_values:
        raise ValueError("no samples")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


class Emitter:
    """Writes result lines to a stream (stdout by default) and echoes a summary to stderr."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.count = 0

    def emit(self, family, case, metric, value, unit, samples, checked, params=None, **extra):
        record = {
            "family": family, "case": case, "params": params or {}, "side": "python",
            "metric": metric, "value": value, "unit": unit,
            "samples": samples, "spread": spread(samples), "checked": checked,
            "python": platform.python_version(),
            "start_method": multiprocessing.get_start_method(allow_none=True) or "default",
        }
        record.update(extra)
        self.stream.write(json.dumps(record) + "\n")
        self.stream.flush()
        self.count += 1
        shown = ", ".join(f"{k}={v}" for k, v in (params or {}).items())
        print(f"  python {family:8} {case:28} {shown:22} {value:14.6g} {unit}", file=sys.stderr, flush=True)

    def throughput(self, family, case, rates, checked, params=None, unit="msgs/s"):
        self.emit(family, case, "throughput", statistics.median(rates), unit, rates, checked, params)

    def latency(self, family, case, nanos, checked, params=None):
        """nanos: one sample per round trip; reports p50 as the value, in microseconds."""
        us = sorted(n / 1000.0 for n in nanos)
        pct = {"p50": percentile(us, 50), "p99": percentile(us, 99), "p99.9": percentile(us, 99.9)}
        # Keep the file small: the percentiles plus a thinned sample list.
        step = max(1, len(us) // 200)
        self.emit(family, case, "latency", pct["p50"], "us", us[::step], checked, params,
                  percentiles=pct, count=len(us))

    def duration(self, family, case, millis, checked, params=None):
        self.emit(family, case, "time", statistics.median(millis), "ms", millis, checked, params)


class CheckFailed(RuntimeError):
    """A correctness check failed: the figure of this case must not be reported."""


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "implementation": platform.python_implementation()}
