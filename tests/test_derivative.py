"""prelim derivative (§2.4 calculus): the book's numbers, derivatives worked out by hand,
independent re-computations (Python floats, numpy float32), the tangent figure, and
every bad input the issue lists."""

import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SRC, exported_and_shown, prelim, prelim_json

BOOK_LINES = """\
h=0.10000, numerical limit=2.30000
h=0.01000, numerical limit=2.03000
h=0.00100, numerical limit=2.00300
h=0.00010, numerical limit=2.00030
h=0.00001, numerical limit=2.00003"""

BOOK_LOOP = """\
>>> h = 0.1
>>> for i in range(5):
...     print(f'h={h:.5f}, numerical limit={numerical_lim(f, x, h):.5f}')
...     h *= 0.1
""" + BOOK_LINES


def steps(doc: dict) -> dict:
    return {step["key"]: step for step in doc["steps"]}


def failure(*args: str):
    """Run a command that must fail cleanly; return its stderr."""
    result = prelim("derivative", *args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stdout + result.stderr
    return result.stderr


# --- the book's page ------------------------------------------------------------------

def test_the_books_numerical_limits_exactly():
    out = prelim("derivative", "3*x**2 - 4*x", "--at", "1", "-f", "repr").stdout
    assert BOOK_LOOP in out
    assert ">>> def f(x):\n...     return 3 * x ** 2 - 4 * x\n" in out
    assert ">>> def numerical_lim(f, x, h):\n...     return (f(x + h) - f(x)) / h\n" in out
    assert ">>> x.grad\ntensor(2., dtype=torch.float64)\n" in out
    assert out.endswith(">>> slope, intercept\n(2.0, -3.0)\n")


def test_no_arguments_is_the_books_example():
    assert prelim("derivative", "-f", "repr").stdout == \
        prelim("derivative", "3*x**2 - 4*x", "--at", "1", "-f", "repr").stdout


def test_json_has_the_numbers():
    doc = prelim_json("derivative")
    assert doc["command"] == "derivative"
    assert doc["function"] == "3*x**2 - 4*x" and doc["point"] == {"x": 1.0}
    assert doc["dtype"] == "float64" and doc["method"] == "forward"
    assert doc["f"] == -1.0 and doc["derivative"] == 2.0 and doc["gradient"] == {"x": 2.0}
    assert doc["tangent"] == {"slope": 2.0, "intercept": -3.0, "equation": "y = 2x - 3"}
    rows = doc["limits"]
    assert [row["h"] for row in rows] == pytest.approx([0.1, 0.01, 1e-3, 1e-4, 1e-5])
    assert [row["forward"] for row in rows] == pytest.approx(
        [2.3, 2.03, 2.003, 2.0003, 2.00003], rel=1e-9)  # f(1+h) - f(1) = 2h + 3h²
    assert [row["forward_error"] for row in rows] == pytest.approx(
        [0.3, 0.03, 3e-3, 3e-4, 3e-5], rel=1e-5)
    assert all(row["exact"] == 2.0 and row["variable"] == "x" for row in rows)
    assert steps(doc)["calculus.limits"]["value"] == BOOK_LINES
    assert steps(doc)["calculus.exact"]["value"]["data"] == 2.0


def test_float64_torch_gives_the_books_python_floats_bit_for_bit():
    def f(x):  # the book's code, in Python floats
        return 3 * x ** 2 - 4 * x

    expected, h = [], 0.1
    for _ in range(12):
        expected.append((f(1 + h) - f(1)) / h)
        h *= 0.1
    rows = prelim_json("derivative", "--steps", "12")["limits"]
    assert [row["forward"] for row in rows] == expected


def test_the_chapters_exercise_tangent(tmp_path):
    target = tmp_path / "t.svg"
    doc = prelim_json("derivative", "x**3 - 1/x", "--at", "1", "--plot", str(target))
    assert doc["derivative"] == 4.0  # 3x² + 1/x² at 1
    assert doc["tangent"]["equation"] == "y = 4x - 4"
    assert steps(doc)["calculus.tangent"]["label"] == "The tangent line: y = 4x - 4"
    assert target.exists() and [(f["option"], f["path"]) for f in doc["files"]] == [
        ("--plot", str(target))]


# f, a, f'(a) and the tangent y = f'(a) x + f(a) - f'(a) a, worked out by hand.
@pytest.mark.parametrize("expression, at, slope, intercept, equation", [
    ("3*x**2 - 4*x", "1", 2.0, -3.0, "y = 2x - 3"),
    ("x**3 - 1/x", "1", 4.0, -4.0, "y = 4x - 4"),
    ("x**3", "-1", 3.0, 2.0, "y = 3x + 2"),
    ("x**2", "-1", -2.0, -1.0, "y = -2x - 1"),
    ("2 - x", "5", -1.0, 2.0, "y = -x + 2"),
    ("0.5*x", "3", 0.5, 0.0, "y = 0.5x"),
    ("1/x", "2", -0.25, 1.0, "y = -0.25x + 1"),
    ("sqrt(x)", "4", 0.25, 1.0, "y = 0.25x + 1"),
    ("log(x)", "1", 1.0, -1.0, "y = x - 1"),
    ("exp(x)", "0", 1.0, 1.0, "y = x + 1"),
    ("sin(x)", "0", 1.0, 0.0, "y = x"),
    ("cos(x)", "0", 0.0, 1.0, "y = 1"),
    ("tanh(x)", "0", 1.0, 0.0, "y = x"),
    ("sigmoid(x)", "0", 0.25, 0.5, "y = 0.25x + 0.5"),
    ("sin(x)", "pi/2", 0.0, 1.0, "y = 1"),  # cos(pi/2) is 6e-17 in floats: shown as 0
    ("t**2", "3", 6.0, -9.0, "y = 6t - 9"),  # in the variable's own name
    ("y**2", "3", 6.0, -9.0, "z = 6y - 9"),  # z = f(y) in the code, so z here too
])
def test_tangent_lines_against_hand_derivatives(expression, at, slope, intercept, equation):
    tangent = prelim_json("derivative", expression, "--at", at)["tangent"]
    assert tangent["slope"] == pytest.approx(slope, abs=1e-15)
    assert tangent["intercept"] == pytest.approx(intercept, abs=1e-15)
    assert tangent["equation"] == equation


def test_negative_points_and_a_leading_minus():
    doc = prelim_json("derivative", "-x**2", "--at", "-1")
    assert doc["point"] == {"x": -1.0} and doc["derivative"] == 2.0  # -2x at -1
    assert doc["tangent"]["equation"] == "y = 2x + 1"
    assert prelim_json("derivative", "x**2", "--at", "x=-0.5")["derivative"] == -1.0


# --- beyond the book: central differences, float32, many steps ------------------------

def test_central_differences_converge_faster():
    doc = prelim_json("derivative", "exp(x)", "--at", "0", "--method", "both")
    rows = doc["limits"]
    # forward error ~ h/2 (10x smaller per row), central ~ h²/6 (100x smaller per row)
    for row, next_row in zip(rows[:3], rows[1:4]):
        assert 9 < row["forward_error"] / next_row["forward_error"] < 11
        assert 90 < row["central_error"] / next_row["central_error"] < 110
    assert rows[0]["forward_error"] == pytest.approx(math.expm1(0.1) / 0.1 - 1)
    assert rows[0]["central_error"] == pytest.approx(math.sinh(0.1) / 0.1 - 1)
    assert all(row["central_error"] < row["forward_error"] for row in rows)
    printed = steps(doc)["calculus.limits"]["value"].splitlines()
    assert printed[0] == "h=0.10000, forward=1.05171, central=1.00167"
    assert steps(doc)["calculus.errors"]["value"].splitlines()[0] == \
        "h=0.1, forward error=5.2e-02, central error=1.7e-03"


def test_central_only():
    doc = prelim_json("derivative", "--method", "central")
    assert "calculus.numerical_lim" not in steps(doc)
    assert steps(doc)["calculus.central_lim"]["code"] == \
        "def central_lim(f, x, h):\n    return (f(x + h) - f(x - h)) / (2 * h)"
    first = steps(doc)["calculus.limits"]["value"].splitlines()[0]
    assert first == "h=0.10000, central difference=2.00000"  # exact for a parabola
    assert set(doc["limits"][0]) == {"variable", "h", "central", "central_error", "exact"}


def float32_quotients(steps_: int) -> list[float]:
    """The book's loop in numpy float32, an independent float32 implementation."""
    def f(x):
        return np.float32(3) * x ** np.float32(2) - np.float32(4) * x

    x, h, out = np.float32(1), 0.1, []
    for _ in range(steps_):
        step = np.float32(h)  # torch casts the Python float h to the tensor's float32
        out.append(float((f(x + step) - f(x)) / step))
        h *= 0.1
    return out


def test_float32_breaks_down_as_h_shrinks():
    doc = prelim_json("derivative", "--dtype", "float32", "--steps", "8")
    rows = doc["limits"]
    assert [row["forward"] for row in rows] == float32_quotients(8)
    errors = [row["forward_error"] for row in rows]
    best = errors.index(min(errors))
    assert best in (2, 3)  # h = 1e-3 or 1e-4, then cancellation takes over
    assert errors[-1] > 0.1 > errors[best] * 100
    assert steps(doc)["calculus.point"]["code"] == \
        "x = torch.tensor(1.0, dtype=torch.float32)\nf(x)"
    # past h = 0.00001 the book's .5f would print h=0.00000: h gets %g, the limit 10 digits
    assert steps(doc)["calculus.limits"]["value"].splitlines()[-1] == \
        "h=1e-08, numerical limit=0.0000000000"


def test_float64_breaks_down_too_with_twelve_steps():
    errors = [row["forward_error"] for row in prelim_json("derivative", "--steps", "12")["limits"]]
    assert min(errors) < 1e-7
    assert errors[-1] > 100 * min(errors)  # h = 1e-12: rounding error ~ eps / h


# --- several variables: the chapter's gradient exercise --------------------------------

def test_gradient_of_the_multivariate_exercise():
    doc = prelim_json("derivative", "3*x1**2 + 5*exp(x2)", "--at", "x1=1,x2=0")
    assert doc["gradient"] == {"x1": 6.0, "x2": 5.0}  # [6 x1, 5 e^x2]
    assert "tangent" not in doc and "derivative" not in doc
    partials = [s for s in doc["steps"] if s["key"] == "calculus.partial"]
    assert [s["label"] for s in partials] == ["Partial derivative in x1",
                                              "Partial derivative in x2"]
    assert "numerical_lim(lambda x2: f(x1, x2), x2, h)" in partials[1]["code"]
    by_var = {var: [r for r in doc["limits"] if r["variable"] == var] for var in ("x1", "x2")}
    assert by_var["x1"][-1]["forward"] == pytest.approx(6.0, abs=1e-4)
    assert by_var["x2"][0]["forward"] == pytest.approx(5 * math.expm1(0.1) / 0.1)
    assert by_var["x2"][-1]["forward"] == pytest.approx(5.0, abs=1e-4)
    gradient = steps(doc)["calculus.gradient"]
    assert gradient["code"].endswith("\nf(x1, x2).backward()\nx1.grad, x2.grad")
    assert [v["data"] for v in gradient["value"]] == [6.0, 5.0]
    out = prelim("derivative", "3*x1**2 + 5*exp(x2)", "--at", "x1=1,x2=0", "-f", "repr").stdout
    assert "(tensor(6., dtype=torch.float64), tensor(5., dtype=torch.float64))" in out
    assert ">>> def f(x1, x2):\n...     return 3 * x1 ** 2 + 5 * torch.exp(x2)" in out


# --- formats and languages ------------------------------------------------------------

def test_table_format_for_people():
    out = prelim("derivative", "x**3 - 1/x", "--at", "1").stdout
    assert out.startswith("prelim derivative\n")
    for text in ("1. The function f(x) = x**3 - 1/x", "Let h shrink", BOOK_LINES.split("\n")[0][:8],
                 "h=0.10000, numerical limit=4.21909", "The tangent line: y = 4x - 4"):
        assert text in out


def test_chinese_explanations():
    out = prelim("derivative", "--lang", "zh").stdout
    assert "切线：y = 2x - 3" in out and "用自动微分求精确导数" in out and "差商" in out
    doc = prelim_json("derivative", "3*x1**2 + 5*exp(x2)", "--at", "x1=1,x2=0", "--lang", "zh")
    assert doc["lang"] == "zh" and steps(doc)["calculus.gradient"]["label"] == "用自动微分求梯度"


def test_no_code():
    doc = prelim_json("derivative", "--no-code")
    assert all("code" not in step for step in doc["steps"])


def test_the_export_runs_and_prints_what_the_demo_showed(tmp_path):
    """The .py export is the session made runnable: same lines, same numbers."""
    script = tmp_path / "d.py"
    result = prelim("derivative", "sqrt(2)*x**2", "--at", "1", "--method", "both", "--plot",
                    str(tmp_path / "t.svg"), "--export", str(script), "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, env={"PYTHONPATH": str(SRC), "PATH": ""})
    assert run.returncode == 0, run.stderr
    assert "import math" in script.read_text()  # math.sqrt(2) in def f
    for key in ("calculus.limits", "calculus.errors_exact"):  # f is quadratic: exact
        assert steps(doc)[key]["value"] in run.stdout
    assert "(2.8284271247461903, -1.4142135623730951)" in run.stdout  # slope 2√2, -√2


# --- the plot --------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def curves(path) -> dict[str, list[tuple[float, float]]]:
    """The two data lines (clipped to the axes) by colour: Okabe-Ito blue for f, reddish
    purple (the book's 'm') for the tangent; legend samples are not clipped."""
    found = {}
    for element in ET.parse(path).getroot().iter(f"{SVG}path"):
        style = element.get("style", "")
        colour = re.search(r"stroke: (#[0-9a-f]{6})", style)
        if element.get("clip-path") and colour and colour[1] in ("#0072b2", "#cc79a7"):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
            found[colour[1]] = list(zip(numbers[::2], numbers[1::2]))
    return found


def test_plot_content(tmp_path):
    target = tmp_path / "tangent.svg"
    prelim_json("derivative", "x**3 - 1/x", "--at", "1", "--plot", str(target))
    root = ET.parse(target).getroot()
    assert (root.get("width"), root.get("height")) == ("252pt", "180pt")  # 3.5 x 2.5 inches
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"x", "f(x)", "Tangent line (x=1)"} <= set(texts)
    lines = curves(target)
    f_line, tangent = lines["#0072b2"], lines["#cc79a7"]
    xs = np.arange(0, 3, 0.1)
    assert len(tangent) == 30 and len(f_line) == 29  # f(0) = -inf leaves a gap
    # the drawn f is f: pixel y is one affine map of x³ - 1/x at every point
    with np.errstate(divide="ignore"):
        fx = xs ** 3 - 1 / xs
    py = np.array([y for _, y in f_line])
    scale, offset = np.polyfit(fx[1:], py, 1)
    np.testing.assert_allclose(scale * fx[1:] + offset, py, atol=0.01)
    # the tangent 4x - 4 under the same map
    np.testing.assert_allclose([y for _, y in tangent], scale * (4 * xs - 4) + offset, atol=0.01)
    assert "stroke-dasharray" in next(p.get("style") for p in root.iter(f"{SVG}path")
                                      if "#cc79a7" in p.get("style", ""))
    assert b"<dc:date>" not in target.read_bytes()


def test_plot_is_deterministic(tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    prelim_json("derivative", "--plot", str(first))
    prelim_json("derivative", "--plot", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_plot_range_and_its_code(tmp_path):
    target = tmp_path / "r.svg"
    doc = prelim_json("derivative", "sin(t)", "--at", "0", "--plot", str(target),
                      "--range", "-pi:pi:0.5")
    plot = steps(doc)["calculus.plot"]
    assert plot["code"].splitlines()[1] == \
        "t = torch.arange(-3.141592653589793, 3.141592653589793, 0.5, dtype=torch.float64)"
    assert "plt.legend(['f(t)', 'Tangent line (t=0)'])" in plot["code"]
    assert len(curves(target)["#cc79a7"]) == 13  # ceil(2 pi / 0.5), as np.arange gives
    assert {"t", "f(t)"} <= {t.text for t in ET.parse(target).getroot().iter(f"{SVG}text")}


def test_plot_of_a_reducing_function_goes_point_by_point(tmp_path):
    doc = prelim_json("derivative", "sum(x) * x", "--at", "1", "--plot", str(tmp_path / "s.svg"))
    assert "plt.plot(x, torch.stack([f(v) for v in x]), '-'" in steps(doc)["calculus.plot"]["code"]
    assert len(curves(tmp_path / "s.svg")["#0072b2"]) == 30


def test_plot_where_f_is_nowhere_defined(tmp_path):
    stderr = failure("log(x)", "--at", "1", "--plot", str(tmp_path / "t.svg"), "--range", "-3:-1")
    assert "log(x) is not finite anywhere on --range -3:-1" in stderr
    assert list(tmp_path.iterdir()) == []


def test_plot_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "t.svg"
    target.write_text("keep me")
    assert "file exists; add --force" in failure("--plot", str(target))
    assert target.read_text() == "keep me"
    prelim_json("derivative", "--plot", str(target), "--force")
    assert target.read_text().startswith("<?xml")


@pytest.mark.parametrize("name, message", [
    ("missing/t.svg", "does not exist; create it first"),
    ("t.png", "unknown extension '.png'; use one of .svg"),
])
def test_plot_target_checked_first(tmp_path, name, message):
    assert message in failure("--plot", str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value, message", [
    ("0-3", "--range 0-3: write start:stop or start:stop:step"),
    ("0:3:1:2", "write start:stop or start:stop:step"),
    ("a:3", "--range a:3: 'a' is not a number"),
    ("3:0", "--range 3:0 is empty: start must be below stop"),
    ("1:1", "--range 1:1 is empty"),
    ("0:3:0", "--range 0:3:0: the step must be positive"),
    ("0:3:-0.1", "the step must be positive"),
    ("0:1000:0.001", "gives 1,000,000 points (limit 10,000); use a larger step"),
])
def test_bad_range(tmp_path, value, message):
    assert message in failure("--plot", str(tmp_path / "t.svg"), "--range", value)
    assert list(tmp_path.iterdir()) == []


# --- refusals -------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["3*x**2 - 4*"], "invalid syntax at column 12: the expression ends after '*'"),
    (["2x"], "'2x' is not a product; write 2*x"),
    (["x + y", "--at", "x=1"], "unknown name 'y' at column 5 (variables here: x); "
                               "give it a value too: --at x=1,y=1"),
    (["foo(x)"], "unknown function 'foo' at column 1"),
    (["x + y", "--at", "1"], "x + y uses 2 variables (x, y); give each a value: --at x=1,y=1"),
    (["x1 + x2"], "give each a value: --at x1=1,x2=1"),
    (["x", "--at", "x=1,y=2"], "--at names y, which x does not use (its variables: x)"),
    (["x", "--at", "1,2"], "x has one variable, x; give one number"),
    (["x", "--at", "x=1,2"], "--at x=1,2: name every value, e.g. --at x=1"),
    (["x", "--at", "x=1,x=2"], "--at x=1,x=2: x is given twice"),
    (["x", "--at", "sin=1"], "--at sin=1: sin is a function, not a variable"),
    (["x", "--at", "2x=1"], "'2x' is not a variable name"),
    (["x", "--at", "abc"], "--at abc: 'abc' is not a number"),
    (["x", "--at", "inf"], "'inf' is not a number"),
    (["x", "--at", "1e999"], "--at 1e999: 1e999 is inf; give a finite number"),
    (["x", "--at", ""], "--at : no number given"),
    (["5"], "5 uses no variable, so it has no derivative to show"),
    (["2*dot(x, x)"], "dot needs two 1-D tensors of the same length, got shape () and shape ()"),
    (["x", "--h", "0"], "h must be a positive number"),
    (["x", "--h", "-0.1"], "h must be a positive number"),
    (["x", "--range", "0:3"], "--range 0:3 sets the x values of the plot; add --plot FILE.svg"),
    (["x1*x2", "--at", "x1=1,x2=2", "--plot", "t.svg"],
     "--plot draws a function of one variable; x1*x2 has 2 (x1, x2)"),
    # names the lesson's code gives its own things: h = 0.1 would overwrite a variable h
    (["h**2"], "h**2: the variable h has the name the code below gives the step; call it "
               "something else, e.g. x"),
    (["f*x", "--at", "f=1,x=2"], "the variable f has the name the code below gives the "
                                 "function"),
    (["x*error_x", "--at", "x=1,error_x=2"], "the variable error_x has the name"),
    (["sin(torch)"], "name 'torch' is not allowed at column 5: the PyTorch code uses it"),
])
def test_bad_input(args, message):
    assert message in failure(*args)


