"""chart.svg with the standard library: one panel per family, one group of bars per row
(native-ipc, Python, best Java peer), log scale per panel (units differ between families)."""

import math
from xml.sax.saxutils import escape

from render import fmt
from rows import FAMILIES, HIGHER_IS_BETTER, unit

WIDTH = 1100
LABEL_W = 300
VALUE_W = 270
BAR_H = 9
BAR_GAP = 2
GROUP_GAP = 10
PANEL_HEAD = 46
AXIS_H = 22
SIDES = (("native-ipc", "#1f6feb"), ("Python", "#e8871e"), ("best Java peer", "#6e7781"))


def _text(x, y, s, size=11, anchor="start", weight="normal", color="#24292f", style="normal"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'font-style="{style}" fill="{color}">{escape(s)}</text>')


def _bars(e):
    python = e.python[0][1] if e.python else None
    peer = e.best_peer[1] if e.best_peer else None
    peer_label = e.best_peer[0] if e.best_peer else ""
    return [(e.native, e.native_status), (python, "not run"), (peer, "" if not e.row.peers else "not run")], peer_label


def _panel(evaluated, title, kind, y0):
    values = [fig.value for e in evaluated for fig, _ in _bars(e)[0] if fig and fig.value > 0]
    if not values:
        return [], 0
    lo = 10 ** math.floor(math.log10(min(values)))
    hi = 10 ** math.ceil(math.log10(max(values)))
    if hi <= lo:
        hi = lo * 10
    plot_w = WIDTH - LABEL_W - VALUE_W

    def x_of(v):
        return LABEL_W + plot_w * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    better = "higher is better" if HIGHER_IS_BETTER[kind] else "lower is better"
    out = [_text(10, y0 + 18, title, 14, weight="bold"),
           _text(10, y0 + 34, f"{unit(evaluated[0].row)}, log scale, {better}", 11, color="#57606a")]
    y = y0 + PANEL_HEAD
    group_h = 3 * BAR_H + 2 * BAR_GAP
    for e in evaluated:
        bars, peer_label = _bars(e)
        out.append(_text(LABEL_W - 8, y + group_h / 2 + 4, e.row.name, 11, "end"))
        for i, ((fig, status), (side, color)) in enumerate(zip(bars, SIDES)):
            by = y + i * (BAR_H + BAR_GAP)
            if fig and fig.value > 0:
                w = max(1.0, x_of(fig.value) - LABEL_W)
                label = fmt(fig.value, kind) + (f" {peer_label}" if i == 2 else "")
                out.append(f'<rect x="{LABEL_W}" y="{by:.1f}" width="{w:.1f}" height="{BAR_H}" fill="{color}"/>')
                out.append(_text(LABEL_W + w + 4, by + BAR_H - 1, label, 9, color="#57606a"))
            elif status:
                out.append(_text(LABEL_W + 4, by + BAR_H - 1, f"{side}: {status}", 9, color=color, style="italic"))
        y += group_h + GROUP_GAP
    decade = lo
    while decade <= hi * 1.0001:
        x = x_of(decade)
        out.append(f'<line x1="{x:.1f}" y1="{y0 + PANEL_HEAD - 4}" x2="{x:.1f}" y2="{y}" stroke="#d0d7de" '
                   f'stroke-width="1"/>')
        out.append(_text(x, y + 14, fmt(decade, kind), 9, "middle", color="#57606a"))
        decade *= 10
    return out, y + AXIS_H - y0


def render_svg(evaluated, subtitle):
    parts, y = [], 60
    for family, title, kind in FAMILIES:
        rows = [e for e in evaluated if e.row.family == family]
        panel, height = _panel(rows, title, kind, y)
        parts += panel
        y += height + 16
    legend = []
    for i, (side, color) in enumerate(SIDES):
        x = 10 + i * 170
        legend.append(f'<rect x="{x}" y="36" width="12" height="12" fill="{color}"/>')
        legend.append(_text(x + 18, 46, side, 12))
    head = [_text(10, 22, "native-ipc vs Python multiprocessing vs Java peers", 16, weight="bold"),
            _text(WIDTH - 10, 22, subtitle, 11, "end", color="#57606a")]
    body = "\n".join(head + legend + parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{y}" viewBox="0 0 {WIDTH} {y}" '
            f'font-family="Helvetica, Arial, sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n'
            f'{body}\n</svg>\n')
