"""prelim probability (§2.6): the die's counts obey the multinomial's laws and are torch's own
for the seed; the running estimates are the book's formula; Bayes gives the book's figures."""

import json
import math
import xml.etree.ElementTree as ET

import nbformat
import pytest
import torch
from torch.distributions import multinomial

from conftest import exported_and_shown, prelim, prelim_json, values


def test_sample_is_torchs_own_rolls_for_the_seed():
    doc = prelim_json("probability", "sample", "--seed", "3", "--die")
    torch.manual_seed(3)  # the book's cells, run here with the same seed
    fair_probs = torch.ones([6]) / 6
    one = multinomial.Multinomial(1, fair_probs).sample()
    ten = multinomial.Multinomial(10, fair_probs).sample()
    counts = multinomial.Multinomial(1000, fair_probs).sample()
    shown = [v["data"] for v in values(doc) if isinstance(v, dict)]
    assert shown == [one.tolist(), ten.tolist(), (counts / 1000).tolist()]
    assert doc["seed"] == 3 and doc["counts"]["data"] == counts.tolist()


@pytest.mark.parametrize("seed", [0, 1, 2, 12345])
def test_counts_obey_the_multinomials_laws(seed):
    doc = prelim_json("probability", "sample", "--seed", str(seed), "--die")
    one, ten, thousand = (v["data"] for v in values(doc) if isinstance(v, dict))
    assert sorted(one) == [0, 0, 0, 0, 0, 1] and sum(ten) == 10
    assert sum(doc["counts"]["data"]) == 1000
    bound = 5 * math.sqrt(1 / 6 * 5 / 6 / 1000)  # five standard deviations of a frequency
    assert all(abs(f - 1 / 6) < bound for f in thousand)


def test_a_fresh_seed_is_shown_and_repeats_the_rolls():
    first = prelim_json("probability", "sample")
    again = prelim_json("probability", "sample", "--seed", str(first["seed"]))
    assert first["counts"] == again["counts"]
    assert f"torch.manual_seed({first['seed']})" in first["steps"][0]["code"]


def test_converge_is_the_books_running_estimate():
    doc = prelim_json("probability", "converge", "--seed", "0", "--die")
    torch.manual_seed(0)
    counts = multinomial.Multinomial(10, torch.ones([6]) / 6).sample((500,))
    cum = counts.cumsum(dim=0)
    for after, field in doc["estimates"].items():  # by hand: counts so far over rolls so far
        row = field["data"]
        assert row == pytest.approx((cum[int(after) - 1] / (10 * int(after))).tolist())
        assert sum(row) == pytest.approx(1.0)
    assert list(doc["estimates"]) == ["1", "10", "100", "500"]


def test_groups_and_rolls_are_the_exercise_and_are_capped():
    doc = prelim_json("probability", "converge", "--groups", "30", "--rolls", "100")
    assert list(doc["estimates"]) == ["1", "10", "30"] and doc["rolls"] == 100
    for args, words in ((["--groups", "0"], "must be 1 or more"),
                        (["--groups", "100000", "--rolls", "100000"], "over the limit")):
        result = prelim("probability", "converge", *args)
        assert result.exit_code == 1 and words in result.stderr
        assert result.stderr.count("Error:") == 1


def test_the_books_figure_is_deterministic(tmp_path):
    paths = [tmp_path / "a.svg", tmp_path / "b.svg"]
    for path in paths:
        result = prelim("probability", "converge", "--seed", "0", "--die", "--svg", str(path))
        assert result.exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    texts = {t.text for t in ET.parse(paths[0]).iter("{http://www.w3.org/2000/svg}text")}
    assert {f"P(die={i})" for i in range(1, 7)} <= texts
    assert {"Groups of experiments", "Estimated probability"} <= texts


def test_bayes_gives_the_books_figures():
    doc = prelim_json("probability", "bayes")
    assert doc["p_d1"] == pytest.approx(0.011485)
    assert round(doc["p_h_given_d1"], 4) == 0.1306
    assert doc["p_d1_d2"] == pytest.approx(0.00176955)
    assert round(doc["p_h_given_d1_d2"], 4) == 0.8307
    assert "13.06%" in doc["steps"][-1]["explanation"]


def test_bayes_with_a_commoner_condition_and_bad_probabilities():
    doc = prelim_json("probability", "bayes", "--prior", "0.1")
    assert doc["p_h_given_d1"] == pytest.approx(0.1 / (0.1 + 0.01 * 0.9))
    for args in (["--prior", "1.5"], ["--sensitivity", "-0.1"]):
        result = prelim("probability", "bayes", *args)
        assert result.exit_code == 1 and args[1] in result.stderr


@pytest.mark.parametrize("command", ["sample", "converge", "bayes"])
def test_exports_print_what_prelim_showed(command, tmp_path):
    printed, shown = exported_and_shown(["probability", command, "--seed", "0", "--die"]
                                        if command != "bayes" else ["probability", command],
                                        tmp_path)
    assert [line for line in printed.splitlines() if line] == [
        line for line in shown.splitlines() if line]


def test_the_tour_plays_the_section_and_its_notebook_validates(tmp_path):
    doc = prelim_json("tour", "probability")
    assert doc["sections"][0]["number"] == "2.6"
    path = tmp_path / "p.ipynb"
    assert prelim("tour", "probability", "--export", str(path), "-f", "json").exit_code == 0
    nbformat.validate(nbformat.read(path, as_version=4))
    assert json.loads(path.read_text())["cells"]


