"""A layered drawing of a directed acyclic graph, the way Graphviz's dot draws one
(Sugiyama, Tagawa and Toda, 1981), in plain Python.

1. Layers: each node one layer below the lowest node with an edge into it (longest path),
   so every edge points down.
2. Dummy nodes: an edge that skips layers gets a thin stand-in on every layer it passes,
   so from then on every edge joins neighbouring layers.
3. Order: each layer is sorted by the mean position of its neighbours (the barycenter
   heuristic), sweeping down and up; the order with the fewest crossings is kept.
4. Positions: each node as near as it can be to the mean of its neighbours while keeping
   its layer's order and gaps (a least-squares fit, solved by pooling adjacent violators).

A box's top edge sits on its layer's top line; an edge leaves a box straight down to its
layer's bottom line, crosses the empty band between two layers, and drops into the next
box (or through its dummy's slot) from above; the edges of one box leave and enter it at
points spread along its width. Boxes of one layer never overlap, so no edge
passes through a box other than its two ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, bottom, right, top; y grows upwards

SWEEPS = 8  # down-and-up passes of the barycenter heuristic
STRAIGHTEN = 12  # passes of the position fit


@dataclass(frozen=True)
class Placed:
    boxes: dict[int, Box]
    edges: dict[tuple[int, int], list[Point]]  # from the bottom of a to the top of b
    width: float
    height: float


def layered(sizes: dict[int, tuple[float, float]], edges: Iterable[tuple[int, int]],
            gap_x: float, gap_y: float, stub: float, dummy_w: float = 0.12) -> Placed:
    """Boxes of ``sizes`` (width, height) and the polyline of every distinct edge."""
    links = list(dict.fromkeys(edges))
    depth = _layers(list(sizes), links)
    width = dict((n, w) for n, (w, _) in sizes.items())
    chains: dict[tuple[int, int], list[int]] = {}
    down: dict[int, list[int]] = {n: [] for n in sizes}
    fresh = max(sizes, default=0) + 1
    for a, b in links:  # split long edges with dummy nodes
        chain = [a]
        for level in range(depth[a] + 1, depth[b]):
            depth[fresh], width[fresh], down[fresh] = level, dummy_w, []
            chain.append(fresh)
            fresh += 1
        chain.append(b)
        for u, v in zip(chain, chain[1:]):
            down[u].append(v)
        chains[(a, b)] = chain
    up: dict[int, list[int]] = {n: [] for n in down}
    for u, vs in down.items():
        for v in vs:
            up[v].append(u)

    rows: list[list[int]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for n in sorted(depth):
        rows[depth[n]].append(n)
    rows = _order(rows, up, down)
    x = _positions(rows, width, up, down, gap_x)

    heights = [max((sizes[n][1] for n in row if n in sizes), default=0.0) for row in rows]
    tops, top = [], sum(heights) + gap_y * (len(rows) - 1)
    for h in heights:
        tops.append(top)
        top -= h + gap_y
    left = min((x[n] - width[n] / 2 for n in x), default=0.0)
    x = {n: v - left for n, v in x.items()}
    boxes = {n: (x[n] - w / 2, tops[depth[n]] - h, x[n] + w / 2, tops[depth[n]])
             for n, (w, h) in sizes.items()}

    def bottom(n: int) -> float:
        return tops[depth[n]] - heights[depth[n]]

    leave = _ports(chains, x, width, lambda chain: (chain[0], chain[1]))
    enter = _ports(chains, x, width, lambda chain: (chain[-1], chain[-2]))
    polylines = {}
    for (a, b), chain in chains.items():
        start, end = leave[(a, b)], enter[(a, b)]
        points = [(start, boxes[a][1]), (start, bottom(a))]
        for v in chain[1:]:
            at = end if v == b else x[v]
            points += [(at, tops[depth[v]] + stub), (at, tops[depth[v]])]
            if v not in sizes:  # a dummy: straight through its layer
                points.append((at, bottom(v)))
        polylines[(a, b)] = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    right = max((x[n] + width[n] / 2 for n in x), default=0.0)
    return Placed(boxes, polylines, right, tops[0] if tops else 0.0)


def _ports(chains: dict, x: dict[int, float], width: dict[int, float],
           ends) -> dict[tuple[int, int], float]:
    """Where each edge meets a box: the edges of one box spread along its bottom (or top)
    in the order of the nodes at their other end, so two arrows into x stay two arrows."""
    by_box: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for edge, chain in chains.items():
        box, other = ends(chain)
        by_box.setdefault(box, []).append((x[other], edge))
    at = {}
    for box, edges in by_box.items():
        step = min(0.25, 0.6 * width[box] / len(edges))
        for i, (_, edge) in enumerate(sorted(edges)):
            at[edge] = x[box] + (i - (len(edges) - 1) / 2) * step
    return at


def _layers(nodes: list[int], links: list[tuple[int, int]]) -> dict[int, int]:
    """Longest distance from a source, in topological order (the graph has no cycle)."""
    children: dict[int, list[int]] = {n: [] for n in nodes}
    indegree = dict.fromkeys(nodes, 0)
    for a, b in links:
        children[a].append(b)
        indegree[b] += 1
    depth = dict.fromkeys(nodes, 0)
    ready = [n for n in nodes if indegree[n] == 0]
    while ready:
        n = ready.pop()
        for child in children[n]:
            depth[child] = max(depth[child], depth[n] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return depth


def crossings(upper: list[int], lower: list[int], down: dict[int, list[int]]) -> int:
    """How many pairs of edges between two neighbouring layers cross."""
    place = {n: i for i, n in enumerate(lower)}
    ends = [(i, place[v]) for i, u in enumerate(upper) for v in down[u] if v in place]
    return sum(1 for k, (a, b) in enumerate(ends) for c, d in ends[k + 1:]
               if (a - c) * (b - d) < 0)


def _order(rows: list[list[int]], up: dict, down: dict) -> list[list[int]]:
    def total(layout: list[list[int]]) -> int:
        return sum(crossings(a, b, down) for a, b in zip(layout, layout[1:]))

    def sort_by(row: list[int], neighbours: dict, beside: list[int]) -> list[int]:
        place = {n: i for i, n in enumerate(beside)}
        keys = {}
        for i, n in enumerate(row):
            near = [place[m] for m in neighbours[n] if m in place]
            keys[n] = (sum(near) / len(near), i) if near else (i, i)
        return sorted(row, key=keys.__getitem__)

    best, fewest = [list(r) for r in rows], total(rows)
    current = [list(r) for r in rows]
    for _ in range(SWEEPS):
        for i in range(1, len(current)):
            current[i] = sort_by(current[i], up, current[i - 1])
        for i in range(len(current) - 2, -1, -1):
            current[i] = sort_by(current[i], down, current[i + 1])
        count = total(current)
        if count < fewest:
            best, fewest = [list(r) for r in current], count
        if fewest == 0:
            break
    return best


def _positions(rows: list[list[int]], width: dict[int, float], up: dict, down: dict,
               gap_x: float) -> dict[int, float]:
    x: dict[int, float] = {}
    for row in rows:  # packed from the left, then pulled towards the neighbours
        left = 0.0
        for n in row:
            x[n] = left + width[n] / 2
            left += width[n] + gap_x
    for _ in range(STRAIGHTEN):
        for row in rows + rows[::-1]:
            wanted = [_mean([x[m] for m in up[n] + down[n]], x[n]) for n in row]
            for n, value in zip(row, _fit(wanted, [width[n] for n in row], gap_x)):
                x[n] = value
    return x


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _fit(wanted: list[float], widths: list[float], gap: float) -> list[float]:
    """Positions closest (least squares) to ``wanted`` that keep the order and leave ``gap``
    between neighbours: with the fixed offsets taken out, a monotone fit (pool adjacent
    violators)."""
    offsets = [0.0]
    for a, b in zip(widths, widths[1:]):
        offsets.append(offsets[-1] + (a + b) / 2 + gap)
    blocks: list[list[float]] = []  # [mean, count]
    for target in (w - o for w, o in zip(wanted, offsets)):
        blocks.append([target, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (m2, c2), (m1, c1) = blocks.pop(), blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    fitted = [mean for mean, count in blocks for _ in range(int(count))]
    return [z + o for z, o in zip(fitted, offsets)]
