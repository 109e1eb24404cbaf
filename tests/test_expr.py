"""The expression compiler: values and gradients against answers worked out by hand or
with numpy, the PyTorch spelling, every refusal with its column, and hypothesis for the
many cases in between."""

import ast
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from prelim_cli.core.demo import PrelimError
from prelim_cli.expr import FUNCTIONS, ExprError, compile_expr, parse_number

SRC = str(Path(__file__).resolve().parents[1] / "src")
GRAMMAR = str(Path(SRC) / "prelim_cli" / "expr" / "grammar.py")


def scalar(value, requires_grad=False):
    return torch.tensor(value, dtype=torch.float64, requires_grad=requires_grad)


# --- values ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, x, expected", [
    ("3*x**2 - 4*x", 1.0, -1.0),  # the book's f(x) = 3x^2 - 4x at x = 1
    ("x**3 - 1/x", 2.0, 7.5),
    ("sin(x)", 0.5, math.sin(0.5)),
    ("cos(x) + tan(x)", 0.3, math.cos(0.3) + math.tan(0.3)),
    ("exp(x) * log(x)", 2.5, math.exp(2.5) * math.log(2.5)),
    ("sqrt(abs(x))", -9.0, 3.0),
    ("tanh(x) - sigmoid(x)", 0.7, math.tanh(0.7) - 1 / (1 + math.exp(-0.7))),
    ("relu(x) + relu(-x)", -2.0, 2.0),
    ("2*pi*x + e", 1.0, 2 * math.pi + math.e),
    ("-x**2", 3.0, -9.0),  # ** binds tighter than unary minus, as in Python
    ("(-x)**2", 3.0, 9.0),
    ("2**-1 * x", 4.0, 2.0),
    ("+x - -x", 1.5, 3.0),
    ("0x10 + 1_000 + .5 + 1e2*x", 1.0, 1116.5),
])
def test_value_matches_math(text, x, expected):
    assert compile_expr(text, ("x",))(x=scalar(x)).item() == pytest.approx(expected, rel=1e-12)


def test_vector_functions_match_numpy():
    x = np.array([0.0, 1.0, 2.0, 3.0])
    t = torch.tensor(x)
    for text, expected in [("2*dot(x, x)", 2 * np.dot(x, x)), ("sum(x)", np.sum(x)),
                           ("mean(x)", np.mean(x)), ("norm(x)", np.linalg.norm(x)),
                           ("sin(x) * x", np.sin(x) * x)]:
        np.testing.assert_allclose(compile_expr(text, ("x",))(x=t).numpy(), expected)


def test_log_of_zero_is_minus_inf_not_an_error():
    assert compile_expr("log(x)", ("x",))(x=scalar(0.0)).item() == -math.inf
    assert compile_expr("1/x")(x=scalar(0.0)).item() == math.inf


def test_absurd_literals_become_floats():
    assert compile_expr("1" * 400 + "*x")(x=scalar(1.0)).item() == math.inf
    assert compile_expr("1e999 - x")(x=scalar(1.0)).item() == math.inf


def test_numbers_stay_python_numbers_as_in_the_shown_code():
    f = compile_expr("2*x + 1", ("x",))
    assert f(x=torch.tensor(1.0, dtype=torch.float32)).dtype == torch.float32
    assert f(x=torch.tensor(1)).dtype == torch.int64  # 2 * x + 1 on an int64 x, as in PyTorch
    assert compile_expr("2*pi")() == 2 * math.pi  # a Python float, as 2 * torch.pi is
    assert compile_expr("sqrt(2)")() == math.sqrt(2)


def test_constants_that_must_be_tensors_take_the_variables_dtype():
    f = compile_expr("sigmoid(2) + x", ("x",))
    assert f.torch_code(torch.float32) == \
        "torch.sigmoid(torch.tensor(2, dtype=torch.float32)) + x"
    assert f.torch_code("float32") == f.torch_code(torch.float32)
    assert f(x=torch.tensor(1.0)).dtype == torch.float32
    assert f(x=scalar(1.0)).dtype == torch.float64
    assert f(x=scalar(1.0)).item() == pytest.approx(1 + 1 / (1 + math.exp(-2)), rel=1e-15)
    assert compile_expr("relu(2)")().dtype == torch.float64  # no variable: float64


# --- gradients, derived by hand -------------------------------------------------------