@pytest.mark.parametrize("expression, at, value, why", [
    ("log(x)", "0", "-inf", "is not finite"),
    ("1/x", "0", "inf", "is not finite"),
    ("x**2", "1e+200", "inf", "is not finite"),  # an overflow: not "undefined"
    ("log(x)", "-1", "nan", "is not defined"),
    ("sqrt(x - 2)", "1", "nan", "is not defined"),
])
def test_undefined_point_stops_before_any_table(expression, at, value, why):
    result = prelim("derivative", expression, "--at", at, "-f", "repr")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: f {why} at x={at}: {expression} is {value} "
                                    "there")
    assert result.stderr.endswith("; pick a point where it is finite\n")
    if value != "nan":
        assert "(a pole, or beyond the largest float64, about 1.8e+308)" in result.stderr
    assert "numerical limit" not in result.stdout  # no NaN table
    assert result.stdout.rstrip().endswith(f"tensor({value}, dtype=torch.float64)")


@pytest.mark.parametrize("expression, at, left, right", [
    ("abs(x)", "0", "-1", "1"),
    ("relu(x)", "0", "0", "1"),
    ("2*abs(x - 1)", "1", "-2", "2"),
    ("sqrt(abs(x))", "0", "-1000", "1000"),
])
def test_kinks_are_not_differentiable(expression, at, left, right):
    result = prelim("derivative", expression, "--at", at, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {expression} is not differentiable at x={at}: "
                                    f"the difference quotients from the left ({left}) and "
                                    f"from the right ({right}) do not approach the same number")
    doc = json.loads(result.stdout)
    assert doc["error"] == {"message": result.stderr.removeprefix("Error: ").rstrip(), "code": 1}
    assert doc["steps"][-1]["key"] == "calculus.one_sided"
    assert "calculus.exact" not in steps(doc)  # PyTorch would say abs'(0) = 0
    assert doc["one_sided"]["left"] == pytest.approx(float(left), rel=1e-3)


