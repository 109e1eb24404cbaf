"""prelim autograd: every demo of §2.5 against the values the book prints, gradients
against calculus and finite differences, the graph against the one PyTorch builds for
the shown code, and every failure mode."""

import json
import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import exported_and_shown, prelim, prelim_json, values
from prelim_cli.topics.autograd import lessons as autograd


def step(doc, key, nth=0):
    return [s for s in doc["steps"] if s["key"] == key][nth]


def labels(doc):
    return sorted(node["label"] for node in doc["graph"]["nodes"])


def refused(result, *words):
    """Exit 1, one 'Error:' line naming the problem, no traceback."""
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stdout + result.stderr
    for word in words:
        assert word in result.stderr
    return result.stderr


# --- grad: the book's example ---------------------------------------------------------

def test_grad_book_default_is_the_books_session():
    result = prelim("autograd", "grad", "-f", "repr")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        ">>> x = torch.arange(4.0)\n>>> x\ntensor([0., 1., 2., 3.])\n\n"
        ">>> x.requires_grad_(True)\ntensor([0., 1., 2., 3.], requires_grad=True)\n\n"
        ">>> x.grad\n\n"  # None: the session prints nothing
        ">>> y = 2 * torch.dot(x, x)\n>>> y\ntensor(28., grad_fn=<MulBackward0>)\n\n"
        ">>> y.backward()\n>>> x.grad\ntensor([ 0.,  4.,  8., 12.])\n\n")
    assert ">>> x.grad == 4 * x\ntensor([True, True, True, True])\n" in result.stdout
    assert ">>> show(y.grad_fn)\nMulBackward0\n  DotBackward0\n    AccumulateGrad\n" \
           "    AccumulateGrad\n" in result.stdout


def test_grad_book_json_values():
    doc = prelim_json("autograd", "grad", "2*dot(x, x)", "--x", "0,1,2,3")
    assert doc["command"] == "autograd grad"
    assert step(doc, "autograd.x")["value"]["data"] == [0.0, 1.0, 2.0, 3.0]
    assert step(doc, "autograd.x")["value"]["dtype"] == "float32"
    assert step(doc, "autograd.requires_grad")["value"]["requires_grad"] is True
    assert step(doc, "autograd.grad_none")["value"] is None
    y = step(doc, "autograd.forward")["value"]
    assert (y["data"], y["grad_fn"]) == (28.0, "MulBackward0")
    assert step(doc, "autograd.backward")["value"]["data"] == [0.0, 4.0, 8.0, 12.0]
    assert step(doc, "autograd.book_check")["value"]["data"] == [True] * 4
    assert step(doc, "autograd.fd")["value"]["data"] == pytest.approx([0, 4, 8, 12], abs=1e-6)
    assert doc["max_difference"] < 1e-6
    assert step(doc, "autograd.fd_max")["value"]["data"] == doc["max_difference"]


def test_grad_other_points_use_a_float_literal():
    doc = prelim_json("autograd", "grad", "--x", "-1.5,0,2")
    assert step(doc, "autograd.x")["code"] == "x = torch.tensor([-1.5, 0.0, 2.0])\nx"
    assert step(doc, "autograd.backward")["value"]["data"] == [-6.0, 0.0, 8.0]  # 4x
    assert prelim_json("autograd", "grad", "--x", "[0, 1]")["steps"][0]["code"] == \
        "x = torch.arange(2.0)\nx"


def test_grad_non_scalar_explains_then_sums():
    doc = prelim_json("autograd", "grad", "x*x", "--x", "0,1,2,3")
    error = step(doc, "autograd.nonscalar")["value"]
    assert error == {"type": "error", "error": "RuntimeError",
                     "message": "grad can be implicitly created only for scalar outputs"}
    summed = step(doc, "autograd.sum_backward")
    assert summed["code"] == "y.sum().backward()\nx.grad"
    assert summed["value"]["data"] == [0.0, 2.0, 4.0, 6.0]
    ones = step(doc, "autograd.ones_backward")
    assert "y.backward(gradient=torch.ones(len(y)))" in ones["code"]
    assert ones["value"]["data"] == [0.0, 2.0, 4.0, 6.0]
    assert step(doc, "autograd.zero")["value"]["data"] == [0.0] * 4
    assert "f = lambda x: (x * x).sum()" in step(doc, "autograd.fd")["code"]
    assert doc["max_difference"] < 1e-6