def test_gradient_of_the_books_function():
    x = scalar(1.0, requires_grad=True)
    compile_expr("3*x**2 - 4*x", ("x",))(x=x).backward()
    assert x.grad.item() == pytest.approx(2.0)  # f'(x) = 6x - 4


def test_gradient_of_the_tangent_line_example():
    x = scalar(1.0, requires_grad=True)
    compile_expr("x**3 - 1/x", ("x",))(x=x).backward()
    assert x.grad.item() == pytest.approx(4.0)  # f'(x) = 3x^2 + 1/x^2


def test_gradient_of_dot():
    x = torch.arange(4.0, dtype=torch.float64, requires_grad=True)
    compile_expr("2*dot(x, x)", ("x",))(x=x).backward()
    assert x.grad.tolist() == [0.0, 4.0, 8.0, 12.0]  # d/dx 2 x.x = 4x


def test_gradient_with_two_variables():
    x1, x2 = scalar(1.0, requires_grad=True), scalar(0.0, requires_grad=True)
    compile_expr("3*x1**2 + 5*exp(x2)", ("x1", "x2"))(x1=x1, x2=x2).backward()
    assert [x1.grad.item(), x2.grad.item()] == pytest.approx([6.0, 5.0])  # [6 x1, 5 e^x2]


# --- what compile_expr returns --------------------------------------------------------

def test_variables_in_order_of_first_appearance():
    f = compile_expr("  w*x2 + b - sin(x2) * pi + e  ")
    assert f.source == "w*x2 + b - sin(x2) * pi + e"
    assert f.variables == ("w", "x2", "b")
    assert compile_expr("x1 + 1", ("x1", "x2")).variables == ("x1",)
    assert compile_expr("2 * 3").variables == ()
    assert f.reduction() is None  # elementwise
    assert compile_expr("sin(dot(x, x)) + sum(x)").reduction() == ("dot", 5)
    assert compile_expr("x * mean(x)").reduction() == ("mean", 5)


def test_every_refusal_is_a_prelim_error():
    assert issubclass(ExprError, PrelimError)
    assert set(FUNCTIONS) == {"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh",
                              "sigmoid", "relu", "dot", "sum", "mean", "norm"}


@pytest.mark.parametrize("text, code", [
    ("3*x**2 - 4*x", "3 * x ** 2 - 4 * x"),
    ("x**3 - 1/x", "x ** 3 - 1 / x"),
    ("sin(x)", "torch.sin(x)"),
    ("2*dot(x, x)", "2 * torch.dot(x, x)"),
    ("sigmoid(x)", "torch.sigmoid(x)"),
    ("relu(x)", "torch.relu(x)"),
    ("sum(x)", "torch.sum(x)"),
    ("norm(x)", "torch.norm(x)"),
    ("2*pi*x + e", "2 * torch.pi * x + torch.e"),
    ("(x + 1) * 2", "(x + 1) * 2"),
    ("((x))*(2)", "x * 2"),
    ("x - (x - 1)", "x - (x - 1)"),
    ("(x - x) - 1", "x - x - 1"),
    ("-x**2", "-x ** 2"),
    ("(-x)**2", "(-x) ** 2"),
    ("(x**2)**3", "(x ** 2) ** 3"),
    ("x**2**3", "x ** 2 ** 3"),
    ("2.50*x + 3", "2.5 * x + 3"),
    ("3*x1**2 + 5*exp(x2)", "3 * x1 ** 2 + 5 * torch.exp(x2)"),
])
def test_torch_code(text, code):
    assert compile_expr(text).torch_code() == code


def run_torch_code(f, dtype="float64", **values):
    """Run torch_code as a learner's script would: torch and math imported, the variables
    tensors. (The text is prelim's own output from a validated tree, not user input.)"""
    namespace = {"torch": torch, "math": math, **values}
    return eval(compile(f.torch_code(dtype), "<torch_code>", "eval"), namespace)


def same(a, b):
    """The same value to the last bit (nan equal to nan), and the same kind of object."""
    assert type(a) is type(b)
    if isinstance(a, torch.Tensor):
        assert a.dtype == b.dtype and a.shape == b.shape
        assert torch.equal(a, b) or torch.equal(a.isnan(), b.isnan()) and \
            torch.equal(a.nan_to_num(), b.nan_to_num())
    else:
        assert a == b or math.isnan(a) and math.isnan(b)


