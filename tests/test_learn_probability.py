"""The exercises of §2.6: every reference passes, every stub does not, plausible wrong answers
fail with the difference a learner is shown, and the checker's Bayes reproduces the book."""

import ast
import shlex

import pytest
import torch

from conftest import prelim
from prelim_cli import learn
from prelim_cli.learn.exercises import probability
from prelim_cli.learn.harness import check_file

EXERCISES = [e for e in learn.every() if e.section == "probability"]
CHECKED = [e for e in EXERCISES if e.kind != "reflect"]


def run(exercise, source: str, tmp_path, seed: int = 0) -> dict:
    path = tmp_path / exercise.file_name("en")
    path.write_text(source, encoding="utf-8")
    return check_file(exercise.slug, str(path), seed)


def first_failure(report: dict) -> dict:
    return next(case for case in report["cases"] if not case["passed"])


def test_both_editions_are_covered():
    assert sorted(e.number("zh") for e in EXERCISES if e.number("zh")) == \
        ["2.6.1", "2.6.2", "2.6.3", "2.6.4"]
    assert sorted(e.number("en") for e in EXERCISES if e.number("en")) == \
        [f"2.6.{i}" for i in range(1, 9)]
    # the same question under two numbers
    assert learn.find("2.6.2", "zh") is learn.find("2.6.5", "en")
    assert learn.find("2.6.3", "zh") is learn.find("2.6.6", "en")


@pytest.mark.parametrize("exercise", CHECKED, ids=lambda e: e.slug)
@pytest.mark.parametrize("seed", [0, 1])
def test_the_solution_passes(exercise, seed, tmp_path):
    report = run(exercise, exercise.solution, tmp_path, seed)
    assert report["status"] == "passed", first_failure(report)
    assert len(report["cases"]) >= 10 and all(case["passed"] for case in report["cases"])


@pytest.mark.parametrize("exercise", CHECKED, ids=lambda e: e.slug)
def test_the_stub_does_not_pass(exercise, tmp_path):
    assert run(exercise, exercise.stub, tmp_path)["status"] in ("missing", "failed")


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.kind == "reflect"],
                         ids=lambda e: e.slug)
def test_a_reflect_stub_is_two_assignments(exercise):
    body = ast.parse(exercise.stub).body
    assert [(n.targets[0].id, n.value.value) for n in body] == [("answer", "\n"),
                                                                 ("done", False)]
    solved = {n.targets[0].id: n.value.value for n in ast.parse(exercise.solution).body}
    assert solved["done"] is True and solved["answer"].strip()


def replaced(exercise, old: str, new: str) -> str:
    assert old in exercise.solution
    return exercise.solution.replace(old, new)


GROUPS = probability.GROUPS


def test_groups_starts_with_the_books_500_groups_of_10(tmp_path):
    case = run(GROUPS, GROUPS.solution, tmp_path)["cases"][0]
    assert case["book"] and case["call"] == "experiment(500, 10).shape"


@pytest.mark.parametrize("old, new, failing", [
    # the frequencies of each group alone, not running ones
    ("cum_counts = counts.cumsum(dim=0)", "cum_counts = counts",
     "row i of experiment(500, 10) counts the (i + 1)·10 rolls of groups 0 to i"),
    # normalised along the wrong axis
    ("cum_counts.sum(dim=1, keepdim=True)", "cum_counts.sum(dim=0, keepdim=True)",
     "every row of experiment(500, 10) sums to 1"),
    # one roll per group, whatever n is
    ("Multinomial(n, fair_probs)", "Multinomial(1, fair_probs)",
     "each face is absent from a share of the groups within 0.146 of (5/6)^10"),
    # randint's end is exclusive: the die never shows its last face
    ("counts = multinomial.Multinomial(n, fair_probs).sample((m,))",
     "counts = torch.nn.functional.one_hot(torch.randint(0, 5, (m, n)), 6).sum(1).float()",
     "each face's frequency after all 5000 rolls is within 0.0463 of 1/6"),
])
def test_groups_wrong_answers(old, new, failing, tmp_path):
    failed = first_failure(run(GROUPS, replaced(GROUPS, old, new), tmp_path))
    assert failed["call"] == failing and failed["book"]
    assert failed["difference"] == {"kind": "value", "at": [], "theirs": "False",
                                    "expected": "True"}


