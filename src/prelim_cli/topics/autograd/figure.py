"""Drawings for ``prelim autograd``: the backward graph (SVG with matplotlib, or Graphviz
text) and f with its derivative. They draw plain data (graph.Graph, lists of floats);
nothing here computes a gradient.

The SVG graph needs no Graphviz binary: figure_layout places it in layers, as dot does,
so every arrow points down, the way gradients flow, and none passes through a box. A run
of one op repeated (the control-flow loop's MulBackward0s) is one box unless --expand; an
input that needs no gradient (u = y.detach()) is a dashed box with a dashed line: no
arrow, because no gradient flows to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.patches import FancyBboxPatch

from prelim_cli.core.files import text_writer
from prelim_cli.i18n import Texts
from prelim_cli.render.svg import (
    BLACK,
    BLUE,
    GREY,
    MIN_FONT,
    ORANGE,
    SKY,
    VERMILLION,
    WHITE,
    columns,
    new_figure,
    svg_writer,
)
from prelim_cli.topics.autograd.figure_layout import layered
from prelim_cli.topics.autograd.graph import Drawing, Graph, Node

FONT = {"family": "monospace", "size": MIN_FONT}
CHAR_W, LINE_H = 0.1, 0.22  # inches per character and per line at 12 pt monospace
PAD_W, PAD_H, GAP_X, GAP_Y, STUB, MARGIN = 0.3, 0.16, 0.35, 0.6, 0.14, 0.3
HEADER = 0.75  # the title and the line under it
COLOURS = {"op": (WHITE, BLACK), "chain": (WHITE, ORANGE), "leaf": (SKY, BLUE),
           "constant": (WHITE, GREY)}
MIN_CHAIN = 3  # a run of this many of the same op is drawn as one box


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

@dataclass(frozen=True)
class Box:
    id: int
    kind: str  # op, chain, leaf, constant
    lines: list[str]


def chains(graph: Graph) -> list[list[int]]:
    """Runs of one op, each the only way on from the one before (a → b → c, all
    MulBackward0), of MIN_CHAIN or more: the boxes that collapse into one."""
    label = {node.id: node.label for node in graph.nodes if node.kind == "op"}
    out, into = Counter(a for a, _ in graph.edges), Counter(b for _, b in graph.edges)
    after = {a: b for a, b in graph.edges
             if out[a] == 1 and into[b] == 1 and a in label and label[a] == label.get(b)}
    starts = sorted(set(after) - set(after.values()))
    runs = []
    for n in starts:
        run = [n]
        while run[-1] in after:
            run.append(after[run[-1]])
        if len(run) >= MIN_CHAIN:
            runs.append(run)
    return runs


def boxes(graph: Graph, root: str, drawing: Drawing) -> tuple[list[Box], list[tuple[int, int]],
                                                                list[tuple[int, int]]]:
    """What is drawn: the boxes, the gradient edges (a repeated edge repeated) and the
    dashed links to constants."""
    texts = Texts(drawing.lang)
    shown = {node.id: Box(node.id, node.kind, node_lines(node, root)) for node in graph.nodes}
    edges = list(graph.edges)
    for run in [] if drawing.expand else chains(graph):
        first = shown[run[0]]
        title, hint = texts.step("figure.graph_chain", {"op": first.lines[0], "n": len(run)})
        shown[run[0]] = Box(run[0], "chain", [title, *first.lines[1:], hint])
        for n in run[1:]:
            del shown[n]
        edges = [(run[0] if a == run[-1] else a, b) for a, b in edges
                 if not (a in run and b in run)]
    fresh = max(shown) + 1
    links = []
    for op, name in graph.constants:
        if op in shown and name:  # a Python number the op wrapped is left out
            word, no_grad = texts.step("figure.graph_constant", {})
            shown[fresh] = Box(fresh, "constant", [name, word, no_grad])
            links.append((op, fresh))
            fresh += 1
    return list(shown.values()), edges, links


def text_width(line: str) -> float:
    """Inches at 12 pt monospace."""
    return columns(line) * CHAR_W


def draw_graph(graph: Graph, title: str, root: str,
               drawing: Drawing = Drawing()) -> Callable[[Path], None]:
    texts = Texts(drawing.lang)
    heading, subtitle = texts.step("figure.graph", {"title": title})
    drawn, edges, links = boxes(graph, root, drawing)
    size = {b.id: (max(map(text_width, b.lines)) + PAD_W, len(b.lines) * LINE_H + PAD_H)
            for b in drawn}
    placed = layered(size, edges + links, GAP_X, GAP_Y, STUB)
    width = max(placed.width, text_width(heading), text_width(subtitle), 3.0) + 2 * MARGIN
    height = placed.height + 2 * MARGIN + HEADER
    shift_x = (width - placed.width) / 2

    fig = new_figure(width, height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    ax.text(width / 2, height - MARGIN, heading, ha="center", va="top", fontdict=FONT,
            fontweight="bold")
    ax.text(width / 2, height - MARGIN - 0.3, subtitle, ha="center", va="top", fontdict=FONT)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return point[0] + shift_x, point[1] + MARGIN

    for box in drawn:
        left, bottom, right, top = placed.boxes[box.id]
        (x0, y0), (x1, y1) = at((left, bottom)), at((right, top))
        fill, line = COLOURS[box.kind]
        patch = FancyBboxPatch((x0, y0), x1 - x0, y1 - y0, facecolor=fill, edgecolor=line,
                               linestyle="--" if box.kind == "constant" else "-",
                               linewidth=2 if box.kind == "chain" else 1,
                               boxstyle="round,pad=0,rounding_size=0.06", gid=f"box-{box.id}")
        ax.add_patch(patch)
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, "\n".join(box.lines), ha="center", va="center",
                fontdict=FONT, linespacing=1.3)

    counts = Counter(edges)
    for (a, b), points in placed.edges.items():
        xs, ys = zip(*map(at, points))
        if (a, b) in links:  # no gradient flows to a constant: a dashed line, no arrow
            ax.plot(xs, ys, color=GREY, lw=1.2, linestyle="--", gid=f"edge-{a}-{b}")
            continue
        ax.plot(xs[:-1], ys[:-1], color=BLACK, lw=1.2, gid=f"edge-{a}-{b}")
        ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[-2], ys[-2]),
                    arrowprops={"arrowstyle": "-|>", "color": BLACK, "lw": 1.2,
                                "shrinkA": 0, "shrinkB": 0})
        if counts[(a, b)] > 1:  # the same input used twice: its gradient arrives twice
            twice, times = texts.step("figure.graph_used", {"n": counts[(a, b)]})
            left = points[-1][0] < sum(placed.boxes[b][::2]) / 2  # the outer side of b
            ax.text((xs[-3] + xs[-2]) / 2 + (-0.12 if left else 0.12), (ys[-3] + ys[-2]) / 2,
                    twice if counts[(a, b)] == 2 else times, ha="right" if left else "left",
                    va="center", fontdict=FONT, color=VERMILLION)
    return svg_writer(fig, heading)


def graph_writer(graph: Graph, suffix: str, title: str, root: str,
                 drawing: Drawing = Drawing()) -> Callable[[Path], None]:
    """``.dot`` (Graphviz text) or ``.svg`` (drawn here): what fills the --graph file."""
    if suffix.lower() == ".dot":
        return text_writer(graph_dot(graph, title, root))
    return draw_graph(graph, title, root, drawing)


# ---------------------------------------------------------------- f and f'

def draw_function(x: list[float], y: list[float], slope: list[float],
                  name: str, lang: str = "en") -> Callable[[Path], None]:
    """The chapter's exercise: f and its derivative (from autograd) on one plot."""
    title, derivative = Texts(lang).step("figure.function", {"expr": name})
    fig = new_figure(6.4, 4.2)
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.plot(x, y, color=BLUE, lw=2, label=f"f(x) = {name}")
    ax.plot(x, slope, "--", color=VERMILLION, lw=2, label=derivative)
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel("x")
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    fig.tight_layout()
    return svg_writer(fig, title)