@pytest.mark.parametrize("text, code", [
    # Python's own math where Python computes what torch would ...
    ("sqrt(2)*x", "math.sqrt(2) * x"),
    ("exp(1) + log(2)*x", "math.exp(1) + math.log(2) * x"),
    ("abs(-3)*x", "abs(-3) * x"),
    ("x**(1/2)", "x ** (1 / 2)"),
    # ... a tensor where it would raise, turn complex or leave int64 ...
    ("sigmoid(2)*x", "torch.sigmoid(torch.tensor(2, dtype=torch.float64)) * x"),
    ("relu(sqrt(2)) + x", "torch.relu(torch.tensor(math.sqrt(2), dtype=torch.float64)) + x"),
    ("log(0)*x", "torch.log(torch.tensor(0, dtype=torch.float64)) * x"),
    ("x + 1/0", "x + torch.tensor(1, dtype=torch.float64) / 0"),
    ("(-8)**(1/3) + x", "torch.tensor(-8, dtype=torch.float64) ** (1 / 3) + x"),
    ("x * 10**30", "x * torch.tensor(10, dtype=torch.float64) ** 30"),
    ("x + " + "9" * 20, "x + torch.tensor(1e+20, dtype=torch.float64)"),
])
def test_torch_code_of_constant_parts_runs_in_pytorch(text, code):
    f = compile_expr(text, ("x",))
    assert f.torch_code() == code
    x = scalar(1.5)
    same(f(x=x), run_torch_code(f, x=x))


# --- the evaluation is the shown code: same values, same graph --------------------------

def backward_names(y):
    """The backward graph below y, as PyTorch's class names in walk order."""
    names, stack = [], [y.grad_fn]
    while stack:
        fn = stack.pop()
        names.append(type(fn).__name__)
        stack += [n for n, _ in reversed(fn.next_functions) if n is not None]
    return names


@pytest.mark.parametrize("text", [
    "x ** 2", "1 - x", "1 / x", "2 ** x", "-x + 3", "3*x**2 - 4*x", "x**3 - 1/x",
    "2*pi*x + e", "sqrt(2)*x", "sigmoid(2)*x", "x + 1/0", "x * 10**30", "(-8)**(1/3) + x",
    "sin(x) * exp(-x)", "x**(1/2) / (1 + abs(x))", "relu(x - 1) + tanh(x) * 0.5",
    "2*dot(x, x)", "sum(x) * x", "norm(x) / mean(x*x)",
])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_evaluation_builds_the_graph_of_the_shown_code(text, dtype):
    f = compile_expr(text, ("x",))
    x = torch.tensor([0.5, 1.0, 2.0], dtype=dtype, requires_grad=True)
    ours, theirs = f(x=x), run_torch_code(f, str(dtype).removeprefix("torch."), x=x)
    assert backward_names(ours) == backward_names(theirs)
    same(ours.detach(), theirs.detach())


def test_the_graph_names_pytorch_gives_the_book_lines():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    assert backward_names(compile_expr("x ** 2")(x=x)) == ["PowBackward0", "AccumulateGrad"]
    assert backward_names(compile_expr("1 - x")(x=x)) == ["RsubBackward1", "AccumulateGrad"]
    assert backward_names(compile_expr("1 / x")(x=x)) == \
        ["MulBackward0", "ReciprocalBackward0", "AccumulateGrad"]


def test_pieces_are_the_users_text_innermost_first():
    pieces = []
    compile_expr("3*sqrt(x) - 1/0").evaluate({"x": scalar(4.0)}, pieces)
    assert [(p.text, p.op) for p in pieces] == [("sqrt(x)", "sqrt"), ("3*sqrt(x)", "*"),
                                                ("1/0", "/"), ("3*sqrt(x) - 1/0", "-")]
    assert pieces[2].value.item() == math.inf
    assert pieces[1].apply(*pieces[1].operands).item() == 6.0


# --- refusals, each naming the piece and its column ------------------------------------

FUNCTION_LIST = "abs, cos, dot, exp, log, mean, norm, relu, sigmoid, sin, sqrt, sum, tan, tanh"


