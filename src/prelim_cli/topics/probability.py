"""§2.6 Probability (概率): rolling a fair die with torch.distributions, the relative
frequencies settling towards 1/6, and Bayes' theorem on the book's medical test.

The cells are those of d2l-zh's chapter_preliminaries/probability.md (PyTorch tab) as of
commit e6b18ccea71451a55fcd861d7b96fddf2587b09a; the Bayes figures are the page's own
(0.011485, 0.1306, 0.00176955, 0.8307).
"""

from __future__ import annotations

import math
import random

import torch
from torch.distributions import multinomial

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.parse.seed import check_seed
from prelim_cli.parse.size import check_size

IMPORT = "from torch.distributions import multinomial"
FAIR = "fair_probs = torch.ones([6]) / 6"
BOOK_GROUPS, BOOK_ROLLS = 500, 10
CHECKPOINTS = (1, 10, 100, 500)  # groups after which the table shows the estimates


def _seeded(demo: Demo, seed: int | None) -> int:
    """Seed torch as the step says: the same seed gives the same rolls."""
    check_seed(seed)
    seed = seed if seed is not None else random.SystemRandom().randrange(10_000)
    demo.extra["seed"] = seed
    # The ; keeps a notebook from showing the Generator torch.manual_seed returns.
    demo.add("probability.seed", f"{IMPORT}\ntorch.manual_seed({seed});", seed=seed)
    torch.manual_seed(seed)
    return seed


def _spread(rolls: int) -> float:
    """The standard deviation of one face's relative frequency over ``rolls`` rolls of a
    fair die: sqrt(p (1 - p) / n) with p = 1/6."""
    return math.sqrt(1 / 6 * 5 / 6 / rolls)


def sample(seed: int | None = None) -> Demo:
    """One roll, ten rolls, a thousand: counts, then relative frequencies near 1/6."""
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
    demo.extra.update(counts=counts.tolist(), frequencies=frequencies.tolist())
    return demo


def converge(seed: int | None = None, groups: int = BOOK_GROUPS, rolls: int = BOOK_ROLLS,
             svg: str | None = None) -> Demo:
    """The book's experiment: ``groups`` groups of ``rolls`` rolls, the running estimate of
    each face's probability after each group; ``svg``: the book's figure, to this file."""
    if groups < 1 or rolls < 1:
        raise PrelimError("probability.converge", groups=groups, rolls=rolls,
                          BOOK_GROUPS=BOOK_GROUPS, BOOK_ROLLS=BOOK_ROLLS)
    check_size((groups, rolls), Message("probability.experiment"))
    demo = Demo("probability converge")
    _seeded(demo, seed)
    fair_probs = torch.ones([6]) / 6
    counts = multinomial.Multinomial(rolls, fair_probs).sample((groups,))
    cum_counts = counts.cumsum(dim=0)
    estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
    demo.add("probability.experiment",
             f"{FAIR}\ncounts = multinomial.Multinomial({rolls}, fair_probs).sample(({groups},))"
             "\ncum_counts = counts.cumsum(dim=0)\n"
             "estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)",
             groups=groups, rolls=rolls)
    rows = [n - 1 for n in CHECKPOINTS if n <= groups] or [groups - 1]
    if rows[-1] != groups - 1:
        rows.append(groups - 1)
    last = estimates[-1]
    demo.add("probability.estimates", f"estimates[{rows}]", estimates[rows],
             after=", ".join(str(r + 1) for r in rows), groups=groups,
             rolls_total=groups * rolls, gap=f"{(last - 1 / 6).abs().max().item():.3f}",
             sd=f"{_spread(groups * rolls):.3f}")
    demo.extra.update(groups=groups, rolls=rolls,
                      estimates={str(r + 1): estimates[r].tolist() for r in rows})
    if svg is not None:
        demo.produce(svg, "figure", _figure(estimates))
        demo.add("probability.plot", _figure_code(svg), path=svg)
    return demo


def _figure_code(path: str) -> str:
    """What d2l.set_figsize and d2l.plt do in the book's cell, in plain matplotlib."""
    return "\n".join([
        "from matplotlib import pyplot as plt",
        "plt.figure(figsize=(6, 4.5))",
        "for i in range(6):",
        "    plt.plot(estimates[:, i].numpy(), label=('P(die=' + str(i + 1) + ')'))",
        "plt.axhline(y=0.167, color='black', linestyle='dashed')",
        "plt.gca().set_xlabel('Groups of experiments')",
        "plt.gca().set_ylabel('Estimated probability')",
        "plt.legend()",
        f"plt.savefig({path!r})"])


def _figure(estimates: torch.Tensor):
    """The book's figure: six curves, the dashed line at 0.167; the writer of its SVG."""
    from prelim_cli.render.svg import new_figure, svg_writer

    fig = new_figure(6, 4.5)
    axes = fig.add_subplot()
    for i in range(6):
        axes.plot(estimates[:, i].numpy(), label=("P(die=" + str(i + 1) + ")"))
    axes.axhline(y=0.167, color="black", linestyle="dashed")
    axes.set_xlabel("Groups of experiments")
    axes.set_ylabel("Estimated probability")
    axes.legend()
    return svg_writer(fig)


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
