"""Each command's headline fields (contract.py: HEADLINES), read through `-f json`, against
torch and numpy run here; and every command with results has its entry."""

import json

import numpy as np
import pytest
import torch
import typer

from conftest import prelim
from prelim_cli import contract
from prelim_cli.cli import app


def doc(*args: str, lang: str = "en") -> dict:
    result = prelim(*args, "-f", "json", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def tensor(field: dict) -> torch.Tensor:
    """A tensor field back as a tensor, in the dtype it says."""
    assert field["type"] == "tensor" and "data" in field
    made = torch.tensor(field["data"], dtype=getattr(torch, field["dtype"]))
    assert list(made.shape) == field["shape"]
    return made


def same(field: dict, expected: torch.Tensor) -> None:
    assert field["dtype"] == str(expected.dtype).removeprefix("torch.")
    assert torch.equal(tensor(field), expected), (field, expected)


X = torch.arange(12, dtype=torch.float32).reshape(3, 4)  # the book's X of §2.1
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A of §2.3


def test_every_command_with_results_has_headline_fields():
    def commands(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from commands(command, f"{prefix}{name} ")
            else:
                yield prefix + name

    every = set(commands(typer.main.get_command(app)))
    # the tour's document has sections; schema prints a schema; the shell prints what its lines
    # print, and the server's commands have no --format
    # learn watch redraws a terminal on every save, no --format
    assert every - set(contract.HEADLINES) == {"tour", "schema", "shell", "server start",
                                               "server stop", "server status", "learn watch"}
    assert {name.split(" --")[0] for name in contract.HEADLINES} <= every  # "… --coin" too


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tensor_ops_exp_sum(lang):
    x, y = torch.tensor([1.0, 2, 4, 8]), torch.tensor([2, 2, 2, 2])
    results = doc("tensor", "ops", lang=lang)["results"]
    assert list(results) == ["x + y", "x - y", "x * y", "x / y", "x ** y"]
    for (code, field), expected in zip(results.items(), (x + y, x - y, x * y, x / y, x**y)):
        same(field, expected)
    same(doc("tensor", "exp", "[0.0, 1, 2]")["result"], torch.exp(torch.tensor([0.0, 1, 2])))
    same(doc("tensor", "sum")["result"], X.sum())
    assert json.dumps(doc("tensor", "sum")["result"]["data"]) == "66.0"  # a float, not 66


def test_tensor_cat_compare_index_assign():
    results = doc("tensor", "cat")["results"]
    same(results["torch.cat((X, Y), dim=0)"], torch.cat((X, Y), dim=0))
    same(results["torch.cat((X, Y), dim=1)"], torch.cat((X, Y), dim=1))
    results = doc("tensor", "compare")["results"]
    for code, expected in {"X == Y": X == Y, "X < Y": X < Y, "X > Y": X > Y}.items():
        same(results[code], expected)
    results = doc("tensor", "index", "X[-1]", "X[1:3, ::2]")["results"]
    same(results["X[-1]"], X[-1])
    same(results["X[1:3, ::2]"], X[1:3, ::2])
    expected = X.clone()
    expected[1, 2] = 9
    expected[0:2, :] = 12
    same(doc("tensor", "assign")["result"], expected)


def test_tensor_memory_and_convert():
    fields = doc("tensor", "memory")
    assert fields["same_id"] == {"Y = Y + X": False, "Z[:] = X + Y": True, "X += Y": True}
    assert fields["same_data_ptr"] is True
    fields = doc("tensor", "convert")
    assert fields["types"] == {"A": "numpy.ndarray", "B": "torch.Tensor"}
    a = X.numpy()  # numpy's own answer: which of them share a's memory
    assert fields["shares_memory"] == {"X": np.shares_memory(X.numpy(), a),
                                       "B": np.shares_memory(torch.tensor(a).numpy(), a),
                                       "C": np.shares_memory(torch.from_numpy(a).numpy(), a)}
    assert fields["results"] == {"a.item()": 3.5, "float(a)": 3.5, "int(a)": 3}


def test_linalg_scalar_vector_matrix_tensor_elementwise():
    x, y = torch.tensor(3.0), torch.tensor(2.0)
    results = doc("linalg", "scalar")["results"]
    for code, expected in {"x + y": x + y, "x * y": x * y, "x / y": x / y,
                           "x**y": x**y}.items():
        same(results[code], expected)
    fields = doc("linalg", "vector", "[3.0, 4, 5]")
    assert (fields["len"], fields["shape"]) == (3, [3])
    matrix = torch.arange(20).reshape(5, 4)
    fields = doc("linalg", "matrix")
    same(fields["result"], matrix.T)
    assert fields["result_shape"] == [4, 5]
    fields = doc("linalg", "tensor", "--shape", "2,3,4,5")
    assert (fields["result_shape"], fields["dtype"]) == ([2, 3, 4, 5], "int64")
    results = doc("linalg", "elementwise")["results"]
    same(results["A + B"], A + A.clone())
    same(results["A * B"], A * A)
    same(results["a + X"], 2 + torch.arange(24).reshape(2, 3, 4))
    assert results["(a * X).shape"] == [2, 3, 4]


def test_linalg_sum_mean_cumsum_norm():
    results = doc("linalg", "sum")["results"]
    assert list(results) == ["x.sum()", "A.sum()", "A.sum(axis=0)", "A.sum(axis=1)",
                             "A.sum(axis=[0, 1])"]
    same(results["x.sum()"], torch.arange(4, dtype=torch.float32).sum())
    for code, expected in {"A.sum()": A.sum(), "A.sum(axis=0)": A.sum(axis=0),
                           "A.sum(axis=1)": A.sum(axis=1),
                           "A.sum(axis=[0, 1])": A.sum(axis=[0, 1])}.items():
        same(results[code], expected)
    kept = doc("linalg", "sum", "--axis", "1", "--keepdims")["results"]
    same(kept["A.sum(axis=1, keepdims=True)"], A.sum(axis=1, keepdims=True))
    results = doc("linalg", "mean")["results"]
    assert tensor(results["A.mean()"]).item() == pytest.approx(np.arange(20).mean())
    np.testing.assert_allclose(tensor(results["A.mean(axis=0)"]),
                               np.arange(20).reshape(5, 4).mean(axis=0))
    same(results["A.sum(axis=0) / A.shape[0]"], A.sum(axis=0) / 5)
    same(doc("linalg", "cumsum", "--axis", "1")["result"], A.cumsum(axis=1))
    np.testing.assert_allclose(tensor(doc("linalg", "cumsum")["result"]),
                               np.arange(20).reshape(5, 4).cumsum(axis=0))
    results = doc("linalg", "norm")["results"]
    assert tensor(results["torch.norm(u)"]).item() == np.linalg.norm([3.0, -4.0]) == 5
    assert tensor(results["torch.linalg.vector_norm(u, ord=1)"]).item() == 7
    assert tensor(results["torch.linalg.matrix_norm(torch.ones((4, 9)))"]).item() == 6
    results = doc("linalg", "norm", "[[1.0, 2], [3, 4]]", "--ord", "2")["results"]
    two = np.linalg.norm([[1.0, 2], [3, 4]], ord=2)
    assert tensor(results["torch.linalg.matrix_norm(X, ord=2)"]).item() == pytest.approx(two)
    assert tensor(results["torch.norm(X, p=2)"]).item() == pytest.approx(30 ** 0.5)


def test_linalg_products_are_tensors():
    same(doc("linalg", "dot", "[1.0, 2, 3]", "[4.0, 5, 6]")["result"], torch.tensor(32.0))
    same(doc("linalg", "mv")["result"], torch.mv(A, torch.arange(4, dtype=torch.float32)))
    fields = doc("linalg", "mm")
    same(fields["result"], torch.mm(A, torch.ones(4, 3)))
    assert fields["result_shape"] == [5, 3]


def test_autograd_accumulate_detach_control_flow_plot():
    fields = doc("autograd", "accumulate")
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward(retain_graph=True)
    y.backward()
    same(fields["grad"], x.grad)
    assert fields["second_backward_error"]["error"] == "RuntimeError"
    assert "retain_graph=True" in fields["second_backward_error"]["message"]
    x = torch.arange(4.0)
    same(doc("autograd", "detach")["grad"], x * x)  # u, a constant to autograd
    fields = doc("autograd", "control-flow", "--a", "0.5")
    same(fields["grad"], torch.tensor(2.0 ** 11))  # d = 2a doubled 10 times: 1024 = 2048 a
    assert (fields["branch"], fields["iterations"]) == ("if", 10)
    fields = doc("autograd", "plot", "x**3", "--range", "-1:1")
    xs = np.linspace(-1, 1, 201)
    assert fields["function"] == "x**3"
    np.testing.assert_allclose(tensor(fields["x"]), xs, atol=1e-6)
    np.testing.assert_allclose(tensor(fields["y"]), xs**3, atol=1e-6)
    np.testing.assert_allclose(tensor(fields["grad"]), 3 * xs**2, atol=1e-5)


def test_probability_fields():
    fields = doc("probability", "sample", "--seed", "3", "--die")
    torch.manual_seed(3)
    fair = torch.ones([6]) / 6
    multinomial = torch.distributions.multinomial.Multinomial
    multinomial(1, fair).sample(), multinomial(10, fair).sample()
    counts = multinomial(1000, fair).sample()
    same(fields["counts"], counts)
    same(fields["frequencies"], counts / 1000)
    fields = doc("probability", "converge", "--seed", "2", "--groups", "20", "--rolls", "5",
                 "--die")
    torch.manual_seed(2)
    cum = multinomial(5, fair).sample((20,)).cumsum(dim=0)
    estimates = cum / cum.sum(dim=1, keepdims=True)
    assert (fields["seed"], fields["groups"], fields["rolls"]) == (2, 20, 5)
    assert list(fields["estimates"]) == ["1", "10", "20"]
    for after, field in fields["estimates"].items():
        same(field, estimates[int(after) - 1])
    fields = doc("probability", "bayes")  # the book's numbers
    assert fields["p_d1"] == pytest.approx(0.011485)
    assert fields["p_h_given_d1"] == pytest.approx(0.1306, abs=1e-4)
    assert fields["p_d1_d2"] == pytest.approx(0.00176955)
    assert fields["p_h_given_d1_d2"] == pytest.approx(0.8307, abs=1e-4)


def test_headline_fields_do_not_change_with_the_language():
    for args in (["tensor", "memory"], ["linalg", "sum"], ["autograd", "accumulate"]):
        en, zh = doc(*args), doc(*args, lang="zh")
        assert {k: v for k, v in en.items() if k not in ("lang", "steps")} == \
            {k: v for k, v in zh.items() if k not in ("lang", "steps")}
