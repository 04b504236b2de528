"""Vector charts (SVG) for the briefing, drawn with matplotlib from the comparison."""

from __future__ import annotations

import io
import re
from functools import cache, lru_cache
from pathlib import Path

from ..models import STANCE_ORDER, Comparison

VARIABLE = re.compile(r"--stance-([a-z]+)\s*:\s*(#[0-9a-fA-F]{3,8})")


@cache
def palette(css: Path) -> dict[str | None, str]:
    """The stance colours, read from the custom properties of the print CSS (their one home)."""
    found = dict(VARIABLE.findall(css.read_text(encoding="utf-8")))
    return {s: found.get(s, "#999999") for s in STANCE_ORDER} | {None: found.get("none", "#f4f4f4")}


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "briefing", "svg.fonttype": "none", "font.size": 8, "font.family": "DejaVu Sans",
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt, plt.subplots(figsize=(width, height))


def _svg(plt, fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return buf.getvalue()


def stance_heatmap(cmp: Comparison, colours: dict[str | None, str]) -> str | None:
    """Targets (rows) x years (columns), coloured by the strongest stance, labelled in full."""
    return _heatmap(cmp.model_dump_json(), tuple(colours.items()))


@lru_cache(maxsize=4)  # drawn once per comparison and process (the head start, then the flow's view)
def _heatmap(cmp_json: str, colour_items: tuple) -> str | None:
    cmp, colours = Comparison.model_validate_json(cmp_json), dict(colour_items)
    if not cmp.matrix or not cmp.columns:
        return None
    plt, (fig, ax) = _figure(6.3, 0.32 * len(cmp.matrix) + 0.9)
    for r, row in enumerate(cmp.matrix):
        for c, cell in enumerate(row.cells):
            stance = cell.stances[0] if cell else None
            ax.add_patch(plt.Rectangle((c, r), 0.96, 0.92, color=colours[stance]))
            if cell:
                label = "/".join(cell.stances) + ("*" if cell.horizon else "")
                ax.text(c + 0.48, r + 0.46, label, ha="center", va="center", fontsize=7,
                        color="white" if stance == "threat" else "black")
    ax.set_xlim(0, len(cmp.columns))
    ax.set_ylim(len(cmp.matrix), 0)
    ax.set_xticks([c + 0.48 for c in range(len(cmp.columns))], list(cmp.columns))
    ax.set_yticks([r + 0.46 for r in range(len(cmp.matrix))], [row.target for row in cmp.matrix])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[s]) for s in STANCE_ORDER]
    ax.legend(handles, list(STANCE_ORDER), loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=4, frameon=False)
    return _svg(plt, fig)


def salience_chart(cmp: Comparison, top: int = 6) -> str | None:
    """Positions taken on each actor per year (the most salient actors)."""
    return _salience(cmp.model_dump_json(), top)


@lru_cache(maxsize=4)
def _salience(cmp_json: str, top: int) -> str | None:
    cmp = Comparison.model_validate_json(cmp_json)
    rows = [s for s in cmp.salience if sum(s.counts)][:top]
    if not rows or not cmp.columns:
        return None
    plt, (fig, ax) = _figure(6.3, 2.6)
    width = 0.8 / len(rows)
    for k, row in enumerate(rows):
        xs = [i + k * width - 0.4 + width / 2 for i in range(len(cmp.columns))]
        ax.bar(xs, row.counts, width=width * 0.95, label=row.target)
    ax.set_xticks(range(len(cmp.columns)), list(cmp.columns))
    ax.set_ylabel("positions taken")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.1))
    return _svg(plt, fig)