def test_grad_of_one_element_backpropagates_directly():
    doc = prelim_json("autograd", "grad", "x*x", "--x", "3")
    assert step(doc, "autograd.backward")["value"]["data"] == [6.0]
    assert "autograd.nonscalar" not in [s["key"] for s in doc["steps"]]


def test_expression_starting_with_minus_and_points_starting_with_minus():
    doc = prelim_json("autograd", "grad", "-x**2", "--x", "-1,2")
    assert step(doc, "autograd.sum_backward")["value"]["data"] == [2.0, -4.0]  # -2x


# --- gradients against calculus and finite differences ------------------------------

def sig(v):
    return 1 / (1 + np.exp(-v))


# expression -> its gradient (of the output, summed when the output is a vector)
ANALYTIC = {
    "2*dot(x, x)": lambda v: 4 * v,
    "x*x": lambda v: 2 * v,
    "3*x**2 - 4*x": lambda v: 6 * v - 4,
    "x**3 - 1/x": lambda v: 3 * v**2 + 1 / v**2,
    "sin(x)": np.cos,
    "exp(x) * log(x)": lambda v: np.exp(v) * np.log(v) + np.exp(v) / v,
    "sqrt(x)": lambda v: 0.5 / np.sqrt(v),
    "tanh(x)": lambda v: 1 - np.tanh(v) ** 2,
    "sigmoid(x)": lambda v: sig(v) * (1 - sig(v)),
    "norm(x)": lambda v: v / np.linalg.norm(v),
    "mean(x*x)": lambda v: 2 * v / len(v),
    "sum(x) * x": lambda v: np.full_like(v, 2 * v.sum()),  # d/dx_j sum_i (S x_i) = 2S
}


def gradient(demo):
    key = next(s.key for s in reversed(demo.steps)
               if s.key in ("autograd.backward", "autograd.ones_backward"))
    return np.array(next(s for s in demo.steps if s.key == key).value.data)


@pytest.mark.parametrize("text", sorted(ANALYTIC))
def test_gradient_matches_calculus_at_the_book_point(text):
    points = [0.5, 1.0, 2.0, 3.0]  # away from 0, where sqrt and log are not differentiable
    demo = autograd.gradient(text, ",".join(map(str, points)))
    # it did not fail: a demo that fails raises PrelimError
    np.testing.assert_allclose(gradient(demo), ANALYTIC[text](np.array(points)), rtol=1e-5)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(ANALYTIC)),
       st.lists(st.floats(0.25, 3.0), min_size=1, max_size=5))
def test_gradient_matches_calculus_and_finite_differences(text, points):
    demo = autograd.gradient(text, ",".join(map(repr, points)))
    at = np.array(points, dtype=np.float32).astype(np.float64)  # x is float32
    expected = ANALYTIC[text](at)
    np.testing.assert_allclose(gradient(demo), expected, rtol=1e-4, atol=1e-5)
    assert demo.extra["max_difference"] <= 1e-3 * (1 + np.abs(expected).max())
    assert "autograd.fd_max" in [s.key for s in demo.steps]


def test_a_kink_is_reported_not_hidden():
    doc = prelim_json("autograd", "grad", "relu(x)", "--x", "-1,0,1")
    assert step(doc, "autograd.sum_backward")["value"]["data"] == [0.0, 0.0, 1.0]
    kink = step(doc, "autograd.fd_kink")
    assert kink["label"] == "They disagree at x[1] = 0"
    assert "autograd gives 0 and finite differences 0.5" in kink["explanation"]
    assert doc["max_difference"] == pytest.approx(0.5)


def test_rounding_in_finite_differences_is_not_called_a_kink():
    # x*x at 1e10: f is 1e20, and f(x + h) - f(x - h) with h = 1e-6 is float64 rounding
    doc = prelim_json("autograd", "grad", "x*x", "--x", "1e10")
    assert step(doc, "autograd.backward")["value"]["data"] == [2e10]  # 2x, exact in float32
    noise = step(doc, "autograd.fd_noise")
    assert noise["label"] == "Finite differences cannot check x[0] = 1e+10"
    assert "autograd's 2e+10 is the value to trust" in noise["explanation"]
    assert "autograd.fd_kink" not in [s["key"] for s in doc["steps"]]


