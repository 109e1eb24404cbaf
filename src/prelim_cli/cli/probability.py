"""prelim probability: the demos of §2.6 (probability)."""

from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app, new_group
from prelim_cli.cli.options import svg_option
from prelim_cli.cli.run import demo_command

probability_app = new_group("§2.6 Probability: roll a die (d2l-zh) or toss a coin (d2l-en) "
                            "with torch.distributions, watch the frequencies settle, and apply "
                            "Bayes' theorem.")
app.add_typer(probability_app, name="probability")

SeedOpt = Annotated[Optional[int], typer.Option(
    help="Random seed (default: a fresh one, shown in the output).", show_default=False)]


def _chance(name: str, book: float, what: str):
    return Annotated[float, typer.Option(f"--{name}", help=f"{what} (the book's: {book}).")]


CoinOpt = Annotated[Optional[bool], typer.Option(
    "--coin/--die", show_default=False,
    help="Toss d2l-en's fair coin, or roll d2l-zh's fair die (default: the --edition's).")]


def _coin(coin: Optional[bool], edition: str) -> bool:
    return coin if coin is not None else edition == "en"


@demo_command(probability_app, "sample")
def probability_sample(seed: SeedOpt = None, coin: CoinOpt = None, edition=None):
    """Draw from a fair die (one roll, ten, a thousand) or coin (100 tosses, then 10,000).

    Example: prelim probability sample --seed 0 --die
    """
    from prelim_cli.topics import probability

    return probability.sample(seed, _coin(coin, edition))


@demo_command(probability_app, "converge")
def probability_converge(
    seed: SeedOpt = None,
    groups: Annotated[Optional[int], typer.Option(
        help="Groups of experiments (the book's: 500 for the die, 10,000 for the coin).",
        show_default=False)] = None,
    rolls: Annotated[Optional[int], typer.Option(
        help="Rolls or tosses in each group (the book's: 10 for the die, 1 for the coin).",
        show_default=False)] = None,
    svg: svg_option("Draw the book's figure: the estimates against the groups.") = None,
    coin: CoinOpt = None,
    edition=None,
    language=None,
):
    """The book's experiment: the estimates converging to 1/6 (die) or 1/2 (coin).

    Example: prelim probability converge --seed 0 --die --svg die.svg
    """
    from prelim_cli.topics import probability

    return probability.converge(seed, groups, rolls, svg, _coin(coin, edition), language)


@demo_command(probability_app, "bayes")
def probability_bayes(
    prior: _chance("prior", 0.0015, "P(H=1): how common the condition is") = 0.0015,
    sensitivity: _chance("sensitivity", 1.0, "P(D1=1 | H=1) of the first test") = 1.0,
    false_positive: _chance("false-positive", 0.01, "P(D1=1 | H=0) of the first test") = 0.01,
    sensitivity2: _chance("sensitivity2", 0.98, "P(D2=1 | H=1) of the second test") = 0.98,
    false_positive2: _chance("false-positive2", 0.03, "P(D2=1 | H=0) of the second test")
    = 0.03,
):
    """Bayes' theorem on the book's medical test: one positive test, then two.

    Example: prelim probability bayes --prior 0.01
    """
    from prelim_cli.topics import probability

    return probability.bayes(prior, sensitivity, false_positive, sensitivity2, false_positive2)
