"""§2.6 Probability (概率, Probability and Statistics): rolling a fair die (d2l-zh) or
tossing a fair coin (d2l-en) with torch.distributions, the relative frequencies settling
towards the probabilities, and Bayes' theorem on the book's medical test.

The die's cells are those of d2l-zh's chapter_preliminaries/probability.md (PyTorch tab) as
of commit e6b18ccea71451a55fcd861d7b96fddf2587b09a; the coin's, every PyTorch cell of
§2.6.1 of d2l-en's at commit 23d7a5aecceee57d1292c56e90cce307f183bb0a (the pure-Python
tosses, Multinomial(100, ...), its frequencies, 10,000 tosses, the convergence figure).
Both editions give the same Bayes figures (0.011485, 0.1306, 0.00176955, 0.8307).
"""

from __future__ import annotations

import math
import random
from typing import NamedTuple

import torch
from torch.distributions import multinomial
from torch.distributions.multinomial import Multinomial

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.core.values import Charted, Printed, freeze
from prelim_cli.parse.seed import check_seed
from prelim_cli.parse.size import check_size

IMPORT = "from torch.distributions import multinomial"
FAIR = "fair_probs = torch.ones([6]) / 6"
BOOK_GROUPS, BOOK_ROLLS = 500, 10
# d2l-en's coin: its own import, and 10,000 samples of one toss each
COIN_IMPORT = "import random\nfrom torch.distributions.multinomial import Multinomial"
COIN_FAIR = "fair_probs = torch.tensor([0.5, 0.5])"
COIN_GROUPS, COIN_ROLLS = 10_000, 1


def _seeded(demo: Demo, seed: int | None, coin: bool = False) -> int:
    """Seed torch (and, for the coin's pure-Python tosses, random) as the step says: the
    same seed gives the same rolls."""
    check_seed(seed)
    seed = seed if seed is not None else random.SystemRandom().randrange(10_000)
    demo.extra["seed"] = seed
    # The ; keeps a notebook from showing the Generator torch.manual_seed returns.
    if coin:
        demo.add("probability.coin_seed", f"{COIN_IMPORT}\nrandom.seed({seed})\n"
                 f"torch.manual_seed({seed});", seed=seed)
        random.seed(seed)
    else:
        demo.add("probability.seed", f"{IMPORT}\ntorch.manual_seed({seed});", seed=seed)
    torch.manual_seed(seed)
    return seed


def _spread(rolls: int, p: float = 1 / 6) -> float:
    """The standard deviation of one face's relative frequency over ``rolls`` draws, each
    face with probability ``p``: sqrt(p (1 - p) / n)."""
    return math.sqrt(p * (1 - p) / rolls)


def checkpoints(groups: int) -> list[int]:
    """The rows the table shows: after 1, 10, 100, ... groups, and after the last."""
    rows = [10 ** k for k in range(len(str(groups))) if 10 ** k <= groups]
    return rows + ([groups] if rows[-1] != groups else [])


def coin_sample(seed: int | None = None) -> Demo:
    """d2l-en's coin: 100 tosses in pure Python, then Multinomial(100, ...) and its
    frequencies, then 10,000 tosses whose frequencies land near 1/2."""
    demo = Demo("probability sample --coin")
    _seeded(demo, seed, coin=True)
    num_tosses = 100
    heads = sum([random.random() > 0.5 for _ in range(num_tosses)])
    tails = num_tosses - heads
    demo.add("probability.coin_python", "num_tosses = 100\n"
             "heads = sum([random.random() > 0.5 for _ in range(num_tosses)])\n"
             "tails = num_tosses - heads\n"
             'print("heads, tails: ", [heads, tails])',
             Printed(f"heads, tails:  {[heads, tails]}"))
    fair_probs = torch.tensor([0.5, 0.5])
    demo.add("probability.coin_hundred", f"{COIN_FAIR}\nMultinomial(100, fair_probs).sample()",
             Multinomial(100, fair_probs).sample())
    demo.add("probability.coin_frequencies", "Multinomial(100, fair_probs).sample() / 100",
             Multinomial(100, fair_probs).sample() / 100)
    counts = Multinomial(10000, fair_probs).sample()
    frequencies = demo.add("probability.coin_many", "counts = Multinomial(10000, fair_probs)"
                           ".sample()\ncounts / 10000", counts / 10000,
                           gap=f"{(counts / 10000 - 0.5).abs().max().item():.4f}",
                           sd=f"{_spread(10000, 0.5):.3f}", hundred_sd=f"{_spread(100, 0.5):.2f}")
    demo.headline(python_heads=heads, python_tails=tails, counts=counts,
                  frequencies=frequencies)
    return demo


