"""The exercises of §2.5: every reference solution passes its check, every stub does not,
and the mistakes learners make fail with the difference they would be told. The values
from the book (x.grad = 4x = [0., 4., 8., 12.] for x = torch.arange(4.0)) are literals."""

import ast
import textwrap

import pytest

from prelim_cli import learn
from prelim_cli.learn.exercises.autograd import BOOK_F, EXERCISES
from prelim_cli.learn.harness import check_file

CHECKED = [e for e in EXERCISES if e.checker]


def run(tmp_path, slug: str, source: str, seed: int = 0) -> dict:
    path = tmp_path / (slug.replace(".", "_") + ".py")
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return check_file(slug, str(path), seed)


def first_failure(report: dict) -> dict:
    assert report["status"] == "failed", report
    return next(case for case in report["cases"] if not case["passed"])


def failed_claims(report: dict) -> list[str]:
    return [case["call"] for case in report["cases"] if not case["passed"]]


# ---------------------------------------------------------------- the list itself

def test_numbers_match_the_two_editions():
    zh = {e.number("zh"): e.slug.split(".")[1] for e in learn.of("zh") if e.section == "autograd"}
    en = {e.number("en"): e.slug.split(".")[1] for e in learn.of("en") if e.section == "autograd"}
    assert zh == {"2.5.1": "second-derivative", "2.5.2": "backward-twice",
                  "2.5.3": "control-flow-vector", "2.5.4": "own-control-flow",
                  "2.5.5": "sin-derivative"}
    assert en == {"2.5.1": "second-derivative", "2.5.2": "backward-twice",
                  "2.5.3": "control-flow-vector", "2.5.4": "sin-derivative",
                  "2.5.5": "dependency-graph", "2.5.6": "chain-rule",
                  "2.5.7": "forward-backward", "2.5.8": "forward-or-backward"}
    assert learn.find("2.5.4", "zh").slug == "autograd.own-control-flow"
    assert learn.find("2.5.4", "en").slug == "autograd.sin-derivative"


def test_every_zh_exercise_is_checked_by_prelim():
    assert {e.kind for e in EXERCISES if "zh" in e.numbers} <= {"code", "check"}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_words_in_both_languages(exercise):
    assert 2 <= len(exercise.hints) <= 3
    for text in (exercise.title, exercise.statement, exercise.answer, *exercise.hints):
        assert text.en.strip() and text.zh.strip()
    for text in (exercise.title, exercise.statement, exercise.answer):
        assert any("\u4e00" <= char <= "\u9fff" for char in text.zh), text.zh


# ---------------------------------------------------------------- references and stubs

@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("exercise", CHECKED, ids=lambda e: e.slug)
def test_the_solution_passes(tmp_path, exercise, seed):
    report = run(tmp_path, exercise.slug, exercise.solution, seed)
    assert report["status"] == "passed", [c for c in report["cases"] if not c["passed"]]
    assert sum(not case["book"] for case in report["cases"]) >= 10


@pytest.mark.parametrize("exercise", CHECKED, ids=lambda e: e.slug)
def test_the_stub_does_not_pass(tmp_path, exercise):
    assert run(tmp_path, exercise.slug, exercise.stub)["status"] in ("missing", "failed")


def test_the_reflect_stub_is_an_answer_and_done():
    exercise = learn.by_slug("autograd.forward-or-backward")
    assert exercise.kind == "reflect" and exercise.checker is None
    body = ast.parse(exercise.stub).body
    assert [(n.targets[0].id, n.value.value) for n in body] == [("answer", "\n"), ("done", False)]


# ---------------------------------------------------------------- 2.5.1 second derivative

def test_second_derivative_of_the_book_x_is_6x(tmp_path):
    report = run(tmp_path, "autograd.second-derivative", EXERCISES[0].stub)
    case = next(c for c in report["cases"] if c["call"].startswith("second_derivative("))
    assert case["book"] and case["inputs"] == {"x": "tensor([0., 1., 2., 3.])"}
    assert case["difference"]["expected"] == "tensor([ 0.,  6., 12., 18.])"