def test_groups_wrong_shape(tmp_path):
    source = replaced(GROUPS, ".sample((m,))", ".sample((n,))")  # m and n swapped
    failed = first_failure(run(GROUPS, source, tmp_path))
    assert failed["call"] == "experiment(500, 10).shape"
    assert failed["difference"] == {"kind": "value", "at": [0], "theirs": "10", "expected": "500"}


COIN = probability.COIN_VARIANCE


def test_coin_uses_the_books_fair_coin(tmp_path):
    calls = [c["call"] for c in run(COIN, COIN.solution, tmp_path)["cases"] if c["book"]]
    assert calls == ["estimate_variance(0.5, 100)", "min(1, chebyshev_bound(0.5, 100, 0.1))",
                     "estimate_variance(0.5, 10000)",
                     "min(1, chebyshev_bound(0.5, 10000, 0.01))"]


def test_coin_a_bound_capped_at_1_passes_too(tmp_path):
    source = replaced(COIN, "return estimate_variance(p, n) / eps**2",
                      "return min(1.0, estimate_variance(p, n) / eps**2)")
    assert run(COIN, source, tmp_path)["status"] == "passed"


@pytest.mark.parametrize("old, new, call, theirs, expected", [
    ("return p * (1 - p) / n", "return (p * (1 - p) / n) ** 0.5",  # the standard deviation
     "estimate_variance(0.5, 100)", "0.05", "0.0025"),
    ("return estimate_variance(p, n) / eps**2", "return estimate_variance(p, n) ** 0.5 / eps",
     "min(1, chebyshev_bound(0.5, 100, 0.1))", "0.5", "0.25"),
])
def test_coin_wrong_answers(old, new, call, theirs, expected, tmp_path):
    failed = first_failure(run(COIN, replaced(COIN, old, new), tmp_path))
    assert failed["call"] == call
    assert failed["difference"] == {"kind": "value", "at": [], "theirs": theirs,
                                    "expected": expected}


BOUNDS = probability.BOUNDS


@pytest.mark.parametrize("old, new, call, at, theirs", [
    ("min(1.0, pa + pb)", "pa + pb", "union_bounds(1.0, 1.0)", [1], "2.0"),  # not capped at 1
    ("max(0.0, pa + pb - 1)", "0.0", "intersection_bounds(1.0, 1.0)", [0], "0.0"),
    ("min(pa, pb)", "pa * pb", "intersection_bounds(0.7, 0.6)", [1], "0.42"),  # independence
])
def test_bounds_wrong_answers(old, new, call, at, theirs, tmp_path):
    failed = first_failure(run(BOUNDS, replaced(BOUNDS, old, new), tmp_path))
    assert failed["call"] == call
    assert failed["difference"]["kind"] == "value" and failed["difference"]["at"] == at
    assert failed["difference"]["theirs"].startswith(theirs)


MARKOV = probability.MARKOV


@pytest.mark.parametrize("wrong", [
    "p_a[:, None, None] * p_b_given_a[:, :, None] * p_c_given_b[:, None, :]",  # C given A
    "p_b_given_a[:, :, None] * p_c_given_b[None, :, :]",  # P(A) forgotten
])
def test_markov_wrong_answers(wrong, tmp_path):
    source = replaced(MARKOV, 'torch.einsum("a,ab,bc->abc", p_a, p_b_given_a, p_c_given_b)',
                      wrong)
    failed = first_failure(run(MARKOV, source, tmp_path))
    assert failed["index"] == 0 and failed["difference"]["kind"] == "elements"