def test_a_nan_finite_difference_is_a_kink_not_rounding():
    # x**x at 0: PyTorch's gradient is 0, but (-h)**(-h) is nan: the edge of f's domain
    doc = prelim_json("autograd", "grad", "x**x", "--x", "0")
    assert step(doc, "autograd.fd")["value"]["data"] == ["nan"]
    assert step(doc, "autograd.fd_kink")["label"] == "They disagree at x[0] = 0"
    assert "x64, h = x.detach().double(), 1e-6\n" in step(doc, "autograd.fd")["code"]


# --- the graph --------------------------------------------------------------------------

def test_graph_of_the_books_expression():
    graph = prelim_json("autograd", "grad")["graph"]
    assert [(n["id"], n["label"], n["kind"]) for n in graph["nodes"]] == [
        (0, "MulBackward0", "op"), (1, "DotBackward0", "op"), (2, "AccumulateGrad", "op"),
        (3, "x", "leaf")]
    leaf = graph["nodes"][3]
    assert (leaf["value"], leaf["grad"]) == ([0.0, 1.0, 2.0, 3.0], [0.0, 4.0, 8.0, 12.0])
    # dot(x, x) uses x twice: the gradient reaches x's AccumulateGrad along two edges
    assert graph["edges"] == [{"from": 0, "to": 1}, {"from": 1, "to": 2}, {"from": 1, "to": 2},
                              {"from": 2, "to": 3}]


def book_graph(build):
    """The backward functions PyTorch builds for the code itself, typed here by hand."""
    x = torch.arange(4.0, requires_grad=True)
    y = build(x)
    y = y if y.dim() == 0 else y.sum()
    found, stack = set(), [y.grad_fn]
    while stack:
        fn = stack.pop()
        found.add(type(fn).__name__)
        stack += [n for n, _ in fn.next_functions if n is not None]
    return found | {"x"}


@pytest.mark.parametrize("text, build", [
    ("x ** 2", lambda x: x ** 2),                     # PowBackward0, not PowBackward1
    ("1 - x", lambda x: 1 - x),                       # RsubBackward1
    ("1 / x", lambda x: 1 / x),                       # ReciprocalBackward0 and MulBackward0
    ("2 ** x", lambda x: 2 ** x),                     # PowBackward2
    ("2*pi*x + e", lambda x: 2 * torch.pi * x + torch.e),
    ("sin(x) * exp(-x)", lambda x: torch.sin(x) * torch.exp(-x)),
    ("2*dot(x, x)", lambda x: 2 * torch.dot(x, x)),
])
def test_graph_is_the_one_the_shown_code_builds(text, build):
    doc = prelim_json("autograd", "grad", text, "--x", "1,2,3,4")
    assert set(labels(doc)) == book_graph(build)
    assert labels(doc).count("AccumulateGrad") == 1


def test_graph_ids_are_stable_and_in_walk_order():
    first = prelim_json("autograd", "grad", "x*x + sin(x)")["graph"]
    assert first == prelim_json("autograd", "grad", "x*x + sin(x)")["graph"]
    assert [n["id"] for n in first["nodes"]] == list(range(len(first["nodes"])))
    assert first["nodes"][0]["label"] == "SumBackward0"


@pytest.mark.parametrize("suffix", [".svg", ".dot"])
def test_graph_file_is_deterministic(tmp_path, suffix):
    one, two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    for path in (one, two):
        doc = prelim_json("autograd", "grad", "--graph", str(path))
        assert step(doc, "autograd.graph")["label"] == f"The backward graph → {path}"
    assert one.read_bytes() == two.read_bytes()
    text = one.read_text()
    for label in ("MulBackward0", "DotBackward0", "AccumulateGrad", "grad  [0, 4, 8, 12]"):
        assert label in text
    if suffix == ".dot":
        assert text.startswith("digraph backward {") and "n1 -> n2;" in text
    else:
        assert text.startswith("<?xml") and "<text" in text