def test_second_derivative_without_create_graph(tmp_path):
    case = first_failure(run(tmp_path, "autograd.second-derivative", '''
        import torch

        def second_derivative(f, x):
            x = x.detach().requires_grad_(True)
            first, = torch.autograd.grad(f(x).sum(), x)
            second, = torch.autograd.grad(first.sum(), x)
            return second
        '''))
    assert case["book"] and case["difference"]["kind"] == "raised"
    assert "does not require grad" in case["difference"]["message"]
    assert case["difference"]["code"] == "second, = torch.autograd.grad(first.sum(), x)"


def test_second_derivative_without_clearing_x_grad(tmp_path):
    # the first backward leaves f'(x) in x.grad, and the second adds f''(x) to it
    case = first_failure(run(tmp_path, "autograd.second-derivative", '''
        def second_derivative(f, x):
            x = x.detach().requires_grad_(True)
            f(x).sum().backward(create_graph=True)
            x.grad.sum().backward()
            return x.grad
        '''))
    assert case["difference"]["kind"] == "elements"
    assert case["difference"]["index"] == [1]
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ("9.0", "6.0")


# ---------------------------------------------------------------- 2.5.2 backward twice

def test_backward_twice_gives_8x_for_the_book_x(tmp_path):
    import torch

    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward()
    assert x.grad.tolist() == [0., 4., 8., 12.]  # the book's x.grad
    case = run(tmp_path, "autograd.backward-twice", EXERCISES[1].stub)["cases"][0]
    assert case["difference"]["expected"] == "tensor([ 0.,  8., 16., 24.])"


def test_backward_twice_without_retain_graph(tmp_path):
    case = first_failure(run(tmp_path, "autograd.backward-twice", '''
        import torch

        def backward_twice(x):
            y = 2 * torch.dot(x, x)
            y.backward()
            y.backward()
            return x.grad
        '''))
    assert case["book"] and case["difference"]["kind"] == "raised"
    assert case["difference"]["message"].startswith(
        "Trying to backward through the graph a second time")
    assert case["difference"]["line"] == 7


@pytest.mark.parametrize("body", [
    # y built afresh for each pass: no error, but not the same graph twice
    "for _ in range(2):\n    y = 2 * torch.dot(x, x)\n    y.backward()",
    # one pass and the gradient doubled by hand
    "y = 2 * torch.dot(x, x)\ny.backward()\nx.grad *= 2",
])
def test_backward_twice_must_reuse_one_graph(tmp_path, body):
    source = "import torch\n\ndef backward_twice(x):\n" + textwrap.indent(body, "    ") \
        + "\n    return x.grad\n"
    report = run(tmp_path, "autograd.backward-twice", source)
    assert set(failed_claims(report)) == {"both backward passes ran through the one graph "
                                          "that built y"}
    assert first_failure(report)["difference"] == {"kind": "value", "at": [],
                                                   "theirs": "False", "expected": "True"}


def test_backward_once_is_4x(tmp_path):
    case = first_failure(run(tmp_path, "autograd.backward-twice", '''
        import torch

        def backward_twice(x):
            (2 * torch.dot(x, x)).backward()
            return x.grad
        '''))
    assert case["difference"]["index"] == [1]
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ("4.0", "8.0")


# ---------------------------------------------------------------- 2.5.3 vector or matrix a

def control_flow(body: str) -> str:
    body = textwrap.indent(textwrap.dedent(body), "    ")
    return "import torch\n\n" + BOOK_F + "\n\ndef grad_of_f(a):\n" + body


def test_control_flow_backward_on_a_vector(tmp_path):
    report = run(tmp_path, "autograd.control-flow-vector", control_flow('''
        a = a.detach().requires_grad_(True)
        d = f(a)
        d.backward()
        return a.grad
        '''))
    assert report["cases"][0]["passed"]  # the book's scalar a works
    case = first_failure(report)
    assert (case["index"], case["inputs"]["a"].count(",")) == (0, 2)  # a vector of 3
    assert case["difference"]["message"] == "grad can be implicitly created only for scalar " \
                                            "outputs"


