"""The pictures prelim draws, read back from the SVG files themselves: the backward graph's
edges never pass through a box other than their own two ends, and every figure has a
<title>, text of 12 px or more, Okabe-Ito colours only, and words in the reader's language."""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import prelim, prelim_json

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
# Okabe & Ito's eight colours, with grey and white: written out here, not imported
OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
             "#cc79a7", "#999999", "#ffffff"}


def draw(*args: str, lang: str = "en") -> ET.Element:
    """Run ``prelim ARGS`` (its file option included) and parse the SVG it wrote."""
    result = prelim(*args, "--lang", lang, "--force")
    assert result.exit_code in (0, 1), result.stderr
    path = next(a for a in args if a.endswith(".svg"))
    return ET.parse(path).getroot()


def groups(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith(prefix)}


def points(element: ET.Element) -> list[tuple[float, float]]:
    numbers = [float(v) for v in NUMBER.findall(element.find(f"{SVG}path").get("d"))]
    return list(zip(numbers[::2], numbers[1::2]))


def bounds(element: ET.Element) -> tuple[float, float, float, float]:
    xs, ys = zip(*points(element))
    return min(xs), min(ys), max(xs), max(ys)


def crosses(p, q, box, margin: float = 0.5) -> bool:
    """Whether the segment p-q enters the box shrunk by ``margin`` (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
    (px, py), (dx, dy) = p, (q[0] - p[0], q[1] - p[1])
    low, high = 0.0, 1.0
    for step, room in ((-dx, px - x0), (dx, x1 - px), (-dy, py - y0), (dy, y1 - py)):
        if step == 0:
            if room < 0:
                return False
        elif step < 0:
            low = max(low, room / step)
        else:
            high = min(high, room / step)
    return low < high


def boxes_crossed(root: ET.Element) -> list[tuple[str, str]]:
    boxes = {name.removeprefix("box-"): bounds(g) for name, g in groups(root, "box-").items()}
    found = []
    for name, g in groups(root, "edge-").items():
        ends = name.split("-")[1:]
        line = points(g)
        for p, q in zip(line, line[1:]):
            found += [(name, box) for box, rect in boxes.items()
                      if box not in ends and crosses(p, q, rect)]
    return found


def test_the_crossing_check_finds_a_crossing():
    assert crosses((0, 0), (10, 10), (4, 4, 6, 6))
    assert not crosses((0, 0), (10, 0), (4, 4, 6, 6))
    assert not crosses((5, 0), (5, 4.2), (4, 4, 6, 6))  # ends on the box's edge
    # a straight arrow from the top box to the bottom one goes through the middle box
    root = ET.fromstring(
        '<svg xmlns="http://www.w3.org/2000/svg">'
        '<g id="box-0"><path d="M 0 0 L 20 0 L 20 10 L 0 10 z"/></g>'
        '<g id="box-1"><path d="M 0 30 L 20 30 L 20 40 L 0 40 z"/></g>'
        '<g id="box-2"><path d="M 0 60 L 20 60 L 20 70 L 0 70 z"/></g>'
        '<g id="edge-0-2"><path d="M 10 10 L 10 60"/></g></svg>')
    assert boxes_crossed(root) == [("edge-0-2", "1")]


@st.composite
def dags(draw_from):
    """A random graph with no cycle (edges from a lower id to a higher one), some repeated,
    and boxes of random sizes."""
    n = draw_from(st.integers(2, 12))
    edges = draw_from(st.lists(st.tuples(st.integers(0, n - 2), st.integers(1, n - 1))
                               .filter(lambda e: e[0] < e[1]), min_size=1, max_size=3 * n))
    sizes = {i: (draw_from(st.floats(0.5, 3)), draw_from(st.floats(0.3, 1))) for i in range(n)}
    return sizes, edges


@settings(max_examples=60, deadline=None)
@given(dags())
def test_the_layered_layout_keeps_every_edge_clear_of_other_boxes(graph):
    from prelim_cli.topics.autograd.figure_layout import layered

    sizes, edges = graph
    placed = layered(sizes, edges, gap_x=0.3, gap_y=0.6, stub=0.14)
    assert set(placed.edges) == set(edges)
    for (a, b), line in placed.edges.items():
        assert line[0][1] == placed.boxes[a][1] and line[-1][1] == placed.boxes[b][3]
        assert line[0][1] > line[-1][1]  # every edge points down
        for p, q in zip(line, line[1:]):
            assert not [n for n, box in placed.boxes.items()
                        if n not in (a, b) and crosses(p, q, box, margin=1e-6)]
    for n, m in ((n, m) for n in sizes for m in sizes if n < m):  # no two boxes overlap
        (l1, b1, r1, t1), (l2, b2, r2, t2) = placed.boxes[n], placed.boxes[m]
        assert r1 <= l2 + 1e-9 or r2 <= l1 + 1e-9 or t1 <= b2 + 1e-9 or t2 <= b1 + 1e-9


SHARED = ["sum(sigmoid(x) * x)", "sum(x*x + x)", "dot(x, x) + sum(sigmoid(x) * x * x)",
          "sum(exp(x) * sin(x) + x * x)", "sum(tanh(x) * sigmoid(x) * exp(x) + x)",
          "sum(relu(x) * x + sigmoid(x * x) * x)"]


@pytest.mark.parametrize("expression", SHARED)
def test_no_edge_of_the_backward_graph_passes_through_another_box(expression, tmp_path):
    target = str(tmp_path / "g.svg")
    root = draw("autograd", "grad", expression, "--graph", target)
    graph = prelim_json("autograd", "grad", expression)["graph"]
    drawn = {name.removeprefix("edge-") for name in groups(root, "edge-")}
    assert drawn == {f"{e['from']}-{e['to']}" for e in graph["edges"]}  # every edge, once
    assert len(groups(root, "box-")) == len(graph["nodes"])
    assert boxes_crossed(root) == []


def test_long_edges_and_constants_of_the_other_graphs_stay_clear_too(tmp_path):
    for args in (["detach"], ["control-flow", "--seed", "0", "--expand"]):
        assert boxes_crossed(draw("autograd", *args, "--graph", str(tmp_path / "g.svg"))) == []


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_an_input_used_twice_says_so_in_words(tmp_path):
    target = str(tmp_path / "g.svg")
    assert "used twice" in texts(draw("autograd", "grad", "sum(x*x + x)", "--graph", target))
    assert "用了两次" in texts(draw("autograd", "grad", "sum(x*x + x)", "--graph", target,
                                lang="zh"))
    # no expression reaches one input three times from one op; a graph made by hand does
    from prelim_cli.topics.autograd.figure import draw_graph
    from prelim_cli.topics.autograd.graph import Graph, Node

    three = Graph([Node(0, "CatBackward0", "op"), Node(1, "AccumulateGrad", "op")], [(0, 1)] * 3)
    draw_graph(three, "y = cat([x, x, x])", "y.grad_fn")(tmp_path / "three.svg")
    assert "used 3 times" in texts(ET.parse(tmp_path / "three.svg").getroot())


def test_the_loop_is_one_box_until_expanded(tmp_path):
    target = str(tmp_path / "g.svg")
    graph = prelim_json("autograd", "control-flow", "--seed", "0")["graph"]
    muls = sum(node["label"] == "MulBackward0" for node in graph["nodes"])
    assert muls >= 3
    shown = "\n".join(texts(draw("autograd", "control-flow", "--seed", "0", "--graph", target)))
    assert f"MulBackward0 × {muls}" in shown and "--expand" in shown
    expanded = texts(draw("autograd", "control-flow", "--seed", "0", "--graph", target,
                          "--expand"))
    assert sum(t.startswith("MulBackward0") for t in expanded) == muls


def test_detach_draws_u_as_a_constant(tmp_path):
    root = draw("autograd", "detach", "--graph", str(tmp_path / "g.svg"))
    assert {"u", "a constant", "no gradient flows here"} <= set(texts(root))
    constant = [g for name, g in groups(root, "edge-").items() if name.startswith("edge-1-")]
    assert any("stroke-dasharray" in g.find(f"{SVG}path").get("style") for g in constant)


# --- every figure: a title, readable text, safe colours, the reader's language ------------

FIGURES = {  # the command, and its <title> in English and in Chinese
    "derivative": (["derivative", "--plot", "{}"],
                   "f(x) and its tangent line at x = 1", "f(x) 及其在 x = 1 处的切线"),
    "autograd plot": (["autograd", "plot", "sin(x)", "--svg", "{}"],
                      "f(x) = sin(x) and its derivative", "f(x) = sin(x) 及其导数"),
    "graph": (["autograd", "grad", "--graph", "{}"],
              "The backward graph of y = 2 * torch.dot(x, x)",
              "y = 2 * torch.dot(x, x) 的反向计算图"),
    "broadcast": (["broadcast", "3,1", "1,2", "--svg", "{}"],
                  "Broadcasting: a + b", "广播：a + b"),
    "broadcast fails": (["broadcast", "3,4", "2,4", "--svg", "{}"],
                        "a + b does not broadcast", "a + b 无法广播"),
    "converge": (["probability", "converge", "--seed", "0", "--groups", "50", "--die",
                  "--svg", "{}"],
                 "Estimates of a fair die's probabilities", "公平骰子各面概率的估计"),
    "sum": (["linalg", "sum", "--axis", "0", "--svg", "{}"],
            "A.sum(axis=0): which cells fold into which", "A.sum(axis=0)：哪些格子加到一起"),
}
FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)px")
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_has_a_title_readable_text_and_safe_colours(name, lang, tmp_path):
    args, english, chinese = FIGURES[name]
    target = str(tmp_path / "f.svg")
    root = draw(*[a.replace("{}", target) for a in args], lang=lang)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == (english if lang == "en" else chinese)
    raw = (tmp_path / "f.svg").read_text()
    sizes = [float(s) for s in FONT_SIZE.findall(raw)]
    assert sizes and min(sizes) >= 12
    assert {c.lower() for c in COLOUR.findall(raw)} <= OKABE_ITO
    assert all(texts(root))  # words are <text>, not glyph outlines
    if lang == "zh" and name not in ("derivative", "converge"):  # the book's labels stay
        assert any(re.search(r"[\u4e00-\u9fff]", t) for t in texts(root))


@pytest.mark.parametrize("name", ["broadcast fails", "sum"])
def test_new_figures_are_reproducible(name, tmp_path):
    args = FIGURES[name][0]
    for file in ("a.svg", "b.svg"):
        draw(*[a.replace("{}", str(tmp_path / file)) for a in args])
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


# --- sums along an axis --------------------------------------------------------------------

def cells_by_colour(root: ET.Element) -> dict[str, list[float]]:
    """The numbers of the picture's cells, grouped by the fill colour of the cell around
    them (cell patches and their numbers come in drawing order)."""
    fills = [re.search(r"fill: (#[0-9a-f]{6})", p.get("style", ""))
             for p in root.iter(f"{SVG}path") if "fill-opacity: 0.6" in p.get("style", "")]
    numbers = [float(t) for t in texts(root) if re.fullmatch(r"-?\d+\.\d*", t)]
    assert len(fills) == len(numbers)
    grouped: dict[str, list[float]] = {}
    for fill, number in zip(fills, numbers):
        grouped.setdefault(fill[1], []).append(number)
    return grouped


@pytest.mark.parametrize("axis, keepdims", [("0", False), ("1", False), ("1", True),
                                            ("0,1", False), ("-1", True)])
def test_the_sum_picture_colours_each_cell_like_the_cell_it_adds_into(axis, keepdims,
                                                                       tmp_path):
    import numpy as np

    A = np.arange(20, dtype=np.float32).reshape(5, 4)  # the book's A
    target = str(tmp_path / "s.svg")
    keep = ["--keepdims"] if keepdims else []
    root = draw("linalg", "sum", "--axis", axis, *keep, "--svg", target)
    axes = tuple(int(a) for a in axis.split(","))
    expected = A.sum(axis=axes).ravel()
    groups = cells_by_colour(root)
    assert len(groups) == len(expected)  # one colour per result cell (at most 5 here)
    for numbers in groups.values():  # A's cells of a colour, then the result cell of it
        *cells, total = numbers
        assert total == pytest.approx(sum(cells))
    assert sorted(numbers[-1] for numbers in groups.values()) == sorted(expected)
    labels = [t for t in texts(root) if t.startswith("A")]
    if axes == (0,):
        assert labels[-4:] == [f"A[:, {j}].sum()" for j in range(4)]
    if axes in ((1,), (-1,)):
        assert labels[-5:] == [f"A[{i}, :].sum()" for i in range(5)]


def test_the_sum_picture_needs_one_axis_and_a_small_matrix(tmp_path):
    target = str(tmp_path / "s.svg")
    result = prelim("linalg", "sum", "--svg", target)
    assert result.exit_code == 2 and "add --axis 0" in result.stderr
    result = prelim("linalg", "sum", "--shape", "2,3,4", "--axis", "0", "--svg", target)
    assert result.exit_code == 1 and "vector or a matrix" in result.stderr
    result = prelim("linalg", "sum", "--shape", "30,30", "--axis", "0", "--svg", target)
    assert result.exit_code == 1 and "900 cells" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_clash_diagram_is_reported_in_the_error_document(tmp_path):
    import json

    import jsonschema

    from prelim_cli import contract

    target = tmp_path / "clash.svg"
    result = prelim("broadcast", "3,4", "2,4", "--svg", str(target), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    jsonschema.Draft202012Validator(contract.schema()).validate(doc)
    assert doc["ok"] is False and doc["files"] == [
        {"option": "--svg", "path": str(target), "kind": "figure",
         "bytes": target.stat().st_size}]
