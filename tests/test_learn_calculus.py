"""The exercises of §2.4: every reference passes its check, every stub and plausible wrong
answer fails with the difference a learner would be told, correct answers written another
way pass, and the functions the checkers hand to learners have the derivatives they claim
(checked here by backward passes of the test's own, not by the checkers' helpers)."""

import json
import math
import shlex

import pytest
import torch

from conftest import prelim
from prelim_cli import learn
from prelim_cli.learn.exercises import calculus
from prelim_cli.learn.harness import check_file

EXERCISES = [e for e in learn.every() if e.section == "calculus"]


def run(tmp_path, slug, source, seed=0):
    path = tmp_path / "ex.py"
    path.write_text(source, encoding="utf-8")
    return check_file(slug, str(path), seed)


def solution_with(slug, old, new, *more):
    """The reference solution of ``slug`` with pieces replaced (a learner's slip)."""
    source = learn.by_slug(slug).solution
    for old, new in ((old, new), *zip(more[::2], more[1::2])):
        assert old in source, (slug, old)
        source = source.replace(old, new)
    return source


def first_failure(report):
    assert report["status"] == "failed", report
    return next(case for case in report["cases"] if not case["passed"])


# ---------------------------------------------------------------- the numbers of both editions

def test_numbers_follow_both_editions():
    zh = {e.number("zh"): e.slug for e in learn.of("zh") if e.section == "calculus"}
    en = [e.slug for e in learn.of("en") if e.section == "calculus"]
    # d2l-zh asks 4 exercises, which d2l-en asks as its 6th to 9th of 10
    assert zh == {"2.4.1": "calculus.tangent", "2.4.2": "calculus.gradient",
                  "2.4.3": "calculus.norm-gradient", "2.4.4": "calculus.chain-rule"}
    assert [e.number("en") for e in learn.of("en") if e.section == "calculus"] == [
        f"2.4.{n}" for n in range(1, 11)]
    assert en[5:9] == list(zh.values())
    assert learn.find("2.4.1", "zh").slug == "calculus.tangent"
    assert learn.find("2.4.1", "en").slug == "calculus.from-definition"
    assert {e.kind for e in EXERCISES} == {"check"}


# ---------------------------------------------------------------- references pass, stubs do not

@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_reference_solution_passes(tmp_path, exercise, seed):
    report = run(tmp_path, exercise.slug, exercise.solution, seed)
    assert report["status"] == "passed", first_failure(report)
    assert len(report["cases"]) >= 9
    assert all(case["passed"] for case in report["cases"])


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_stub_does_not_pass(tmp_path, exercise):
    report = run(tmp_path, exercise.slug, exercise.stub)
    assert report["status"] in ("missing", "failed"), report
    if report["status"] == "failed":
        assert first_failure(report)["difference"]["kind"] == "none"  # a body left as ...


# ---------------------------------------------------------------- plausible wrong answers