def test_control_flow_ones_of_len_fails_on_a_matrix(tmp_path):
    report = run(tmp_path, "autograd.control-flow-vector", control_flow('''
        a = a.detach().requires_grad_(True)
        d = f(a)
        d.backward(torch.ones(len(d)))
        return a.grad
        '''))
    case = first_failure(report)
    assert case["book"] and case["difference"]["type"] == "TypeError"  # len of a 0-d tensor
    matrix = next(c for c in report["cases"] if c["index"] == 2)  # shape (2, 3)
    assert matrix["difference"]["kind"] == "raised"


def test_control_flow_returning_f_of_a(tmp_path):
    case = first_failure(run(tmp_path, "autograd.control-flow-vector",
                             control_flow("return f(a)\n")))
    assert case["difference"]["kind"] == "elements" and case["difference"]["expected"] == "1024.0"


# ---------------------------------------------------------------- zh 2.5.4 own control flow

OWN_F = '''
    import torch

    def f(x):
        if x.sum() > 0:
            return (x * x).sum()
        return (3 * x).sum()
    '''


def test_own_control_flow_with_a_wrong_gradient(tmp_path):
    case = first_failure(run(tmp_path, "autograd.own-control-flow", OWN_F + '''
    def grad_f(x):
        return 2 * x  # the first branch only
    '''))
    assert case["call"] == "grad_f(x)" and case["difference"]["kind"] == "elements"
    assert case["difference"]["expected"] == "3.0"


def test_own_control_flow_needs_an_if_or_while(tmp_path):
    report = run(tmp_path, "autograd.own-control-flow", '''
        import torch

        def f(x):
            return torch.where(x > 0, x * x, 3 * x).sum()

        def grad_f(x):
            return torch.where(x > 0, 2 * x, torch.full_like(x, 3.0))
        ''')
    assert failed_claims(report) == [
        "f has an if or a while in its body",
        "f took more than one path through its if / while over these inputs"]


def test_own_control_flow_must_take_more_than_one_path(tmp_path):
    report = run(tmp_path, "autograd.own-control-flow", '''
        import torch

        def f(x):
            if x.numel() > 0:  # true for every input: the branch never matters
                return (x * x).sum()
            return x.sum()

        def grad_f(x):
            return 2 * x
        ''')
    assert failed_claims(report) == ["f took more than one path through its if / while "
                                     "over these inputs"]
    assert first_failure(report)["inputs"] == {"paths seen": "1"}


def test_own_control_flow_gradient_by_hand_only(tmp_path):
    report = run(tmp_path, "autograd.own-control-flow", OWN_F + '''
    def grad_f(x):
        x = x.detach().requires_grad_(True)
        f(x).backward()
        return x.grad
    ''')
    assert failed_claims(report) == ["grad_f works the derivative out by hand (no backward, "
                                     "no torch.autograd)"]


# ---------------------------------------------------------------- zh 2.5.5 / en 2.5.4 sin

def test_sin_with_cos_is_refused(tmp_path):
    report = run(tmp_path, "autograd.sin-derivative", '''
        import torch

        def sin_and_derivative(x):
            x = x.detach().requires_grad_(True)
            torch.sin(x).sum().backward()  # autograd is used, but the answer is cos
            return torch.sin(x).detach(), torch.cos(x.detach())
        ''')
    assert failed_claims(report) == ["sin_and_derivative does not call cos"]


def test_sin_without_sum(tmp_path):
    case = first_failure(run(tmp_path, "autograd.sin-derivative", '''
        import torch

        def sin_and_derivative(x):
            x = x.detach().requires_grad_(True)
            y = torch.sin(x)
            y.backward()
            return y.detach(), x.grad
        '''))
    assert case["book"] and case["call"] == "sin_and_derivative(x)"
    assert case["difference"]["message"] == "grad can be implicitly created only for scalar " \
                                            "outputs"
    assert case["difference"]["code"] == "y.backward()"


