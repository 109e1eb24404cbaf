"""Drawings for ``prelim autograd``: the backward graph (SVG with matplotlib, or Graphviz
text) and f with its derivative. They draw plain data (graph.Graph, lists of floats);
nothing here computes a gradient.

The SVG graph needs no Graphviz binary: nodes are placed in layers by their longest
distance from the root, so every arrow points down, the way gradients flow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from matplotlib.patches import FancyBboxPatch

from prelim_cli.core.files import text_writer
from prelim_cli.render.svg import new_figure, svg_writer
from prelim_cli.topics.autograd.graph import Graph, Node

FONT = {"family": "monospace", "size": 9}
CHAR_W, LINE_H = 0.075, 0.16  # inches per character and per line at 9 pt monospace
PAD_W, PAD_H, GAP_X, GAP_Y, MARGIN = 0.3, 0.16, 0.3, 0.45, 0.3
COLOURS = {"op": ("#f3f4f6", "#6b7280"), "leaf": ("#dbeafe", "#2563eb")}
EDGE = "#374151"


def numbers(data) -> str:
    """A short form of a leaf's value or gradient (prelim's leaves are 0-d or 1-d): 4
    significant digits, long vectors cut."""
    if data is None:
        return "None"
    if not isinstance(data, list):
        return f"{data:.4g}"
    shown = [f"{v:.4g}" for v in data]
    if len(shown) > 6:
        shown = shown[:3] + ["…"] + shown[-2:]
    return "[" + ", ".join(shown) + "]"


def node_lines(node: Node, root: str) -> list[str]:
    if node.kind == "leaf":
        return [node.label, f"value {numbers(node.value)}", f"grad  {numbers(node.grad)}"]
    return [node.label, f"({root})"] if node.id == 0 else [node.label]


# ---------------------------------------------------------------- Graphviz text

def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def graph_dot(graph: Graph, title: str, root: str) -> str:
    lines = ["digraph backward {",
             f"  label={_quote(title + ' (arrows: the way gradients flow)')};",
             "  labelloc=t;",
             '  node [shape=box, style="rounded,filled", fontname="monospace", fontsize=10];']
    for node in graph.nodes:
        fill, line = COLOURS[node.kind]
        label = _quote("\n".join(node_lines(node, root)))
        lines.append(f'  n{node.id} [label={label}, fillcolor="{fill}", color="{line}"];')
    lines += [f"  n{a} -> n{b};" for a, b in graph.edges]
    return "\n".join(lines + ["}"]) + "\n"


# ---------------------------------------------------------------- the SVG graph

def layers(graph: Graph) -> list[list[int]]:
    """Node ids per layer: each node one layer below the lowest op that sends it
    gradient (longest path from the root, in topological order)."""
    children: dict[int, list[int]] = {node.id: [] for node in graph.nodes}
    indegree = dict.fromkeys(children, 0)
    for a, b in dict.fromkeys(graph.edges):  # a repeated edge counts once
        children[a].append(b)
        indegree[b] += 1
    depth = dict.fromkeys(children, 0)
    ready = sorted(n for n, d in indegree.items() if d == 0)
    while ready:
        n = ready.pop(0)
        for child in children[n]:
            depth[child] = max(depth[child], depth[n] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                ready = sorted(ready + [child])
    rows: list[list[int]] = [[] for _ in range(max(depth.values()) + 1)]
    for n in sorted(depth):
        rows[depth[n]].append(n)
    # Order each layer by the mean position of its parents, to keep arrows from crossing.
    parents = {n: [a for a, b in graph.edges if b == n] for n in children}
    for above, row in zip(rows, rows[1:]):
        place = {n: i for i, n in enumerate(above)}
        row.sort(key=lambda n: (sum(place.get(p, 0) for p in parents[n])
                                / max(1, len(parents[n])), n))
    return rows


def draw_graph(graph: Graph, title: str, root: str) -> Callable[[Path], None]:
    text = {node.id: node_lines(node, root) for node in graph.nodes}
    size = {n: (max(map(len, lines)) * CHAR_W + PAD_W, len(lines) * LINE_H + PAD_H)
            for n, lines in text.items()}
    rows = layers(graph)
    row_w = [sum(size[n][0] for n in row) + GAP_X * (len(row) - 1) for row in rows]
    row_h = [max(size[n][1] for n in row) for row in rows]
    width = max(max(row_w), len(title) * CHAR_W, 3.0) + 2 * MARGIN
    height = sum(row_h) + GAP_Y * (len(rows) - 1) + 2 * MARGIN + 0.5

    fig = new_figure(width, height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    ax.text(width / 2, height - MARGIN, title, ha="center", va="top", fontdict=FONT,
            fontweight="bold")
    ax.text(width / 2, height - MARGIN - 0.22, "arrows: the way gradients flow",
            ha="center", va="top", fontdict=FONT, color="#6b7280")

    centre: dict[int, tuple[float, float]] = {}
    top = height - MARGIN - 0.5
    for row, w, h in zip(rows, row_w, row_h):
        left = (width - w) / 2
        for n in row:
            centre[n] = (left + size[n][0] / 2, top - h / 2)
            left += size[n][0] + GAP_X
        top -= h + GAP_Y

    for node in graph.nodes:
        (cx, cy), (w, h) = centre[node.id], size[node.id]
        fill, line = COLOURS[node.kind]
        ax.add_patch(FancyBboxPatch((cx - w / 2, cy - h / 2), w, h, facecolor=fill,
                                    edgecolor=line, boxstyle="round,pad=0,rounding_size=0.06"))
        ax.text(cx, cy, "\n".join(text[node.id]), ha="center", va="center", fontdict=FONT,
                linespacing=1.3)

    for (a, b), count in Counter(graph.edges).items():
        (ax_, ay), (bx, by) = centre[a], centre[b]
        start, end = (ax_, ay - size[a][1] / 2), (bx, by + size[b][1] / 2)
        ax.annotate("", xy=end, xytext=start,
                    arrowprops={"arrowstyle": "-|>", "color": EDGE, "lw": 1,
                                "shrinkA": 0, "shrinkB": 0})
        if count > 1:  # the same input used twice: its gradient arrives twice
            ax.text((start[0] + end[0]) / 2 + 0.08, (start[1] + end[1]) / 2, f"×{count}",
                    ha="left", va="center", fontdict=FONT, color=EDGE)
    return svg_writer(fig)


def graph_writer(graph: Graph, suffix: str, title: str, root: str) -> Callable[[Path], None]:
    """``.dot`` (Graphviz text) or ``.svg`` (drawn here): what fills the --graph file."""
    if suffix.lower() == ".dot":
        return text_writer(graph_dot(graph, title, root))
    return draw_graph(graph, title, root)


# ---------------------------------------------------------------- f and f'

def draw_function(x: list[float], y: list[float], slope: list[float],
                  name: str) -> Callable[[Path], None]:
    """The chapter's exercise: f and its derivative (from autograd) on one plot."""
    fig = new_figure(6.4, 3.8)
    ax = fig.add_subplot()
    ax.plot(x, y, color="#1f77b4", label=f"f(x) = {name}")
    ax.plot(x, slope, "--", color="#d62728", label="f'(x), by autograd")
    ax.axhline(0, color="#9ca3af", lw=0.6)
    ax.set_xlabel("x")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    fig.tight_layout()
    return svg_writer(fig)