WRONG = [
    # (slug, replaced, by, the first failing call, what the learner is told)
    ("calculus.from-definition", "return n * x ** (n - 1)", "return n * x ** n",
     "d_power(x, n) vs autograd", {"kind": "elements"}),
    ("calculus.from-definition", "return torch.zeros_like(x)", "return 0",
     "d_constant(x, c) vs autograd", {"kind": "type", "theirs": "int"}),
    ("calculus.from-definition", "return 1 / x", "return torch.log(x)",
     "d_log(x) vs autograd", {"kind": "elements"}),
    ("calculus.sum-product-quotient", "(df(x) * g(x) - f(x) * dg(x)) / g(x) ** 2",
     "(df(x) * g(x) + f(x) * dg(x)) / g(x) ** 2",
     "quotient_rule(f, df, g, dg, x) vs autograd", {"kind": "elements"}),
    ("calculus.sum-product-quotient", "return df(x) * g(x) + f(x) * dg(x)",
     "return df(x) * dg(x)",
     "product_rule(f, df, g, dg, x) vs autograd", {"kind": "elements"}),
    ("calculus.constant-multiple", "return torch.zeros_like(x)",
     "return torch.ones_like(x)",  # d/dx c taken as 1
     "scaled_derivative(c, f, df, x) vs autograd", {"kind": "elements"}),
    ("calculus.x-to-the-x", "return x ** x * (torch.log(x) + 1)",
     "return x * x ** (x - 1)",  # the power rule, as if the exponent were fixed
     "d_x_to_the_x(x) vs autograd", {"kind": "elements"}),
    ("calculus.x-to-the-x", "return x ** x * (torch.log(x) + 1)",
     "return x ** x * torch.log(x)",  # the exponential rule, as if the base were fixed
     "d_x_to_the_x(x) vs autograd", {"kind": "elements"}),
    ("calculus.flat-point", "x_min = 1", "x_min = 0",  # (x - 1)**2 is flat at 1, not 0
     "f_min'(x_min) by autograd", {"kind": "value", "theirs": "-2.0", "expected": "0.0"}),
    ("calculus.tangent", "return 4 * x - 4", "return 4 * x",  # forgot the intercept
     "tangent(x) vs the line from autograd's f'(1)",
     {"kind": "elements", "index": [0], "theirs": "0.0", "expected": "-4.0"}),
    ("calculus.gradient", "5 * torch.exp(x[1])", "torch.exp(x[1])",  # dropped the 5
     "grad_f(x) vs autograd", {"kind": "elements", "index": [1]}),
    ("calculus.gradient", "return torch.stack([6 * x[0], 5 * torch.exp(x[1])])",
     "return 6 * x[0], 5 * torch.exp(x[1])",
     "grad_f(x) vs autograd", {"kind": "type", "theirs": "tuple"}),
    ("calculus.norm-gradient", "return x / torch.linalg.norm(x)", "return 2 * x",
     "grad_norm(x) vs autograd", {"kind": "elements"}),  # the gradient of ||x||², not ||x||
    ("calculus.norm-gradient", "return x / torch.linalg.norm(x)",
     "return torch.linalg.norm(x)", "grad_norm(x) vs autograd",
     {"kind": "shape", "theirs": [], "expected": [1]}),
    ("calculus.chain-rule", "return du @ J", "return (du[:, None] * J).sum(1)",
     "chain(du, J) vs autograd", {"kind": "shape", "theirs": [3], "expected": [2]}),
    ("calculus.inverse-function", "return 1 / df(f_inv(y))", "return 1 / df(y)",
     "inverse_derivative(df, f_inv, y) vs autograd", {"kind": "elements"}),
    ("calculus.inverse-function", "return 1 / df(f_inv(y))", "return df(f_inv(y))",
     "inverse_derivative(df, f_inv, y) vs autograd", {"kind": "elements"}),
]


@pytest.mark.parametrize("slug, old, new, call, told", WRONG,
                         ids=[f"{w[0]}:{w[2]}" for w in WRONG])
def test_plausible_wrong_answer_fails(tmp_path, slug, old, new, call, told):
    failure = first_failure(run(tmp_path, slug, solution_with(slug, old, new)))
    assert failure["call"] == call
    assert {k: failure["difference"][k] for k in told} == told


def test_tangent_at_one_is_4x_minus_4(tmp_path):
    # f(1) = 1 - 1 = 0 and f'(x) = 3x² + 1/x², so f'(1) = 4: the line is 4x - 4 (by hand)
    report = run(tmp_path, "calculus.tangent", solution_with(
        "calculus.tangent", "return 4 * x - 4", "return 2 * x - 2"))  # d(-1/x) taken as -1/x²
    failure = first_failure(report)
    assert failure["book"] and failure["difference"]["index"] == [0]
    assert float(failure["difference"]["expected"]) == -4.0
    assert float(failure["difference"]["theirs"]) == -2.0