def test_sin_pair_in_the_wrong_order(tmp_path):
    case = first_failure(run(tmp_path, "autograd.sin-derivative", '''
        import torch

        def sin_and_derivative(x):
            x = x.detach().requires_grad_(True)
            y = torch.sin(x)
            y.sum().backward()
            return x.grad, y.detach()
        '''))
    assert case["difference"]["kind"] == "elements" and case["difference"]["at"] == [0]


# ---------------------------------------------------------------- en 2.5.5 dependency graph

GRAPH = '''
graph = {
    "a": ("square", ["x"]),
    "b": ("log", ["a"]),
    "c": ("sin", ["x"]),
    "d": ("mul", ["b", "c"]),
    "e": ("reciprocal", ["x"]),
    "f": ("add", ["d", "e"]),
}
'''


def test_graph_with_log_of_x(tmp_path):
    # log x instead of log x²: the same for x > 0, not defined for x < 0
    source = GRAPH.replace('    "a": ("square", ["x"]),\n', "").replace('["a"]', '["x"]')
    case = first_failure(run(tmp_path, "autograd.dependency-graph", source))
    assert case["book"] and case["difference"]["kind"] == "elements"
    assert case["difference"]["index"] == [0] and case["difference"]["theirs"] == "nan"
    assert case["inputs"]["x"].startswith("tensor([-3.0000, -2.0000, -0.5000,  0.5000")


def test_graph_with_an_unknown_operation(tmp_path):
    source = GRAPH.replace('("square", ["x"])', '("pow", ["x", "x"])')
    case = first_failure(run(tmp_path, "autograd.dependency-graph", source))
    assert case["difference"]["type"] == "ValueError"
    assert case["difference"]["message"].startswith("entry 'a': 'pow' with 2 input(s) is not")


def test_graph_with_a_dead_end(tmp_path):
    source = GRAPH.replace('    "f"', '    "g": ("cos", ["x"]),\n    "f"')
    assert failed_claims(run(tmp_path, "autograd.dependency-graph", source)) == [
        'every entry of graph is used on the way to "f"']


# ---------------------------------------------------------------- en 2.5.6 chain rule

def test_chain_rule_without_the_inner_derivative(tmp_path):
    # d/dx log(x²) taken as 1/x² (the derivative of log at x², times nothing)
    case = first_failure(run(tmp_path, "autograd.chain-rule", '''
        import torch

        def dfdx(x):
            return 1 / x ** 2 * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2
        '''))
    assert case["book"] and case["difference"]["kind"] == "elements"
    assert case["difference"]["index"] == [0]
    assert case["difference"]["expected"].startswith("-2.1922")  # df/dx at x = -3


def test_chain_rule_by_autograd_is_not_a_formula(tmp_path):
    report = run(tmp_path, "autograd.chain-rule", '''
        import torch

        def dfdx(x):
            x = x.detach().requires_grad_(True)
            (torch.log(x ** 2) * torch.sin(x) + 1 / x).sum().backward()
            return x.grad
        ''')
    assert failed_claims(report) == ["dfdx works the derivative out by hand (no backward, "
                                     "no torch.autograd)"]


# ---------------------------------------------------------------- en 2.5.7 two directions

SOLUTION = learn.by_slug("autograd.forward-backward").solution


def test_forward_and_backward_at_2(tmp_path):
    import math

    report = run(tmp_path, "autograd.forward-backward", SOLUTION)
    book = [case for case in report["cases"] if case["book"]]
    assert [case["inputs"] for case in book] == [{"x": "2.0"}] * 2
    exact = 2 / 2 * math.sin(2) + math.log(4) * math.cos(2) - 1 / 4
    assert round(exact, 4) == 0.0824  # what `prelim autograd grad ... --x 2` prints


def test_backward_mode_missing_a_path(tmp_path):
    source = SOLUTION.replace(' + g["c"] * math.cos(x)', "")
    case = first_failure(run(tmp_path, "autograd.forward-backward", source))
    assert case["call"] == "backward_mode(x)" and case["difference"]["kind"] == "value"
    assert case["difference"]["at"] == ["x"]


