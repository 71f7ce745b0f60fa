"""Loads what a comparison run produced and turns it into one figure per (row, side).

Inputs: JMH result files (-rf json), the JMH console logs (to tell a benchmark that failed
its correctness check from one that was never built), and the Python JSON lines. Several
rounds (A B A B) of the same benchmark are pooled: the figure is the median of every
measured iteration (throughput, time) or of every round's p50 (latency).
"""

import json
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from rows import LATENCY, THROUGHPUT, TIME

# JMH score units -> factor to the row's unit (msgs/s, µs, ms).
_THROUGHPUT = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9, "ops/min": 1 / 60.0}
_LATENCY_US = {"ns/op": 1e-3, "us/op": 1.0, "ms/op": 1e3, "s/op": 1e6}
_TIME_MS = {"ns/op": 1e-6, "us/op": 1e-3, "ms/op": 1.0, "s/op": 1e3}
_PY_UNIT = {"msgs/s": 1.0, "ops/s": 1.0, "tasks/s": 1.0, "us": 1.0, "ms": 1.0}
# Printed by a benchmark that samples its shared memory (bench.support.SharedMemoryPeak).
_MEMORY_LINE = re.compile(r"native-ipc shared memory: peak (\d+) bytes")


@dataclass
class Figure:
    """One side's figure for one row: value in the row's unit, plus how it spread."""
    value: float
    samples: list
    percentiles: dict = field(default_factory=dict)   # latency: p50/p99/p99.9 (µs)
    rounds: int = 1
    detail: str = ""

    @property
    def low(self):
        return min(self.samples) if self.samples else self.value

    @property
    def high(self):
        return max(self.samples) if self.samples else self.value


def _factor(kind, unit):
    table = {THROUGHPUT: _THROUGHPUT, LATENCY: _LATENCY_US, TIME: _TIME_MS}[kind]
    if unit not in table:
        raise ValueError(f"cannot convert JMH unit {unit!r} for a {kind} row")
    return table[unit]


class JmhResults:
    def __init__(self):
        self.entries = []        # JMH JSON objects, from every round
        self.failures = {}       # (benchmark, params tuple) -> first line of the failure
        self.memory = {}         # (benchmark, params tuple) -> peak shared memory in bytes, over every round
        self.available = None    # set of benchmark names in the jar, if known
        self.jdk = ""
        self.vm = ""

    def load_json(self, path):
        text = Path(path).read_text() if Path(path).exists() else ""
        if not text.strip():
            return
        for entry in json.loads(text):
            self.entries.append(entry)
            self.jdk = self.jdk or entry.get("jdkVersion", "")
            self.vm = self.vm or f"{entry.get('vmName', '')} {entry.get('vmVersion', '')}".strip()

    def load_log(self, path):
        """Records '<failure>' iterations and shared-memory peaks with the benchmark and parameters they belong to."""
        if not Path(path).exists():
            return
        bench, params, pending = None, {}, False
        for line in Path(path).read_text(errors="replace").splitlines():
            if line.startswith("# Benchmark: "):
                bench, params = line[len("# Benchmark: "):].strip(), {}
            elif line.startswith("# Parameters: "):
                params = dict(re.findall(r"(\w+) = ([^,)]+)", line))
            elif "<failure>" in line and bench:
                pending = True
            elif bench and _MEMORY_LINE.search(line):
                key = (bench, tuple(sorted(params.items())))
                self.memory[key] = max(self.memory.get(key, 0), int(_MEMORY_LINE.search(line).group(1)))
            elif pending and line.strip():
                self.failures[(bench, tuple(sorted(params.items())))] = line.strip()[:200]
                pending = False

    def failure(self, source):
        return self._lookup(self.failures, source)

    def peak_memory(self, source):
        """The largest shared memory (bytes) the benchmark's objects held, or None if it printed none."""
        return self._lookup(self.memory, source)

    @staticmethod
    def _lookup(table, source):
        for (bench, params), value in table.items():
            if source.matches(bench, dict(params)):
                return value
        return None

    def figure(self, source, kind):
        matching = [e for e in self.entries
                    if source.matches(e["benchmark"], {k: str(v) for k, v in e.get("params", {}).items()})]
        if not matching:
            return None
        if kind == LATENCY and all(e["mode"] == "thrpt" for e in matching):
            return self._mean_latency(matching)
        if kind == LATENCY:
            p50s, p99s, p999s = [], [], []
            for e in matching:
                m = e["primaryMetric"]
                f = _factor(kind, m["scoreUnit"])
                pct = m.get("scorePercentiles", {})
                p50s.append(pct.get("50.0", m["score"]) * f)
                p99s.append(pct.get("99.0", m["score"]) * f)
                p999s.append(pct.get("99.9", m["score"]) * f)
            return Figure(statistics.median(p50s), p50s,
                          {"p50": statistics.median(p50s), "p99": statistics.median(p99s),
                           "p99.9": statistics.median(p999s)}, len(matching))
        samples = []
        for e in matching:
            m = e["primaryMetric"]
            f = _factor(kind, m["scoreUnit"])
            raw = [x for fork in m.get("rawData", []) for x in fork] or [m["score"]]
            samples += [x * f for x in raw]
        return Figure(statistics.median(samples), samples, {}, len(matching))


    @staticmethod
    def _mean_latency(entries):
        """A round trip measured as throughput: the mean time per operation, in µs (no percentiles)."""
        means = []
        for e in entries:
            m = e["primaryMetric"]
            f = _factor(THROUGHPUT, m["scoreUnit"])
            raw = [x for fork in m.get("rawData", []) for x in fork] or [m["score"]]
            means += [1e6 / (x * f) for x in raw if x > 0]
        return Figure(statistics.median(means), means, {}, len(entries), "mean (throughput mode: no percentiles)")


class PythonResults:
    def __init__(self):
        self.records = []

    def load(self, path):
        if not Path(path).exists():
            return
        for line in Path(path).read_text().splitlines():
            if line.strip():
                self.records.append(json.loads(line))

    @property
    def version(self):
        return self.records[0]["python"] if self.records else ""

    def figure(self, source, kind):
        matching = [r for r in self.records if source.matches(r)]
        if not matching:
            return None
        for r in matching:
            if r["unit"] not in _PY_UNIT:
                raise ValueError(f"unexpected Python unit {r['unit']!r} in {r['case']}")
        if kind == LATENCY:
            p50s = [r["percentiles"]["p50"] for r in matching]
            return Figure(statistics.median(p50s), p50s,
                          {k: statistics.median(r["percentiles"][k] for r in matching) for k in ("p50", "p99", "p99.9")},
                          len(matching))
        samples = [x for r in matching for x in r["samples"]]
        return Figure(statistics.median(samples), samples, {}, len(matching))