def sample(seed: int | None = None, coin: bool = False) -> Demo:
    """One roll, ten rolls, a thousand: counts, then relative frequencies near 1/6; with
    ``coin``, d2l-en's coin instead."""
    if coin:
        return coin_sample(seed)
    demo = Demo("probability sample")
    _seeded(demo, seed)
    fair_probs = torch.ones([6]) / 6
    demo.add("probability.one", f"{FAIR}\nmultinomial.Multinomial(1, fair_probs).sample()",
             multinomial.Multinomial(1, fair_probs).sample())
    ten = demo.add("probability.ten", "multinomial.Multinomial(10, fair_probs).sample()",
                   multinomial.Multinomial(10, fair_probs).sample())
    counts = multinomial.Multinomial(1000, fair_probs).sample()
    frequencies = demo.add("probability.thousand", "counts = multinomial.Multinomial(1000, "
                           "fair_probs).sample()\ncounts / 1000", counts / 1000,
                           ten_gap=f"{(ten / 10 - 1 / 6).abs().max().item():.3f}",
                           gap=f"{(counts / 1000 - 1 / 6).abs().max().item():.3f}",
                           ten_sd=f"{_spread(10):.3f}", sd=f"{_spread(1000):.4f}")
    demo.headline(counts=counts, frequencies=frequencies)
    return demo


class Experiment(NamedTuple):
    """One edition's experiment, as its cells and its figure spell it."""

    name: str
    fair: str  # the cell that makes fair_probs
    labels: list[str]  # the figure's curves
    line: float  # its dashed line
    xlabel: str
    size: tuple[float, float]  # inches


DIE = Experiment("die", FAIR, [f"P(die={i + 1})" for i in range(6)], 0.167,
                 "Groups of experiments", (6, 4.5))
COIN = Experiment("coin", COIN_FAIR, ["P(coin=heads)", "P(coin=tails)"], 0.5, "Samples",
                  (4.5, 3.5))


def converge(seed: int | None = None, groups: int | None = None, rolls: int | None = None,
             svg: str | None = None, coin: bool = False, lang: str = "en") -> Demo:
    """The book's experiment: ``groups`` groups of ``rolls`` rolls (d2l-zh: 500 of 10 rolls
    of a die; d2l-en, ``coin``: 10,000 of one toss), the running estimate of each face's
    probability after each group; ``svg``: the book's figure, to this file."""
    groups = groups if groups is not None else COIN_GROUPS if coin else BOOK_GROUPS
    rolls = rolls if rolls is not None else COIN_ROLLS if coin else BOOK_ROLLS
    if groups < 1 or rolls < 1:
        raise PrelimError("probability.converge", groups=groups, rolls=rolls,
                          BOOK_GROUPS=COIN_GROUPS if coin else BOOK_GROUPS,
                          BOOK_ROLLS=COIN_ROLLS if coin else BOOK_ROLLS)
    check_size((groups, rolls), Message("probability.experiment"))
    experiment = COIN if coin else DIE
    demo = Demo("probability converge" + (" --coin" if coin else ""))
    _seeded(demo, seed, coin)
    if coin:
        fair_probs = torch.tensor([0.5, 0.5])
        counts = Multinomial(rolls, fair_probs).sample((groups,))
        sampler = "Multinomial"
    else:
        fair_probs = torch.ones([6]) / 6
        counts = multinomial.Multinomial(rolls, fair_probs).sample((groups,))
        sampler = "multinomial.Multinomial"
    cum_counts = counts.cumsum(dim=0)
    estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
    demo.add("probability.coin_experiment" if coin else "probability.experiment",
             f"{experiment.fair}\ncounts = {sampler}({rolls}, fair_probs).sample(({groups},))"
             "\ncum_counts = counts.cumsum(dim=0)\n"
             "estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)",
             groups=groups, rolls=rolls)
    rows = [n - 1 for n in checkpoints(groups)]
    p = 1 / len(fair_probs)
    last = estimates[-1]
    demo.add("probability.coin_estimates" if coin else "probability.estimates",
             f"estimates[{rows}]", _charted(estimates[rows], estimates, experiment.labels, p),
             after=", ".join(str(r + 1) for r in rows), groups=groups,
             rolls_total=groups * rolls, gap=f"{(last - p).abs().max().item():.3f}",
             sd=f"{_spread(groups * rolls, p):.3f}")
    demo.headline(groups=groups, rolls=rolls,
                  estimates={str(r + 1): estimates[r] for r in rows})
    if svg is not None:
        demo.produce(svg, "figure", _figure(estimates, experiment, lang))
        demo.add("probability.coin_plot" if coin else "probability.plot",
                 _figure_code(svg, experiment), path=svg)
    return demo


CHART_POINTS = 40  # a sparkline's width on the terminal