def test_forward_mode_without_the_product_rule(tmp_path):
    source = SOLUTION.replace('t["d"] = c * t["b"] + b * t["c"]', 't["d"] = t["b"] * t["c"]')
    case = first_failure(run(tmp_path, "autograd.forward-backward", source))
    assert case["call"] == "forward_mode(x)" and case["difference"]["at"] == ["d"]


def test_forward_mode_with_a_node_left_out(tmp_path):
    source = SOLUTION.replace('    return t\n', '    del t["x"]\n    return t\n')
    case = first_failure(run(tmp_path, "autograd.forward-backward", source))
    assert case["difference"]["kind"] == "keys"
    assert case["difference"]["expected"] == ["a", "b", "c", "d", "e", "f", "x"]


# ---------------------------------------------------------------- other right answers pass

OTHER_WAYS = {
    "autograd.second-derivative": '''
        def second_derivative(f, x):
            x = x.clone().requires_grad_()
            f(x).sum().backward(create_graph=True)
            first = x.grad
            x.grad = None  # or the second pass adds to f'(x)
            first.sum().backward()
            return x.grad
        ''',
    "autograd.backward-twice": '''
        import torch

        def backward_twice(x):
            y = 2 * x @ x
            torch.autograd.backward(y, retain_graph=True)
            torch.autograd.backward(y)
            return x.grad
        ''',
    "autograd.control-flow-vector": "import torch\n\n" + BOOK_F + '''
def grad_of_f(a):
    a.requires_grad_(True)
    d = f(a)
    d.backward(torch.ones_like(d))
    return a.grad
''',
    "autograd.own-control-flow": '''
        import torch

        def f(x):  # only a while: the loop count is the path
            y = x
            while y.abs().max() > 1:
                y = y / 2
            return (y ** 3).sum()

        def grad_f(x):
            scale = 1.0
            while (x * scale).abs().max() > 1:
                scale /= 2
            return 3 * (x * scale) ** 2 * scale
        ''',
    "autograd.sin-derivative": '''
        import torch

        def sin_and_derivative(x):
            x = x.detach().requires_grad_(True)
            y = torch.sin(x)
            dy, = torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y))
            return y.detach(), dy
        ''',
    "autograd.chain-rule": '''
        import torch

        def dfdx(x):
            x = x.float()  # float32 is allowed
            return (2 * x.sin()) / x + (x * x).log() * x.cos() - x ** -2
        ''',
    "autograd.forward-backward": SOLUTION.replace("import math", "import torch as math")
    .replace("def forward_mode(x):\n", "def forward_mode(x):\n    x = math.tensor(x)\n")
    .replace("def backward_mode(x):\n", "def backward_mode(x):\n    x = math.tensor(x)\n"),
}


@pytest.mark.parametrize("slug", OTHER_WAYS)
def test_other_right_answers_pass(tmp_path, slug):
    report = run(tmp_path, slug, OTHER_WAYS[slug])
    assert report["status"] == "passed", [c for c in report["cases"] if not c["passed"]]


def test_second_derivative_by_finite_differences_is_refused(tmp_path):
    report = run(tmp_path, "autograd.second-derivative", '''
        def second_derivative(f, x):
            h = 1e-3
            return (f(x + h) - 2 * f(x) + f(x - h)) / h ** 2
        ''')
    assert failed_claims(report)[0] == ("second_derivative gets its derivatives from autograd "
                                        "(backward or torch.autograd.grad)")


def test_own_control_flow_whose_backward_fails(tmp_path):
    # the graph is fine going forward; the in-place change breaks it going backward
    report = run(tmp_path, "autograd.own-control-flow", '''
        import torch

        def f(x):
            y = x.exp()
            if y.sum() > 3:
                y.mul_(2)
            else:
                y.add_(1)
            return y.sum() * y.sum()

        def grad_f(x):
            return x
        ''')
    case = first_failure(report)
    assert case["call"] == "torch.autograd.grad(f(x), x)" and case["difference"]["kind"] == "raised"
    assert "modified by an inplace operation" in case["difference"]["message"]