# --- d2l-en's coin (23d7a5a, §2.6.1) ------------------------------------------------------

def test_the_coin_is_pythons_and_torchs_own_tosses_for_the_seed():
    import random

    doc = prelim_json("probability", "sample", "--coin", "--seed", "7")
    random.seed(7)  # the book's cells, run here with the same seeds
    torch.manual_seed(7)
    heads = sum([random.random() > 0.5 for _ in range(100)])
    fair_probs = torch.tensor([0.5, 0.5])
    hundred = multinomial.Multinomial(100, fair_probs).sample()
    frequencies = multinomial.Multinomial(100, fair_probs).sample() / 100
    counts = multinomial.Multinomial(10000, fair_probs).sample()
    assert doc["steps"][1]["value"] == f"heads, tails:  {[heads, 100 - heads]}"
    shown = [v["data"] for v in values(doc) if isinstance(v, dict)]
    assert shown == [hundred.tolist(), frequencies.tolist(), (counts / 10000).tolist()]
    assert doc["counts"]["data"] == counts.tolist()


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_coin_counts_obey_the_binomials_laws(seed):
    doc = prelim_json("probability", "sample", "--edition", "en", "--seed", str(seed))
    assert doc["command"] == "probability sample --coin"
    assert doc["python_heads"] + doc["python_tails"] == 100
    hundred, freq, many = (v["data"] for v in values(doc) if isinstance(v, dict))
    assert sum(hundred) == 100 and sum(freq) == pytest.approx(1)
    assert sum(doc["counts"]["data"]) == 10000
    bound = 5 * math.sqrt(0.5 * 0.5 / 10000)  # five standard deviations of a frequency
    assert all(abs(f - 0.5) < bound for f in many)


def test_coin_converge_is_the_books_10000_tosses_and_figure(tmp_path):
    doc = prelim_json("probability", "converge", "--coin", "--seed", "0")
    torch.manual_seed(0)
    counts = multinomial.Multinomial(1, torch.tensor([0.5, 0.5])).sample((10000,))
    heads = counts[:, 0].cumsum(dim=0)
    assert list(doc["estimates"]) == ["1", "10", "100", "1000", "10000"]
    for after, row in doc["estimates"].items():  # by hand: heads so far over tosses so far
        n = int(after)
        assert row["data"] == pytest.approx([heads[n - 1].item() / n,
                                             1 - heads[n - 1].item() / n])
    paths = [tmp_path / "a.svg", tmp_path / "b.svg"]
    for path in paths:
        assert prelim("probability", "converge", "--coin", "--seed", "0", "--svg",
                      str(path)).exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    texts = {t.text for t in ET.parse(paths[0]).iter("{http://www.w3.org/2000/svg}text")}
    assert {"P(coin=heads)", "P(coin=tails)", "Samples", "Estimated probability"} <= texts
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    steps = prelim_json("probability", "converge", "--coin", "--seed", "0", "--svg",
                        str(tmp_path / "c.svg"), "--force")["steps"]
    code = steps[-1]["code"]
    assert "plt.axhline(y=0.5, color='black', linestyle='dashed')" in code
    assert "figsize=(4.5, 3.5)" in code
    plt.close("all")


@pytest.mark.parametrize("command", ["sample", "converge"])
def test_coin_exports_print_what_prelim_showed(command, tmp_path):
    args = ["probability", command, "--seed", "0", "--coin"] + (
        ["--groups", "100"] if command == "converge" else [])
    printed, shown = exported_and_shown(args, tmp_path)
    assert [line for line in printed.splitlines() if line] == [
        line for line in shown.splitlines() if line]
    notebook = tmp_path / "coin.ipynb"
    assert prelim(*args, "--export", str(notebook)).exit_code == 0
    nbformat.validate(nbformat.read(notebook, as_version=4))


@pytest.mark.parametrize("unicode", [True, False])
def test_the_terminal_draws_a_sparkline_per_face(unicode):
    import io

    from conftest import built
    from prelim_cli.core.env import Output
    from prelim_cli.render import render

    [demo], _ = built("probability", "converge", "--seed", "0", "--die")
    out = Output(io.StringIO(), width=100, unicode=unicode)
    render(demo, "table", "en", False, out)
    lines = out.stdout.getvalue().splitlines()
    torch.manual_seed(0)
    counts = multinomial.Multinomial(10, torch.ones([6]) / 6).sample((500,)).cumsum(dim=0)
    last = counts[-1] / 5000
    levels = "▁▂▃▄▅▆▇█" if unicode else "_.:-=+*#"
    for face in range(6):  # each face: its curve, then torch's own final estimate
        [line] = [ln for ln in lines if ln.split()[:1] == [f"die={face + 1}"]]
        _, curve, final = line.split()
        assert set(curve) <= set(levels) and 2 <= len(curve) <= 40
        assert final == f"{last[face].item():.4f}"
    [target] = [ln.split() for ln in lines if ln.split()[:1] == ["0.167"]]
    assert len(set(target[1])) == 1  # the dashed line of the figure, flat
    assert all(ln.isascii() for ln in lines) != unicode
    json_value = prelim_json("probability", "converge", "--seed", "0", "--die")["steps"][2]
    assert json_value["value"]["shape"] == [4, 6]  # scripts get the numbers, not the chart
