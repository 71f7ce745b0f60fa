#!/usr/bin/env python3
"""Runs the Python baselines and writes JSON lines (see common.py for the format).

    python3 benchmarks/python/run.py [--quick] [--families queue,roundtrip,objects,lock,event,process,state,pool]
                                     [--out results.jsonl]

Stdlib only. A correctness check that fails stops the run with an error (exit 2) rather
than report a figure that may be wrong.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_objects  # noqa: E402
import bench_pool  # noqa: E402
import bench_process  # noqa: E402
import bench_queue  # noqa: E402
import bench_state  # noqa: E402
import bench_sync  # noqa: E402
from common import CheckFailed, Emitter, Settings  # noqa: E402

FAMILIES = ("queue", "roundtrip", "objects", "lock", "event", "process", "state", "pool")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short rounds (the whole run in about a minute)")
    parser.add_argument("--families", default=",".join(FAMILIES), help="comma-separated subset of " + ", ".join(FAMILIES))
    parser.add_argument("--out", help="append JSON lines to this file (default: stdout)")
    args = parser.parse_args(argv)
    families = set(args.families.split(","))
    unknown = families - set(FAMILIES)
    if unknown:
        parser.error(f"unknown families {sorted(unknown)}: choose from {', '.join(FAMILIES)}")
    settings = Settings(args.quick)
    stream = open(args.out, "a") if args.out else sys.stdout
    try:
        emitter = Emitter(stream)
        for module in (bench_queue, bench_objects, bench_sync, bench_process, bench_state, bench_pool):
            module.run(emitter, settings, families)
    except CheckFailed as e:
        print(f"python baseline: correctness check failed: {e}", file=sys.stderr)
        return 2
    finally:
        if args.out:
            stream.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