def test_graph_force_overwrites(tmp_path):
    target = tmp_path / "g.svg"
    target.write_text("old")
    refused(prelim("autograd", "grad", "--graph", str(target)), "file exists", "--force")
    assert target.read_text() == "old"
    assert prelim("autograd", "grad", "--graph", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("<?xml")


# --- accumulate and detach ------------------------------------------------------------

def test_accumulate_adds_until_zeroed():
    doc = prelim_json("autograd", "accumulate")
    assert step(doc, "autograd.acc_first")["value"]["data"] == [1.0] * 4
    assert step(doc, "autograd.acc_second")["value"]["data"] == [2.0] * 4
    assert step(doc, "autograd.zero")["value"]["data"] == [0.0] * 4
    assert step(doc, "autograd.acc_zeroed")["value"]["data"] == [1.0] * 4
    assert step(doc, "autograd.dot_backward")["value"]["data"] == [0.0, 4.0, 8.0, 12.0]
    again = step(doc, "autograd.second_backward")["value"]
    assert again["error"] == "RuntimeError"
    assert again["message"].startswith("Trying to backward through the graph a second time")
    retained = step(doc, "autograd.retain")
    assert "y.backward(retain_graph=True)" in retained["code"]
    assert retained["value"]["data"] == [0.0, 8.0, 16.0, 24.0]  # 2 * 4x


def test_detach_is_the_books_demo():
    doc = prelim_json("autograd", "detach")
    assert step(doc, "autograd.detach")["value"]["data"] == [0.0, 1.0, 4.0, 9.0]
    assert "requires_grad" not in step(doc, "autograd.detach")["value"]  # no history
    assert step(doc, "autograd.detach_z")["value"]["grad_fn"] == "MulBackward0"
    assert step(doc, "autograd.detach_backward")["value"]["data"] == [0.0, 1.0, 4.0, 9.0]
    assert step(doc, "autograd.detach_check")["value"]["data"] == [True] * 4
    assert step(doc, "autograd.detach_y")["value"]["data"] == [0.0, 2.0, 4.0, 6.0]
    assert step(doc, "autograd.check_2x")["value"]["data"] == [True] * 4
    # u is not in z's graph: x is the only leaf
    assert labels(doc) == ["AccumulateGrad", "MulBackward0", "SumBackward0", "x"]


# --- control flow -----------------------------------------------------------------------

def books_f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


@pytest.mark.parametrize("seed", range(25))
def test_control_flow_identity_for_many_seeds(seed):
    doc = prelim_json("autograd", "control-flow", "--seed", str(seed))
    torch.manual_seed(seed)
    a = torch.randn(size=(), requires_grad=True)
    d = books_f(a)
    d.backward()
    assert step(doc, "autograd.cf_randn")["value"]["data"] == a.item()
    assert step(doc, f"autograd.cf_run_{doc['branch']}")["value"]["data"] == d.item()
    assert doc["branch"] == ("if" if a.item() > 0 else "else")
    # |2a| * 2^n first reaches 1000 after n doublings
    assert doc["iterations"] == max(0, math.ceil(math.log2(1000 / abs(2 * a.item()))))
    k = 2 ** (doc["iterations"] + 1) * (1 if doc["branch"] == "if" else 100)
    assert step(doc, "autograd.cf_backward")["value"]["data"] == a.grad.item() == k
    same = step(doc, "autograd.cf_check")["value"]["data"]
    assert same == (a.grad == d / a).item()
    if doc["branch"] == "if":
        assert same is True  # doubling is exact in float32
    if not same:  # 100 * b rounds: equal up to float32 rounding
        assert step(doc, "autograd.cf_isclose")["value"]["data"] is True
    muls = labels(doc).count("MulBackward0")
    assert muls == 1 + doc["iterations"] + (doc["branch"] == "else")


def test_control_flow_book_code_and_seed_shown():
    doc = prelim_json("autograd", "control-flow")
    assert step(doc, "autograd.seed")["code"] == f"torch.manual_seed({doc['seed']});"
    assert step(doc, "autograd.cf_def")["code"].startswith(
        "def f(a):\n    b = a * 2\n    while b.norm() < 1000:")
    assert step(doc, "autograd.cf_randn")["code"] == \
        "a = torch.randn(size=(), requires_grad=True)\na"


def test_control_flow_with_a_given_value():
    doc = prelim_json("autograd", "control-flow", "--a", "-0.5")
    assert step(doc, "autograd.cf_a")["code"] == "a = torch.tensor(-0.5, requires_grad=True)\na"
    assert (doc["branch"], doc["iterations"]) == ("else", 10)  # |b| = 1 -> 1024
    assert step(doc, "autograd.cf_backward")["value"]["data"] == 100 * 2 ** 11
    assert step(doc, "autograd.cf_check")["value"]["data"] is True
    assert "seed" not in doc


# --- plot -------------------------------------------------------------------------------

def test_plot_sin_derivative_is_cos_from_autograd(tmp_path):
    target = tmp_path / "sin.svg"
    doc = prelim_json("autograd", "plot", "sin(x)", "--range", "-6.3:6.3", "--svg", str(target))
    assert step(doc, "autograd.plot_x")["code"] == \
        "x = torch.linspace(-6.3, 6.3, 201, requires_grad=True)"
    refusal = step(doc, "autograd.plot_numpy")["value"]
    assert refusal["message"].startswith("Can't call numpy() on Tensor that requires grad")
    xs, ys, slopes = (np.array(v["data"]) for v in step(doc, "autograd.plot_samples")["value"])
    np.testing.assert_allclose(xs, np.linspace(-6.3, 6.3, 201)[::50], atol=1e-6)
    np.testing.assert_allclose(ys, np.sin(xs), atol=1e-6)
    np.testing.assert_allclose(slopes, np.cos(xs), atol=1e-6)  # f' without writing cos
    assert "plt.plot(x.detach(), x.grad" in step(doc, "autograd.plot_svg")["code"]
    assert target.read_text().startswith("<?xml")


def test_plot_range_takes_constant_expressions_like_derivative():
    doc = prelim_json("autograd", "plot", "--range=-2*pi:pi")
    assert step(doc, "autograd.plot_x")["code"] == \
        f"x = torch.linspace({-2 * math.pi!r}, {math.pi!r}, 201, requires_grad=True)"


def test_plot_svg_is_deterministic(tmp_path):
    for name in ("a.svg", "b.svg"):
        assert prelim("autograd", "plot", "--range=-2:2", "--svg", str(tmp_path / name)
                      ).exit_code == 0
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_plot_reports_points_outside_the_domain():
    doc = prelim_json("autograd", "plot", "log(x)", "--range", "-1:1")
    gaps = step(doc, "autograd.plot_gaps")
    assert gaps["value"]["data"] == 100  # x < 0 (log undefined) and no point at exactly 0
    assert "x = -1" in gaps["explanation"]


def test_plot_refuses_functions_that_mix_the_points():
    refused(prelim("autograd", "plot", "dot(x, x)"), "dot(...) at column 1", "elementwise")


# --- formats and languages --------------------------------------------------------------

@pytest.mark.parametrize("command", [["grad"], ["grad", "x*x"], ["accumulate"], ["detach"],
                                     ["control-flow", "--seed", "1"], ["plot"]])
def test_every_format_and_language(command):
    table = prelim("autograd", *command)
    assert table.exit_code == 0, table.stderr
    assert f"prelim autograd {command[0]}" in table.stdout
    assert prelim("autograd", *command, "-f", "repr").stdout.startswith(">>> ")
    doc = json.loads(prelim("autograd", *command, "-f", "json").stdout)
    assert doc["lang"] == "en" and all(step["label"] for step in doc["steps"])
    zh = prelim("autograd", *command, "--lang", "zh")
    assert zh.exit_code == 0 and any("\u4e00" <= ch <= "\u9fff" for ch in zh.stdout)


def test_chinese_explanations():
    assert "反向传播" in prelim("autograd", "grad", "--lang", "zh").stdout
    assert "梯度清零" in prelim("autograd", "accumulate", "--lang", "zh").stdout


def test_table_shows_none_for_a_missing_gradient():
    out = prelim("autograd", "grad").stdout
    assert "x.grad is None until" in out and "NaN" not in out


# --- failure modes ----------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["grad", "x + y"], ["unknown name 'y' at column 5", "variables here: x"]),
    (["grad", "2*3"], ["does not use x"]),
    (["grad", "x", "--x", "1,,2"], ["--x '1,,2' is not a list of numbers", "0,1,2,3"]),
    (["grad", "x", "--x", "1,a"], ["--x '1,a' is not a list of numbers"]),
    (["grad", "x", "--x", ""], ["--x '' is empty"]),
    (["grad", "x", "--x", " [ ] "], ["is empty"]),
    (["grad", "x", "--x", "[1,2],[3,4]"], ["flat list"]),
    (["grad", "x*x", "--x", "1,nan"], ["nan is not a finite number"]),
    (["grad", "x*x", "--x", "1e39"], ["too large for float32"]),
    (["grad", "x", "--x", "2"], ["'x' is x itself", "x*x"]),
    (["grad", "+x"], ["'+x' is x itself"]),
    (["grad", "x", "--x", ",".join(["1"] * 1001)], ["1001 values (limit 1000"]),
    (["grad", "dot(x, 2)"], ["dot needs two 1-D tensors", "the number 2 at column 1"]),
    (["grad", "x", "--graph", "g.png"], ["unknown extension '.png'", ".svg, .dot"]),
    (["grad", "x", "--graph", "no/such/folder/g.svg"], ["does not exist"]),
    (["control-flow", "--a", "0"], ["--a 0.0 is 0", "never ends"]),
    (["control-flow", "--a", "1e-50"], ["rounds to 0 in float32"]),
    (["control-flow", "--a", "1e39"], ["not a finite float32 number"]),
    (["control-flow", "--a", "1", "--seed", "1"], ["give one of them"]),
    (["plot", "--range", "5:1"], ["the start must be less than the end"]),
    (["plot", "--range", "5"], ["START:END"]),
    (["plot", "--range", "-inf:1"], ["--range -inf:1: '-inf' is not a number"]),
    (["plot", "--range", "1:1e39"], ["too wide for float32"]),
    (["plot", "--range", "-3e38:3e38"], ["too wide for float32"]),
    (["plot", "--range", "1:1.00000001"], ["the same number in float32"]),
    (["plot", "--range", "0:x"], ["'x' is not a number"]),
    (["control-flow", "--seed", "99999999999999999999999"], ["torch.manual_seed takes"]),
    (["plot", "--svg", "f.png"], ["unknown extension '.png'"]),
])
def test_bad_input_is_refused(args, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused(prelim("autograd", *args), *words)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text, points, words", [
    ("sqrt(x)", "0,1,2,3", ["sqrt(x) is not finite at x[0] = 0",
                            "the derivative of sqrt(x) is inf", "1/(2*sqrt(u))"]),
    ("log(x)", "0,1,2,3", ["at x[0] = 0", "log(x) is -inf there"]),
    ("log(x)", "1,-2", ["at x[1] = -2", "log(x) is nan there", "undefined for u < 0"]),
    ("1/x", "2,0", ["at x[1] = 0", "1/x is inf there", "division by zero"]),
    ("exp(x)", "100", ["exp(x) is inf there", "overflows float32"]),
    ("(x - 2)**0.5", "3,0", ["at x[1] = 0", "is nan there", "fractional power"]),
    # constant parts run as the shown code runs them: torch.tensor(1, ...) / 0 is inf
    ("1/0 * x", "1,2", ["at x[0] = 1", "1/0 is inf there", "division by zero"]),
    ("1e300**2 * x", "1", ["1e300**2 is inf there", "overflows float32"]),
])
def test_non_finite_gradients_are_reported(text, points, words, tmp_path):
    target = tmp_path / "g.svg"
    result = prelim("autograd", "grad", text, "--x", points, "--graph", str(target))
    refused(result, *words)
    assert "x.grad" in result.stdout  # the steps are shown, inf and all, before the error
    assert not target.exists()
    doc = json.loads(prelim("autograd", "grad", text, "--x", points, "-f", "json").stdout)
    assert doc["error"]["message"].startswith(f"the gradient of {text} is not finite")
    shown = [v for value in values(doc) if isinstance(value, dict) and "data" in value
             for v in np.ravel(value["data"])]
    assert any(v in ("inf", "-inf", "nan") for v in shown)