@pytest.mark.parametrize("text, message", [
    ("x + y", "unknown name 'y' at column 5 (variables here: x)"),
    ("x.__class__", "attribute access '.__class__' is not allowed at column 2"),
    ("torch.sin(x)", "unknown name 'torch' at column 1 (variables here: x)"),
    ("foo(x)", f"unknown function 'foo' at column 1 (functions: {FUNCTION_LIST})"),
    ("sin(x, x)", "sin takes 1 argument, got 2 at column 1"),
    ("1 + dot(x)", "dot takes 2 arguments, got 1 at column 5"),
    ("sum()", "sum takes 1 argument, got 0 at column 1"),
    ("sin(x=1)", "keyword argument 'x=1' is not allowed at column 5"),
    ("sin(*x)", "starred argument '*x' is not allowed at column 5"),
    ("(x + 1)(2)", f"cannot call 'x + 1' at column 1; only these functions can be "
                   f"called: {FUNCTION_LIST}"),
    ("sin + 1", "sin is a function at column 1; call it as sin(...)"),
    ("__import__", "name '__import__' is not allowed at column 1"),
    ("x[0]", "indexing 'x[0]' is not allowed at column 1"),
    ("'x'", "string \"'x'\" is not allowed at column 1"),
    ("b'x'", "bytes \"b'x'\" is not allowed at column 1"),
    ("x + 2j", "imaginary number '2j' is not allowed at column 5"),
    ("True * x", "boolean 'True' is not allowed at column 1"),
    ("None", "constant 'None' is not allowed at column 1"),
    ("lambda: x", "lambda 'lambda: x' is not allowed at column 1"),
    ("[x for x in x]", "comprehension '[x for x in x]' is not allowed at column 1"),
    ("x < 1", "comparison 'x < 1' is not allowed at column 1"),
    ("x and x", "boolean operator 'x and x' is not allowed at column 1"),
    ("x if x else 1", "if-expression 'x if x else 1' is not allowed at column 1"),
    ("(x := 1)", "assignment 'x := 1' is not allowed at column 2"),
    ("f'{x}'", "f-string \"f'{x}'\" is not allowed at column 1"),
    ("x, 1", "tuple 'x, 1' is not allowed at column 1"),
    ("x // 2", "operator '//' is not allowed at column 3 (use + - * / **)"),
    ("(x)%(2)", "operator '%' is not allowed at column 4 (use + - * / **)"),
    ("~x", "operator '~' is not allowed at column 1 (use + - * / **)"),
    ("1 + not x", "invalid syntax at column 5"),
    ("3 *", "invalid syntax at column 4: the expression ends after '*'"),
    ("3*x**2 - 4*", "invalid syntax at column 12: the expression ends after '*'"),
    ("sin(x", "invalid syntax at column 4 ('(' was never closed)"),
    ("3x", "invalid syntax at column 1: '3x' is not a product; write 3*x"),
    ("sin(2.5x)", "invalid syntax at column 5: '2.5x' is not a product; write 2.5*x"),
    ("0x1g", "invalid syntax at column 3 (invalid hexadecimal literal)"),
    ("x = 1", "invalid syntax at column 3"),
    ("x²", "character '²' is not allowed at column 2 (type plain ASCII, on one line)"),
    ("x +\n1", "character '\\n' is not allowed at column 4 (type plain ASCII, on one line)"),
    ("", "the expression is empty; type one such as 3*x**2 - 4*x"),
    ("   ", "the expression is empty; type one such as 3*x**2 - 4*x"),
])
def test_refusal(text, message):
    with pytest.raises(ExprError) as refused:
        compile_expr(text, ("x",))
    assert str(refused.value) == message


def test_no_variables_declared():
    with pytest.raises(ExprError, match=r"unknown name 'x' at column 1 \(variables here: none\)"):
        compile_expr("x", ())


def test_full_width_letters_are_not_read_as_sin():
    # Python would NFKC-normalise 'ｓｉｎ' to 'sin'; prelim refuses the look-alike.
    with pytest.raises(ExprError, match="character 'ｓ' is not allowed at column 1"):
        compile_expr("ｓｉｎ(x)")


@pytest.mark.parametrize("text, message", [
    ("9**9**9", "exponent 387420489 is too large at column 4 (limit 100)"),
    ("x**1000", "exponent 1000 is too large at column 4 (limit 100)"),
    ("x ** -(101)", "exponent -101 is too large at column 6 (limit 100)"),
    ("x**(2**7)", "exponent 128 is too large at column 5 (limit 100)"),
    ("x**1e400", "exponent inf is too large at column 4 (limit 100)"),
    ("x" * 501, "the expression has 501 characters (limit 500)"),
    ("+".join(["x"] * 101), "the expression has 201 parts (limit 200)"),
    ("-" * 40 + "x", "expression nested too deep at column 33 (limit 32 levels)"),
    ("x" + "**x" * 40, "expression nested too deep at column 94 (limit 32 levels)"),
    ("(" * 33 + "x" + ")" * 33, "brackets nested too deep at column 33 (limit 32 levels)"),
    ("sin(" * 33 + "x" + ")" * 33, "brackets nested too deep at column 132 (limit 32 levels)"),
])
def test_caps(text, message):
    with pytest.raises(ExprError) as refused:
        compile_expr(text)
    assert str(refused.value) == message