def _charted(shown: torch.Tensor, estimates: torch.Tensor, labels: list[str], p: float):
    """``shown`` with each face's estimate after 1, ..., all groups, spaced evenly on a log
    scale (each tenfold more groups gets as much room as the first ten), for the table
    format's sparklines."""
    groups = len(estimates)
    at = sorted({round(groups ** (i / (CHART_POINTS - 1))) - 1 for i in range(CHART_POINTS)})
    series = [(label.removeprefix("P(").removesuffix(")"), estimates[at, i].tolist())
              for i, label in enumerate(labels)]
    return Charted(freeze(shown), series, round(p, 3), (1, groups))


def _figure_code(path: str, experiment: Experiment) -> str:
    """What d2l.set_figsize and d2l.plt do in the book's cell, in plain matplotlib."""
    _, _, labels, line, xlabel, (width, height) = experiment
    if experiment is COIN:  # d2l-en's cell, a line per label
        curves = [f"plt.plot(estimates[:, {i}].numpy(), label=({label!r}))"
                  for i, label in enumerate(labels)]
    else:  # d2l-zh's loop
        curves = ["for i in range(6):",
                  "    plt.plot(estimates[:, i].numpy(), label=('P(die=' + str(i + 1) + ')'))"]
    return "\n".join([
        "from matplotlib import pyplot as plt",
        f"plt.figure(figsize=({width}, {height}))",
        *curves,
        f"plt.axhline(y={line}, color='black', linestyle='dashed')",
        f"plt.gca().set_xlabel({xlabel!r})",
        "plt.gca().set_ylabel('Estimated probability')",
        "plt.legend()",
        f"plt.savefig({path!r})"])


def _figure(estimates: torch.Tensor, experiment: Experiment, lang: str):
    """The book's figure: a curve per face, the dashed line at the probability; the writer
    of its SVG (its labels are the book's; the file's title is in the reader's language)."""
    from prelim_cli.i18n import Texts
    from prelim_cli.render.svg import new_figure, svg_writer

    _, _, labels, line, xlabel, size = experiment
    fig = new_figure(*size)
    axes = fig.add_subplot()
    for i, label in enumerate(labels):
        axes.plot(estimates[:, i].numpy(), label=label)
    axes.axhline(y=line, color="black", linestyle="dashed")
    axes.set_xlabel(xlabel)
    axes.set_ylabel("Estimated probability")
    axes.legend()
    title = "figure.converge_coin" if experiment.name == "coin" else "figure.converge"
    return svg_writer(fig, Texts(lang).step(title, {})[0])


def _probability(value: float, option: str) -> float:
    if not 0 <= value <= 1:
        raise PrelimError("probability.probability", option=option, value=value)
    return value


def bayes(prior: float = 0.0015, sensitivity: float = 1.0, false_positive: float = 0.01,
          sensitivity2: float = 0.98, false_positive2: float = 0.03) -> Demo:
    """The book's medical test: how likely the condition is after one positive test, then
    after a second, conditionally independent one. The defaults are the book's numbers."""
    p_h = _probability(prior, "--prior")
    a, b = _probability(sensitivity, "--sensitivity"), _probability(false_positive,
                                                                    "--false-positive")
    c, d = _probability(sensitivity2, "--sensitivity2"), _probability(false_positive2,
                                                                      "--false-positive2")
    p_d1 = b * (1 - p_h) + a * p_h
    if p_d1 == 0:
        raise PrelimError("probability.bayes")
    demo = Demo("probability bayes")
    demo.add("probability.bayes_d1", f"p_h = {p_h!r}  # P(H=1)\n"
             f"p_d1_h1, p_d1_h0 = {a!r}, {b!r}  # P(D1=1 | H=1), P(D1=1 | H=0)\n"
             "p_d1 = p_d1_h0 * (1 - p_h) + p_d1_h1 * p_h  # P(D1=1), by marginalisation\n"
             "p_d1", p_d1)
    after_one = demo.add("probability.bayes_h_d1", "p_d1_h1 * p_h / p_d1  # P(H=1 | D1=1)",
                         a * p_h / p_d1)
    p_both = b * d * (1 - p_h) + a * c * p_h
    demo.add("probability.bayes_d2", f"p_d2_h1, p_d2_h0 = {c!r}, {d!r}  # the second test\n"
             "p_both = p_d1_h0 * p_d2_h0 * (1 - p_h) + p_d1_h1 * p_d2_h1 * p_h\np_both", p_both)
    if p_both == 0:
        raise PrelimError("probability.bayes_2")
    after_two = a * c * p_h / p_both
    demo.add("probability.bayes_h_both", "p_d1_h1 * p_d2_h1 * p_h / p_both  "
             "# P(H=1 | D1=1, D2=1)", after_two, one=f"{after_one:.2%}", two=f"{after_two:.2%}")
    demo.extra.update(p_d1=p_d1, p_h_given_d1=after_one, p_d1_d2=p_both,
                      p_h_given_d1_d2=after_two)
    return demo
