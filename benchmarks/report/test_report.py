"""Self-test of the report generator on made-up results (stdlib unittest):

    python3 -m unittest discover -s benchmarks/report
"""

import json
import tempfile
import unittest
from pathlib import Path

import evaluate
import render
import rows
from results import JmhResults, PythonResults

AGRONA = rows.PEERS + "AgronaOneToOneBenchmark.offer"
SPSC = rows.QUEUE + "SpscQueueBenchmark.rawBytes"
EVENT = rows.SYNC + "EventRoundTripBenchmark.roundTrip"


def jmh_entry(name, mode, unit, raw, params=None, percentiles=None):
    return {"benchmark": name, "mode": mode, "params": params or {}, "jdkVersion": "17", "vmName": "VM",
            "vmVersion": "1", "primaryMetric": {"score": sum(raw) / len(raw), "scoreUnit": unit,
                                                "rawData": [raw], "scorePercentiles": percentiles or {}}}


def row(name):
    return next(r for r in rows.ROWS if r.name == name)


class ReportTest(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.jmh = JmhResults()
        self.py = PythonResults()
        lines = [{"family": "queue", "case": "Pipe.send_bytes 1to1", "params": {"size": 8}, "side": "python",
                  "metric": "throughput", "value": 200e3, "unit": "msgs/s", "samples": [190e3, 200e3, 210e3],
                  "python": "3.11.7"}]
        (self.dir / "python.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
        self.py.load(self.dir / "python.jsonl")

    def load(self, entries):
        (self.dir / "jmh.json").write_text(json.dumps(entries))
        self.jmh.load_json(self.dir / "jmh.json")

    def test_ratios_best_peer_and_target(self):
        self.load([jmh_entry(SPSC, "thrpt", "ops/us", [40.0, 50.0, 60.0], {"size": "8"}),
                   jmh_entry(AGRONA, "thrpt", "ops/s", [30e6, 30e6], {"size": "8", "ringBytes": "1048576"})])
        e = evaluate.evaluate(row("1→1 SPSC raw bytes, 8 B"), self.jmh, self.py)
        self.assertEqual(50e6, e.native.value)            # ops/us converted, median of iterations
        self.assertAlmostEqual(250.0, e.vs_python)
        self.assertEqual("Agrona OneToOneRingBuffer", e.best_peer[0])
        self.assertAlmostEqual(50 / 30, e.vs_peer)
        self.assertTrue(e.target_met)

    def test_missing_benchmark_is_not_yet_built_and_failure_is_shown(self):
        self.jmh.available = {AGRONA}
        e = evaluate.evaluate(row("1→1 SPSC raw bytes, 8 B"), self.jmh, self.py)
        self.assertEqual(evaluate.NOT_BUILT, e.native_status)
        (self.dir / "jmh.log").write_text(f"# Benchmark: {AGRONA}\n# Parameters: (ringBytes = 1048576, size = 8)\n"
                                          "Iteration   1: <failure>\n\njava.lang.IllegalStateException: "
                                          "correctness check failed: sent 5\n")
        self.jmh.load_log(self.dir / "jmh.log")
        e = evaluate.evaluate(row("1→1 SPSC raw bytes, 8 B"), self.jmh, self.py)
        self.assertIn("correctness check failed", e.peers[0][2])
        text = render.render([e], {"date": "d", "command": "c", "mode": "quick", "rounds": 1, "wall": "w",
                                   "cores": 2, "cpu": "cpu", "load": "0", "jdk": "17", "python": "3.11",
                                   "jmh_options": ""}, [])
        self.assertIn("*not yet built*", text)
        self.assertIn("FAILED", text)

    def test_latency_from_throughput_mode_is_a_mean_and_losses_are_listed(self):
        self.py.records.append({"family": "event", "case": "Event roundtrip", "params": {}, "unit": "us",
                                "samples": [10.0], "percentiles": {"p50": 10.0, "p99": 20.0, "p99.9": 30.0},
                                "python": "3.11.7"})
        self.load([jmh_entry(EVENT, "thrpt", "ops/s", [50e3, 50e3])])
        e = evaluate.evaluate(row("Event round trip"), self.jmh, self.py)
        self.assertAlmostEqual(20.0, e.native.value)      # 1e6 / 50k ops/s
        self.assertAlmostEqual(0.5, e.vs_python)          # lower is better: python / native
        self.assertTrue(any("slower than Python" in line for line in render._losses([e])))

    def test_shared_memory_peak_is_read_from_the_log_and_judged(self):
        name = "1→1 default queue, create(1024), Integer"
        bench = rows.OBJECTS + "DefaultQueueBenchmark.oneToOne"
        self.load([jmh_entry(bench, "thrpt", "ops/s", [5e6], {"payload": "integer", "capacity": "1024"})])
        (self.dir / "jmh.log").write_text(f"# Benchmark: {bench}\n# Parameters: (capacity = 1024, payload = integer)\n"
                                          "native-ipc shared memory: peak 1138688 bytes (ring file + side files)\n"
                                          f"# Benchmark: {bench}\n# Parameters: (capacity = 16, payload = integer)\n"
                                          "native-ipc shared memory: peak 9999999 bytes (ring file + side files)\n")
        self.jmh.load_log(self.dir / "jmh.log")
        e = evaluate.evaluate(row(name), self.jmh, self.py)
        self.assertEqual(1138688, e.memory)
        table = "\n".join(render._table([e], rows.THROUGHPUT))
        self.assertIn("shared memory |", table)
        self.assertIn("1.09 MiB (≤ 4 MiB: met)", table)
        self.assertNotIn("shared memory", "\n".join(render._table([evaluate.evaluate(row("Event round trip"), self.jmh,
                                                                                       self.py)], rows.LATENCY)))

    def test_the_default_queue_is_judged_against_the_tuned_queue_of_the_same_run(self):
        name = "1→1 default queue, create(1024), Integer"
        default = rows.OBJECTS + "DefaultQueueBenchmark.oneToOne"
        tuned = rows.OBJECTS + "TunedQueueBenchmark.oneToOne"
        self.assertIn(tuned, rows.jmh_benchmarks([row(name)]), "running the default row runs the tuned one too")
        self.py.records = [{"family": "queue", "case": "Queue default 1to1", "params": {"payload": "integer"},
                            "unit": "msgs/s", "samples": [100e3], "python": "3.11.7"}]
        self.load([jmh_entry(default, "thrpt", "ops/s", [6e6], {"payload": "integer", "capacity": "1024"}),
                   jmh_entry(tuned, "thrpt", "ops/s", [10e6], {"payload": "integer"})])
        e = evaluate.evaluate(row(name), self.jmh, self.py)
        self.assertAlmostEqual(0.6, e.vs_tuned)
        self.assertFalse(e.target_met)
        self.assertIn("within 1.3× of the tuned queue: missed (0.6×", e.target_note)
        self.assertIn("≥ 30 M msgs/s and ≥ 150× Python Queue: missed", e.target_note)
        losses = "\n".join(render._losses([e]))
        self.assertIn("Why: " + rows.FAST_PATH_WHY, losses, "a missed target says why")
        self.assertIn("Why: " + rows.TUNED_GAP_WHY, losses)
        self.jmh = JmhResults()
        self.load([jmh_entry(default, "thrpt", "ops/s", [40e6], {"payload": "integer", "capacity": "1024"}),
                   jmh_entry(tuned, "thrpt", "ops/s", [45e6], {"payload": "integer"})])
        e = evaluate.evaluate(row(name), self.jmh, self.py)
        self.assertTrue(e.target_met, e.target_note)
        self.assertIn("within 1.3× of the tuned queue: met (0.889×)", e.target_note)
        self.assertEqual([], e.why_missed, "a met target says no why")

    def test_every_throughput_unit_of_a_family_is_accepted_from_python(self):
        for family, unit in rows.THROUGHPUT_UNITS.items():
            self.py.records = [{"family": family, "case": "c", "params": {}, "unit": unit, "samples": [5.0],
                                "python": "3.11.7"}]
            source = rows.Py(family, "c")
            self.assertEqual(5.0, self.py.figure(source, rows.THROUGHPUT).value, family)


if __name__ == "__main__":
    unittest.main()