def test_exponents_within_the_cap_are_computed():
    assert compile_expr("x**100 + x**-100 + 2**2**3")(x=scalar(1.0)).item() == 258.0
    assert compile_expr("x**x**x")(x=scalar(2.0)).item() == 16.0  # not a constant exponent


@pytest.mark.parametrize("text", [
    "__import__('os').system('touch PWNED')",
    "x.__class__.__bases__",
    "(lambda: 0)()",
    "[c for c in ()]",
    "open('PWNED', 'w')",
    "9**9**9",
    "x" * 10_000,
    "(" * 200 + "x" + ")" * 200,
])
def test_malicious_input_is_refused_and_does_nothing(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExprError):
        compile_expr(text, ("x",))
    assert list(tmp_path.iterdir()) == []


def test_malicious_input_names_the_first_forbidden_piece():
    with pytest.raises(ExprError, match=r"^name '__import__' is not allowed at column 1$"):
        compile_expr("__import__('os').system('touch PWNED')")
    with pytest.raises(ExprError, match=r"^attribute access '\.__class__' .* column 2$"):
        compile_expr("x.__class__.__bases__")
    with pytest.raises(ExprError, match=r"^lambda 'lambda: 0' is not allowed at column 2$"):
        compile_expr("(lambda: 0)()")


def test_importing_the_compiler_does_not_load_torch():
    code = "import sys, prelim_cli.expr; print('torch' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": SRC})
    assert run.stdout.strip() == "False"


def test_the_grammar_is_a_leaf():
    """Run on its own, grammar.py loads no prelim module but the shared error type."""
    code = ("import importlib.util, sys\n"
            f"spec = importlib.util.spec_from_file_location('grammar', {GRAMMAR!r})\n"
            "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
            "print(sorted(name for name in sys.modules if name.startswith('prelim_cli')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": SRC})
    assert run.stdout.strip() == "['prelim_cli', 'prelim_cli.core', 'prelim_cli.core.errors']"


def test_no_expr_module_imports_the_package_face():
    """The face imports the modules; a module importing the face back is a circle."""
    for path in Path(GRAMMAR).parent.glob("*.py"):
        if path.name == "__init__.py":
            continue
        faces = [node.lineno for node in ast.walk(ast.parse(path.read_text()))
                 if isinstance(node, ast.ImportFrom) and node.module == "prelim_cli.expr"]
        assert faces == [], f"{path.name} imports prelim_cli.expr at line {faces}"


# --- numbers typed for options (--at, --range) -----------------------------------------

@pytest.mark.parametrize("text, value", [
    ("1", 1.0), (" -0.5 ", -0.5), ("pi/2", math.pi / 2), ("-2*pi", -2 * math.pi),
    ("sqrt(2)", math.sqrt(2)), ("sigmoid(0)", 0.5), ("1e-3", 0.001), ("2**-1", 0.5),
])
def test_parse_number_reads_constant_expressions(text, value):
    assert parse_number(text, "--at") == value


@pytest.mark.parametrize("text, message", [
    ("", "--at: no number given; write a number such as 1, -0.5 or pi/2"),
    ("x", "--at: 'x' is not a number; write a number such as 1, -0.5 or pi/2"),
    ("1/0", "--at: 1/0 is inf; give a finite number"),
    ("log(-1)", "--at: log(-1) is nan; give a finite number"),
    ("2*", "--at: invalid syntax at column 3: the expression ends after '*'; write a number"),
])
def test_parse_number_refuses_with_the_option_named(text, message):
    with pytest.raises(PrelimError) as refused:
        parse_number(text, "--at")
    assert str(refused.value).startswith(message)


# --- evaluation errors ----------------------------------------------------------------

def test_dot_of_scalars_is_explained():
    with pytest.raises(ExprError, match=r"dot needs two 1-D tensors of the same length, "
                                        r"got shape \(\) and shape \(\) at column 3"):
        compile_expr("2*dot(x, x)")(x=scalar(1.5))
    with pytest.raises(ExprError, match=r"got shape \(2,\) and the number 2 at column 1$"):
        compile_expr("dot(x, 2)")(x=torch.ones(2))