def test_a_point_at_the_edge_of_the_domain():
    stderr = failure("sqrt(x)", "--at", "0")
    assert "sqrt(x) is not differentiable at x=0: f is not defined to the left of it " \
           "(f(x - h) is nan for h = 1e-06)" in stderr


def test_a_kink_in_one_variable_of_several():
    stderr = failure("abs(x1) + x2", "--at", "x1=0,x2=1")
    assert stderr.startswith("Error: abs(x1) + x2 is not differentiable in x1 at x1=0, x2=1")


@pytest.mark.parametrize("expression, at", [
    ("abs(x) * x", "0"),  # differentiable at 0, derivative 0
    ("abs(x)", "1e-9"),  # the kink is not at the point
    ("1e9 + x", "0"),  # rounding noise in f is not a kink
    ("sin(x)", "1e6"),
    ("sqrt(x)", "1e-12"),
])
def test_smooth_points_are_differentiable(expression, at):
    assert "tangent" in prelim_json("derivative", expression, "--at", at)


def test_autograd_nan_where_the_quotients_settle():
    stderr = failure("sqrt(x**4)", "--at", "0")  # x² written so that backward meets inf * 0
    assert stderr == ("Error: autograd gives nan for the derivative of sqrt(x**4) at x=0, "
                      "while the difference quotient is 1e-05 at h=1e-05: backpropagation met "
                      "an undefined step inside f (such as sqrt'(0) = inf times 0); "
                      "simplify f\n")