def test_markov_the_loop_of_the_chain_rule_passes(tmp_path):
    source = '''import torch


def joint(p_a, p_b_given_a, p_c_given_b):
    k, l, q = len(p_a), len(p_c_given_b), p_c_given_b.shape[1]
    P = torch.zeros(k, l, q, dtype=p_a.dtype)
    for a in range(k):
        for b in range(l):
            P[a, b] = p_a[a] * p_b_given_a[a, b] * p_c_given_b[b]
    return P
'''
    assert run(MARKOV, source, tmp_path)["status"] == "passed"


COUPLED = probability.COUPLED_TESTS


def test_the_checkers_bayes_reproduces_the_books_two_tests():
    """§2.6's independent tests: P(D1=1) = 0.011485, P(H=1 | D1=1) = 0.1306,
    P(D1=1, D2=1) = 0.00176955, P(H=1 | D1=1, D2=1) = 0.8307 (both editions)."""
    first, second = torch.tensor([0.99, 0.01]), torch.tensor([0.97, 0.03])  # [D=0, D=1], H=0
    joint = probability.diagnosis(0.0015, torch.outer(torch.tensor([0.0, 1.0]),
                                                      torch.tensor([0.02, 0.98])),
                                  torch.outer(first, second))
    assert joint[:, 1, :].sum().item() == pytest.approx(0.011485)
    assert (joint[1, 1, :].sum() / joint[:, 1, :].sum()).item() == pytest.approx(0.1306,
                                                                                 abs=5e-5)
    assert joint[:, 1, 1].sum().item() == pytest.approx(0.00176955)
    assert (joint[1, 1, 1] / joint[:, 1, 1].sum()).item() == pytest.approx(0.8307, abs=5e-5)


@pytest.mark.parametrize("old, new, call, kind", [
    ("(1 - false_negative) ** 2 * prior", "(1 - false_negative) * prior",
     "posterior_two(0.0015, 0.01, 0.02)", "value"),  # both tests' sensitivity, once
    ("[[1 - 2 * false_positive + both_positive", "[[1 - 2 * false_positive",
     "joint_healthy(0.1, 0.02)", "elements"),  # the corner counted out twice
    ("sick + false_positive * (1 - prior)", "sick + false_positive",
     "posterior_one(0.0015, 0.1, 0.01)", "value"),  # P(H=0) forgotten
])
def test_coupled_wrong_answers(old, new, call, kind, tmp_path):
    failed = first_failure(run(COUPLED, replaced(COUPLED, old, new), tmp_path))
    assert failed["call"] == call and failed["book"] and failed["difference"]["kind"] == kind
    if kind == "elements":
        assert failed["difference"]["index"] == [0, 0]


PORTFOLIO = probability.PORTFOLIO


@pytest.mark.parametrize("old, new, call, index, kind", [
    ("return alpha @ Sigma @ alpha", "return (alpha**2 * Sigma.diagonal()).sum()",
     "portfolio_variance(alpha, Sigma)", 1, "value"),  # the covariances left out
    ("return alpha @ mu", "return mu.mean()", "expected_return(alpha, mu)", 1, "value"),
    ("    weights = torch.zeros_like(mu)\n    weights[mu.argmax()] = 1\n    return weights",
     "    return mu.argmax()", "best_portfolio(mu).shape", 0, "length"),  # an index
])
def test_portfolio_wrong_answers(old, new, call, index, kind, tmp_path):
    failed = first_failure(run(PORTFOLIO, replaced(PORTFOLIO, old, new), tmp_path))
    assert (failed["call"], failed["index"], failed["difference"]["kind"]) == \
        (call, index, kind)


def test_portfolio_any_best_mix_of_tied_stocks_passes(tmp_path):
    source = replaced(PORTFOLIO, "    weights = torch.zeros_like(mu)\n"
                      "    weights[mu.argmax()] = 1\n    return weights",
                      "    best = (mu == mu.max()).float()\n    return best / best.sum()")
    assert run(PORTFOLIO, source, tmp_path)["status"] == "passed"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_the_lesson_runs_as_written(exercise):
    words = shlex.split(exercise.lesson)
    assert words[0] == "prelim"
    result = prelim(*words[1:])
    assert result.exit_code == 0, result.stderr
