"""Writes report.md: header (machine, JDK, Python, command), one table per family, where
native-ipc loses, what is pending, and every figure behind the table."""

from evaluate import NOT_BUILT
from rows import FAMILIES, HEADLINES, HIGHER_IS_BETTER, LATENCY, THROUGHPUT, unit


def fmt(value, kind):
    if value is None:
        return "–"
    if kind == THROUGHPUT:
        for limit, suffix in ((1e9, " G"), (1e6, " M"), (1e3, " k")):
            if value >= limit:
                return f"{value / limit:.3g}{suffix}"
        return f"{value:.3g}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def fmt_figure(fig, kind, family=""):
    return f"{fmt(fig.value, kind)} {unit(family, kind)}" if fig else "–"


def fmt_ratio(r):
    if r is None:
        return "–"
    return f"**{r:.3g}×**" if r >= 1 else f"{r:.2g}× ✗ loses"


def spread(fig, kind):
    if fig is None:
        return "–"
    if kind == LATENCY and fig.percentiles:
        p = fig.percentiles
        return f"p99 {fmt(p['p99'], kind)}, p99.9 {fmt(p['p99.9'], kind)}"
    if fig.detail:
        return f"{fig.detail}; {fmt(fig.low, kind)}–{fmt(fig.high, kind)} ({len(fig.samples)})"
    if len(fig.samples) < 2:
        return "1 sample"
    return f"{fmt(fig.low, kind)}–{fmt(fig.high, kind)} ({len(fig.samples)})"


def _native_cell(e, short=False):
    if e.native:
        mean = " (mean)" if e.native.detail.startswith("mean") else ""
        return fmt_figure(e.native, e.row.kind, e.row.family) + mean
    status = e.native_status
    if short and ":" in status:
        status = status.split(":", 1)[0] + " (why: report.md)"
    return f"*{status}*"


def fmt_bytes(n):
    for limit, suffix in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
        if n >= limit:
            return f"{n / limit:.3g} {suffix}"
    return f"{n} B"


def _memory_cell(e):
    if e.memory is None:
        return "–"
    bound = e.row.memory_bound
    if bound is None:
        return fmt_bytes(e.memory)
    return f"{fmt_bytes(e.memory)} (≤ {fmt_bytes(bound)}: {'met' if e.memory <= bound else 'missed'})"


def _table(evaluated, kind):
    better = "higher is better" if HIGHER_IS_BETTER[kind] else "lower is better"
    with_memory = any(e.memory is not None for e in evaluated)
    lines = [f"Unit: {unit(evaluated[0].row)} ({better}). Speed-up = how many times faster native-ipc is (< 1: it loses)."
             + (" Shared memory = the most the native-ipc queue held in /dev/shm while it ran (its ring file and the"
                " side files of elements in flight)." if with_memory else ""), "",
             "| case | workload | native-ipc | Python | best Java peer | vs Python | vs best peer "
             "| spread native-ipc | spread Python | target |" + (" shared memory |" if with_memory else ""),
             "|---|---|---|---|---|---|---|---|---|---|" + ("---|" if with_memory else "")]
    for e in evaluated:
        py_label, py_fig = e.python[0] if e.python else ("", None)
        peer = f"{fmt_figure(e.best_peer[1], kind, e.row.family)} ({e.best_peer[0]})" if e.best_peer else "–"
        lines.append(" | ".join([
            f"| {e.row.name}", e.row.workload, _native_cell(e),
            f"{fmt_figure(py_fig, kind, e.row.family)} ({py_label})" if py_fig else f"– ({py_label})",
            peer, fmt_ratio(e.vs_python), fmt_ratio(e.vs_peer),
            spread(e.native, kind), spread(py_fig, kind), e.target_note or "–"]
            + ([_memory_cell(e)] if with_memory else [])) + " |")
    return lines


def _losses(evaluated):
    lines = []
    for e in evaluated:
        for what, r in (("Python", e.vs_python), ("the best peer (" + (e.best_peer[0] if e.best_peer else "") + ")", e.vs_peer)):
            if r is not None and r < 1:
                lines.append(f"- **{e.row.name}**: native-ipc is {1 / r:.2g}× slower than {what}.")
        if e.target_met is False:
            lines.append(f"- **{e.row.name}**: target missed — {e.target_note}."
                         + "".join(f" Why: {why}" for why in e.why_missed))
    return lines