def test_autograd_overflow_in_float32():
    stderr = failure("1/x", "--at", "1e-20", "--dtype", "float32")  # -1/x² = -1e40
    assert stderr.startswith("Error: autograd gives -inf for the derivative of 1/x at "
                             "x=1e-20: the slope is infinite there, or too large for float32")


def test_usage_errors_exit_2():
    for args in (["--steps", "13"], ["--steps", "0"], ["--method", "sideways"],
                 ["--dtype", "int64"]):
        result = prelim("derivative", *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("expression", [
    "__import__('os').system('touch PWNED')",
    "x.__class__.__bases__",
    "(lambda: 0)()",
    "open('PWNED', 'w')",
    "9**9**9",
])
def test_malicious_expressions_are_refused_and_do_nothing(expression, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    stderr = failure(expression, "--at", "1", "--plot", "t.svg")
    assert "column" in stderr or "limit" in stderr
    assert list(tmp_path.iterdir()) == []


# --- any function, any point: a lesson or a clear error, never a crash ------------------

FUNCTIONS = ["sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "relu"]
leaves = st.one_of(st.just("x"), st.integers(0, 9).map(str), st.sampled_from(["0.5", "pi"]))
formulas = st.recursive(leaves, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(
        lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
    st.tuples(st.sampled_from(FUNCTIONS), inner).map(lambda t: f"{t[0]}({t[1]})"),
), max_leaves=6)


@settings(max_examples=60, deadline=None)
@given(formulas.filter(lambda text: re.search(r"\bx\b", text)),
       st.sampled_from(["0", "1", "-0.5", "2"]), st.sampled_from(["forward", "both"]))
def test_any_formula_gives_a_lesson_or_a_clear_error(formula, at, method):
    result = prelim("derivative", formula, "--at", at, "--method", method, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: ")
        return
    doc = json.loads(result.stdout)
    assert math.isfinite(doc["derivative"]) and math.isfinite(doc["f"])
    assert doc["tangent"]["equation"].startswith("y = ")


def test_help_stays_light():
    from test_startup import loaded_heavy_modules

    line, out = loaded_heavy_modules("derivative", "--help")
    assert line == "HEAVY: []"
    assert "--at" in out and "--plot" in out and "prelim derivative" in out


# --- the code shown is the code that ran ----------------------------------------------

@pytest.mark.parametrize("args", [
    ["3*x**2 - 4*x"],
    ["y**3 - 1/y", "--at", "2"],  # y is the variable: f(a) is called z in the code
    ["x*y + sin(y)", "--at", "x=1,y=2", "--method", "both"],
    ["sigmoid(2)*x**2 + sqrt(2)*x", "--dtype", "float32"],  # constant tensors are float32
    ["sum(x)*x", "--at", "1", "--method", "central"],
])
def test_exported_script_prints_what_the_session_showed(args, tmp_path):
    """--export writes the steps' code as a script; run here, it must print every value
    the session showed. (prelim's own generated code, never user input.)"""
    printed, session = exported_and_shown(["derivative", *args], tmp_path)
    assert printed.split() == session.split()


def test_huge_quotients_are_printed_in_g_not_hundreds_of_decimals():
    # exp'(709) = exp(709) ~ 8.2e307: the intercept f(a) - f'(a)*a overflows float64
    result = prelim("derivative", "exp(x)", "--at", "709", "-f", "repr")
    assert result.exit_code == 1
    expected = f"{math.exp(709) * math.expm1(0.1) / 0.1:.10g}"  # the first forward quotient
    assert f"h=0.10000, numerical limit={expected}\n" in result.stdout
    assert "numerical_lim(f, x, h):.10g}" in result.stdout
    assert "-inf" in result.stdout  # the intercept the code really computes
    assert result.stderr.startswith("Error: the tangent at x=709 is y = 8.21841e+307(x - 709) "
                                    "+ 8.21841e+307, but its intercept f(a) - f'(a)*a is -inf")