def test_constant_parts_run_as_the_shown_code_runs_them():
    # sin(1) is Python's math.sin(1); sigmoid(2) exists only in torch, so it gets a tensor
    # of x's dtype. The session's y is exactly what prelim evaluates.
    doc = prelim_json("autograd", "grad", "sigmoid(2)*x + sin(1)*x", "--x", "0,1")
    assert step(doc, "autograd.forward")["code"] == (
        "y = torch.sigmoid(torch.tensor(2, dtype=torch.float32)) * x + math.sin(1) * x\ny")
    slope = 1 / (1 + math.exp(-2)) + math.sin(1)
    assert step(doc, "autograd.sum_backward")["value"]["data"] == pytest.approx([slope] * 2)
    assert "torch.tensor(2, dtype=torch.float64)" in step(doc, "autograd.fd")["code"]


@pytest.mark.parametrize("args", [
    ["grad"], ["grad", "x*x", "--x", "0,1,2,3"], ["grad", "sigmoid(2)*x + 1/x", "--x", "1,2"],
    ["accumulate"], ["detach"], ["control-flow", "--seed", "3"], ["plot", "x**3 - x"],
])
def test_exported_script_prints_what_the_session_showed(args, tmp_path):
    """The shown code, run as a script (prelim's own generated code, never user input),
    prints every value the session showed: the demo computed what it shows."""
    printed, session = exported_and_shown(["autograd", *args], tmp_path)
    assert printed.split() == session.split()