def test_constant_multiple_must_go_through_the_product_rule(tmp_path):
    report = run(tmp_path, "calculus.constant-multiple", solution_with(
        "calculus.constant-multiple", "return product_rule(constant, flat, f, df, x)",
        "return c * df(x)"))
    failure = first_failure(report)
    assert failure["call"].startswith("scaled_derivative calls product_rule once")
    assert failure["said"]["zh"].startswith("scaled_derivative 只调用一次 product_rule")
    assert failure["difference"]["kind"] == "value"
    # the values themselves are right: only the claim about the route fails
    assert all(c["passed"] for c in report["cases"] if c["call"].endswith(("autograd",
                                                                           "difference")))


def test_flat_point_needs_a_point_that_is_neither(tmp_path):
    failure = first_failure(run(tmp_path, "calculus.flat-point", solution_with(
        "calculus.flat-point", "return x ** 3", "return x ** 2")))  # a minimum, not a pause
    assert failure["call"].startswith("f_flat is larger on one side, smaller on the other")
    assert failure["said"]["zh"].startswith("f_flat 的值在 x_flat 一侧更大、另一侧更小")
    assert failure["difference"] == {"kind": "value", "at": [], "theirs": "False",
                                     "expected": "True"}


def test_norm_is_not_differentiable_at_zero(tmp_path):
    failure = first_failure(run(tmp_path, "calculus.norm-gradient", solution_with(
        "calculus.norm-gradient", "differentiable_at_zero = False",
        "differentiable_at_zero = True")))  # autograd's 0 there would suggest it is
    assert failure["call"] == "differentiable_at_zero"
    assert failure["difference"]["kind"] == "value"


def test_chain_rule_with_the_matrix_the_wrong_way_round_is_explained(tmp_path):
    failure = first_failure(run(tmp_path, "calculus.chain-rule", solution_with(
        "calculus.chain-rule", "return du @ J", "return J @ du")))
    assert failure["difference"]["kind"] == "raised"
    assert failure["difference"]["type"] == "RuntimeError"
    assert failure["difference"]["code"] == "return J @ du"


# ---------------------------------------------------------------- right, written another way

RIGHT = [
    ("calculus.from-definition", "return torch.zeros_like(x)", "return 0 * x"),
    ("calculus.from-definition", "return 1 / x", "return x.double() ** -1"),  # float64
    ("calculus.sum-product-quotient", "return (df(x) * g(x) - f(x) * dg(x)) / g(x) ** 2",
     "return df(x) / g(x) - f(x) * dg(x) / g(x) ** 2"),
    ("calculus.constant-multiple", "product_rule(constant, flat, f, df, x)",
     "product_rule(f, df, lambda x: c, lambda x: 0, x)"),  # c second, as plain numbers
    ("calculus.x-to-the-x", "return x ** x * (torch.log(x) + 1)",
     "return torch.exp(x * torch.log(x)) * (torch.log(x) + 1)"),
    ("calculus.flat-point", "return torch.cos(x)", "return torch.sin(x)",
     "x_max = 0", f"x_max = {math.pi / 2!r}"),  # 1 ulp away from the exact maximum
    ("calculus.flat-point", "return (x - 1) ** 2", "return (x - 1) ** 4",  # flatter still
     "return x ** 3", "return -(x - 2) ** 5", "x_flat = 0", "x_flat = 2.0"),
    ("calculus.tangent", "return 4 * x - 4",
     "one = torch.tensor(1.0, requires_grad=True)\n    f(one).backward()\n"
     "    return f(one.detach()) + one.grad * (x - 1)"),
    ("calculus.gradient", "return torch.stack([6 * x[0], 5 * torch.exp(x[1])])",
     "return torch.tensor([6 * x[0], 5 * torch.exp(x[1])], dtype=torch.float64)"),
    ("calculus.norm-gradient", "return x / torch.linalg.norm(x)",
     "return x / torch.sqrt((x ** 2).sum())"),
    ("calculus.chain-rule", "return du @ J", "return J.T @ du"),
    ("calculus.chain-rule", "return du @ J",
     "return torch.stack([(du * J[:, 0]).sum(), (du * J[:, 1]).sum()])"),
    ("calculus.inverse-function", "return 1 / df(f_inv(y))",
     "return torch.reciprocal(df(f_inv(y)))"),
]