def test_torch_shape_errors_become_expr_errors():
    f = compile_expr("x1 + x2")
    with pytest.raises(ExprError, match=r"^cannot evaluate x1 \+ x2 at column 1: "
                                        r"The size of tensor a"):
        f(x1=torch.zeros(2), x2=torch.zeros(3))


def test_missing_value_is_a_caller_mistake():
    with pytest.raises(TypeError, match="no value given for x2"):
        compile_expr("x1 + x2")(x1=scalar(1.0))


# --- properties -----------------------------------------------------------------------

ALPHABET = "x0123456789.+-*/() sincoexplgqrtabdum,_"


def evaluate_anywhere(f):
    """Evaluate at 1.5; the only acceptable failure is an ExprError."""
    try:
        value = f(**{name: scalar(1.5) for name in f.variables})
    except ExprError:
        return
    assert isinstance(value, (torch.Tensor, int, float))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet=ALPHABET, max_size=40)))
def test_any_text_compiles_or_is_refused(text):
    try:
        f = compile_expr(text)
    except ExprError:
        return
    ast.parse(f.torch_code(), mode="eval")
    evaluate_anywhere(f)


# A random expression as a tree: ("num", v), ("name", n), (op, a, b), ("neg", a),
# ("pos", a) or ("call", fn, a). Scalar functions only: the reference works on floats.
REFERENCE = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log,
    "sqrt": np.sqrt, "abs": np.abs, "tanh": np.tanh,
    "sigmoid": lambda v: 1 / (1 + np.exp(-v)), "relu": lambda v: np.maximum(v, 0.0),
    "sum": lambda v: v, "mean": lambda v: v, "norm": np.abs,  # of one number
}
BINARY = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}
NAMES = {"x": 1.5, "y": -0.75, "pi": math.pi, "e": math.e}

leaves = st.one_of(
    st.integers(0, 20).map(lambda n: ("num", n)),
    st.floats(0, 10).map(lambda v: ("num", v)),
    st.sampled_from(sorted(NAMES)).map(lambda n: ("name", n)),
)
trees = st.recursive(leaves, lambda children: st.one_of(
    st.tuples(st.sampled_from(sorted(BINARY)), children, children),
    st.tuples(st.sampled_from(["neg", "pos"]), children),
    st.tuples(st.just("call"), st.sampled_from(sorted(REFERENCE)), children),
), max_leaves=10)


def to_text(tree):
    kind = tree[0]
    if kind == "num":
        return repr(tree[1])
    if kind == "name":
        return tree[1]
    if kind in ("neg", "pos"):
        return ("-" if kind == "neg" else "+") + f"({to_text(tree[1])})"
    if kind == "call":
        return f"{tree[1]}({to_text(tree[2])})"
    return f"({to_text(tree[1])}) {kind} ({to_text(tree[2])})"


def reference(tree):
    kind = tree[0]
    if kind == "num":
        return np.float64(tree[1])
    if kind == "name":
        return np.float64(NAMES[tree[1]])
    if kind in ("neg", "pos"):
        return -reference(tree[1]) if kind == "neg" else reference(tree[1])
    if kind == "call":
        return REFERENCE[tree[1]](reference(tree[2]))
    return BINARY[kind](reference(tree[1]), reference(tree[2]))


def parts(tree):
    yield tree
    for child in tree[1:]:
        if isinstance(child, tuple):
            yield from parts(child)


@settings(max_examples=200, deadline=None)
@given(trees)
def test_valid_expressions_match_a_numpy_reference(tree):
    text = to_text(tree)
    try:
        f = compile_expr(text, ("x", "y"))
    except ExprError as refused:
        assert "(limit " in str(refused)  # only a cap may refuse the grammar
        return
    point = {"x": scalar(NAMES["x"]), "y": scalar(NAMES["y"])}
    value = float(f(**point))
    with np.errstate(all="ignore"):
        expected = float(reference(tree))
        # numpy's pow and torch's may differ in the last bit, and cos(7.0**19) turns that
        # bit into a different answer: compare only where no part is huge or non-finite.
        scale = max(abs(float(reference(part))) for part in parts(tree))
    if math.isfinite(value) and scale <= 1e6:
        assert value == pytest.approx(expected, rel=1e-9, abs=1e-12 * scale)
    # The PyTorch spelling runs in real PyTorch and gives the very same value.
    same(f(**point), run_torch_code(f, **point))
