"""Inline SVG charts for the HTML report: drawn here, so the report needs no script and no
network to be read (a file opened in any browser, offline, years later)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

PALETTE = ("#2f6db3", "#e0813a", "#3e9a5a", "#c2413b", "#8460b0", "#8c6d4f", "#d36fae", "#7a7a7a",
           "#b6b83a", "#38aab8")
BAR = PALETTE[0]
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def hbars(rows: Sequence[tuple[str, float]], value_label: str = "", share: bool = False,
          width: int = 700, label_width: int = 260) -> str:
    """Horizontal bars, one per (label, value); `share` draws values in 0..1 as percentages."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    row_height = 22
    height = row_height * len(rows) + 6
    top = 1.0 if share else max(value for _, value in rows) or 1
    room = width - label_width - 70
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" {FONT}>']
    if value_label:
        parts.append(f"<title>{escape(value_label)}</title>")
    for i, (label, value) in enumerate(rows):
        y = i * row_height + 3
        length = max(0.0, room * value / top)
        text = f"{value * 100:.1f} %" if share else _number(value)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(_short(label))}'
            f"</text>"
            f'<rect x="{label_width}" y="{y}" width="{room}" height="16" fill="#eef1f5"/>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="16" fill="{BAR}">'
            f"<title>{escape(label)}: {text}</title></rect>"
            f'<text x="{label_width + room + 6}" y="{y + 14}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(rows: Sequence[tuple[str, float]], width: int = 760, height: int = 180) -> str:
    """A histogram: one column per (label, count), labels under a few of them."""
    if not rows:
        return '<p class="empty">nothing to show</p>'
    left, bottom, top_pad = 44, 34, 10
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = max(value for _, value in rows) or 1
    step = plot_w / len(rows)
    widest = max(len(label) for label, _ in rows) * 7 + 10  # px of the longest label
    every = max(1, math.ceil(widest / step))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}" {FONT}>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" '
             f'y2="{top_pad + plot_h}" stroke="#999"/>',
             f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end">{_number(top)}</text>',
             f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end">0</text>']
    for i, (label, value) in enumerate(rows):
        h = plot_h * value / top
        x = left + i * step
        parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{top_pad + plot_h - h:.1f}" '
                     f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}" fill="{BAR}">'
                     f"<title>{escape(label)}: {_number(value)}</title></rect>")
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{top_pad + plot_h + 16}" '
                         f'text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked(parts: Sequence[tuple[str, float]], width: int = 640) -> str:
    """One bar split into shares (summing to at most 1), with a legend under it."""
    total = sum(value for _, value in parts)
    if not total:
        return '<p class="empty">nothing to show</p>'
    height = 24 + 20 * ((len(parts) + 3) // 4) + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" {FONT}>']
    x = 0.0
    for i, (label, value) in enumerate(parts):
        w = width * value / total
        color = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" fill="{color}">'
                   f"<title>{escape(label)}: {value * 100 / total:.1f} %</title></rect>")
        lx, ly = (i % 4) * (width / 4), 24 + 20 * (i // 4)
        out.append(f'<rect x="{lx:.0f}" y="{ly}" width="12" height="12" fill="{color}"/>'
                   f'<text x="{lx + 16:.0f}" y="{ly + 11}">{escape(label[:22])} '
                   f"{value * 100 / total:.1f} %</text>")
        x += w
    out.append("</svg>")
    return "".join(out)


def heat(share: float | None) -> str:
    """Background colour for a fill rate: red (0) through yellow to green (1)."""
    if share is None:
        return "#f4f4f4"
    hue = round(120 * share)
    return f"hsl({hue}, 65%, 82%)"