@pytest.mark.parametrize("right", RIGHT, ids=[f"{r[0]}:{r[2][:30]}" for r in RIGHT])
def test_right_answer_written_another_way_passes(tmp_path, right):
    slug, *replacements = right
    report = run(tmp_path, slug, solution_with(slug, *replacements), seed=3)
    assert report["status"] == "passed", first_failure(report)


# ---------------------------------------------------------------- what the checkers hand out

def slopes(f, x):
    """f' at every element of x, by a backward pass of its own."""
    x = x.clone().requires_grad_(True)
    f(x).sum().backward()
    return x.grad


def test_the_smooth_functions_have_the_derivatives_they_claim():
    x = torch.linspace(-2, 2, 41, dtype=torch.float64)
    for name, f, df, nonzero in calculus.smooth_functions():
        assert torch.allclose(df(x), slopes(f, x), atol=1e-12), name
        if nonzero:  # may be a denominator of the quotient rule
            assert (f(x).abs() > 0.1).all(), name


def test_the_inverse_pairs_are_inverse_with_the_derivatives_they_claim():
    for name, f, df, f_inv, low, high, signed in calculus.inverse_pairs():
        y = torch.linspace(low, high, 25, dtype=torch.float64)[:-1]
        y = torch.cat([y, -y]) if signed else y
        assert torch.allclose(f(f_inv(y)), y, atol=1e-10), name
        x = f_inv(y)
        assert torch.allclose(df(x), slopes(f, x), atol=1e-10), name
        assert (df(x).abs() > 1e-3).all(), name  # f_inv is differentiable at every y drawn


def test_the_helpers_agree_with_derivatives_worked_by_hand():
    # f(x) = 3x₁² + 5e^{x₂} at (1, 0): ∇f = [6, 5]; ‖x‖₂ at (3, 4): ∇ = [0.6, 0.8]
    def f(x):
        return 3 * x[0] ** 2 + 5 * torch.exp(x[1])

    for helper in (calculus.derivative, calculus.central):
        assert torch.allclose(helper(f, torch.tensor([1.0, 0.0])),
                              torch.tensor([6.0, 5.0], dtype=torch.float64), atol=1e-8)
        assert torch.allclose(helper(torch.linalg.norm, torch.tensor([3.0, 4.0])),
                              torch.tensor([0.6, 0.8], dtype=torch.float64), atol=1e-8)


def test_a_kink_is_not_a_zero_derivative(tmp_path):
    # |x| at 0 is a minimum, and autograd answers 0 there, but it has no derivative at 0:
    # the one-sided quotients are +1 and -1 (a central difference would average them to 0)
    report = run(tmp_path, "calculus.flat-point", solution_with(
        "calculus.flat-point", "return (x - 1) ** 2", "return torch.abs(x)",
        "x_min = 1", "x_min = 0"))
    failure = first_failure(report)
    assert report["cases"][0]["passed"]  # autograd's subgradient 0
    assert failure["call"] == "f_min'(x_min) from the right: (f(x + h) - f(x)) / h, h = 1e-07"
    assert failure["difference"]["kind"] == "value"
    assert float(failure["difference"]["theirs"]) == pytest.approx(1.0)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_the_lesson_runs_as_written(exercise):
    command = shlex.split(exercise.lesson)
    assert command[0] == "prelim"
    result = prelim(*command[1:], "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["ok"]