def _details(evaluated):
    lines = ["| case | side | figure | spread / percentiles | rounds |", "|---|---|---|---|---|"]
    for e in evaluated:
        kind = e.row.kind
        sides = [("native-ipc", e.native, e.native_status)]
        sides += [(f"Python {label}", fig, "not run" if fig is None else "") for label, fig in e.python]
        sides += [(label, fig, status) for label, fig, status in e.peers]
        for label, fig, status in sides:
            figure = fmt_figure(fig, kind, e.row.family) if fig else f"*{status}*"
            lines.append(f"| {e.row.name} | {label} | {figure} | {spread(fig, kind) if fig else '–'} "
                         f"| {fig.rounds if fig else '–'} |")
    return lines


def render(evaluated, info, unmapped):
    out = [f"# native-ipc vs Python multiprocessing vs Java peers — {info['date']}", ""]
    out += [
        f"- **Command**: `{info['command']}` ({info['mode']} mode, {info['rounds']} round(s), sides alternating first/second family by family (A B, B A, …); "
        f"wall time {info['wall']})",
        f"- **Machine**: {info['cores']} cores, {info['cpu']}; load average at start {info['load']}",
        f"- **JDK**: {info['jdk']} · **Python**: {info['python']} · **JMH**: {info['jmh_options']}",
        f"- **Chart**: [chart.svg](chart.svg) · raw data: `jmh-*.json`, `python.jsonl`, logs beside this file",
    ]
    out += [f"- **Caveat**: {note}" for note in info.get("notes", [])]
    out += [
        "",
        "Each figure is the median over every measured iteration (latency: p50, median over rounds). "
        "This machine is noisy (2 vCPUs whose core-to-core latency flips between ~100 and ~450 ns); "
        "read ratios taken within this one run, not absolute figures. "
        + ("**Quick mode: short runs, for proving the pipeline, not for publishing.**" if info["mode"] == "quick" else ""),
        "", "![chart](chart.svg)", ""]
    for family, title, kind in FAMILIES:
        rows = [e for e in evaluated if e.row.family == family]
        if rows:
            out += [f"## {title}", ""] + _table(rows, kind) + [""]
    losses = _losses(evaluated)
    out += ["## Where native-ipc loses", ""] + (losses or ["- Nowhere among the rows measured in this run."]) + [""]
    pending = [e.row.name for e in evaluated if e.native is None]
    if pending:
        out += ["## Pending (no native-ipc figure in this run)", ""]
        out += [f"- {e.row.name}: *{e.native_status}*" + (f" (`{e.row.native.benchmark}`)" if e.row.native else
                                                            " (no native-ipc structure or benchmark for it yet)")
                for e in evaluated if e.native is None]
        out += [""]
    out += ["## Every figure", ""] + _details(evaluated) + [""]
    if unmapped:
        out += ["## JMH results not mapped to a row", "",
                "Add them to `benchmarks/report/rows.py` to give them a row.", ""]
        out += [f"- `{name}` {params}: {score}" for name, params, score in unmapped] + [""]
    return "\n".join(out)


def not_built_count(evaluated):
    return sum(1 for e in evaluated if e.native_status == NOT_BUILT)


def render_summary(evaluated, info):
    """The short table for README: headline rows only, with the command and the run's context."""
    out = ["| case | native-ipc | Python | best Java peer | vs Python | vs best peer |",
           "|---|---|---|---|---|---|"]
    for e in evaluated:
        if e.row.name not in HEADLINES:
            continue
        kind, family = e.row.kind, e.row.family
        py_label, py_fig = e.python[0] if e.python else ("", None)
        peer = f"{fmt_figure(e.best_peer[1], kind, family)} ({e.best_peer[0]})" if e.best_peer else "–"
        out.append(" | ".join([f"| {e.row.name}", _native_cell(e, short=True),
                               f"{fmt_figure(py_fig, kind, family)} ({py_label})" if py_fig else "–",
                               peer, fmt_ratio(e.vs_python), fmt_ratio(e.vs_peer)]) + " |")
    out += ["", f"{info['date']}, `{info['command']}` ({info['mode']} mode), {info['cores']} cores {info['cpu']}, "
                f"{info['jdk']}, Python {info['python']}. Speed-up: how many times faster native-ipc is."]
    return "\n".join(out) + "\n"
