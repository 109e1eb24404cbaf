"""The exercises of §2.6 (both editions) and their checkers.

Each checker builds the book's input where the book has one and generated ones, computes the
answer its own way (loops, enumerating a joint distribution, the Venn diagram's regions) and
records each comparison on the Trial. The experiments are random: their checks are
statistical, with Hoeffding bounds chosen so that a correct answer fails with a probability
below one in a million per run. torch is imported inside the checkers: they run only in the
child.
"""

import math

from prelim_cli.learn.exercise import Exercise, Text

MISS = 1e-9  # the chance each statistical claim gives a correct answer to fail


def hoeffding(samples: int, width: float = 1.0, sides: int = 2) -> float:
    """How far the mean of ``samples`` independent values in an interval of ``width`` may
    stray from its expectation, except with probability MISS."""
    return width * math.sqrt(math.log(sides / MISS) / (2 * samples))


# ---------------------------------------------------------------- zh 2.6.1 m groups of n rolls

GROUPS = Exercise(
    slug="probability.groups-of-rolls",
    section="probability",
    numbers={"zh": "2.6.1"},
    kind="code",
    title=Text("m groups of n rolls: the running estimates", "m 组、每组 n 次投掷：逐步的估计值"),
    statement=Text(
        "§2.6 rolls a fair die in m = 500 groups of n = 10 rolls and plots how the estimated "
        "probability of each face settles. Write `experiment(m, n)`: draw m groups of n rolls "
        "of a fair six-sided die with torch (for instance with "
        "`torch.distributions.multinomial.Multinomial`) and return the running estimates, a "
        "floating-point tensor of shape (m, 6) whose row i holds, for each face, the "
        "fraction of all rolls in groups 0 to i that showed it (so every row sums to 1). "
        "The check is statistical: prelim seeds torch, calls your function with the book's "
        "m and n and with others (down to 1), and checks the shape, the row sums, that row i "
        "counts the (i + 1)·n rolls of its groups, and that the frequencies stay within "
        "Hoeffding bounds of a fair die (a correct function fails with a probability below "
        "one in a million). Then vary m and n yourself and write what you notice in `notes`.",
        "§2.6 把一个公平的骰子投 m = 500 组、每组 n = 10 次，画出每个面的概率估计值如何逐渐"
        "稳定。写出 `experiment(m, n)`：用 torch（例如 "
        "`torch.distributions.multinomial.Multinomial`）投 m 组、每组 n 次公平的六面骰子，"
        "返回逐步的估计值：形状为 (m, 6) 的浮点张量，第 i 行是第 0 组到第 i 组的全部投掷中"
        "每个面出现的比例（所以每一行的和都是 1）。检查是统计性的：prelim 设定 torch 的随机"
        "种子，用书中的 m、n 以及其他取值（最小到 1）调用你的函数，检查形状、每行的和、第 i "
        "行是否恰好统计了前 i + 1 组共 (i + 1)·n 次投掷，以及频率是否落在公平骰子的 "
        "Hoeffding 界之内（正确的函数失败的概率低于百万分之一）。然后自己改变 m 和 n，"
        "把观察到的现象写进 `notes`。"),
    hints=(
        Text("`Multinomial(n, torch.ones(6) / 6).sample((m,))` gives an (m, 6) tensor of "
             "counts: row i is how often each face came up in group i.",
             "`Multinomial(n, torch.ones(6) / 6).sample((m,))` 给出形状 (m, 6) 的计数张量："
             "第 i 行是第 i 组中每个面出现的次数。"),
        Text("Add the counts up group after group along axis 0, then divide each row by its "
             "own total so that it sums to 1.",
             "沿轴 0 把各组的计数逐组累加，再让每一行除以它自己的总数，使它的和为 1。"),
        Text("`cum = counts.cumsum(dim=0)` and `cum / cum.sum(dim=1, keepdim=True)`.",
             "`cum = counts.cumsum(dim=0)`，再算 `cum / cum.sum(dim=1, keepdim=True)`。"),
    ),
    stub='''import torch
from torch.distributions import multinomial


def experiment(m, n):
    """The running estimates, shape (m, 6), of m groups of n rolls of a fair die."""
    ...


notes = """
What changes when you vary m and n?
"""
''',
    solution='''import torch
from torch.distributions import multinomial


def experiment(m, n):
    """The running estimates, shape (m, 6), of m groups of n rolls of a fair die."""
    fair_probs = torch.ones(6) / 6
    counts = multinomial.Multinomial(n, fair_probs).sample((m,))
    cum_counts = counts.cumsum(dim=0)
    return cum_counts / cum_counts.sum(dim=1, keepdim=True)


notes = """
Row i rests on (i + 1)·n rolls, so its spread around 1/6 shrinks like 1/sqrt((i + 1)·n).
"""
''',
    answer=Text(
        "Row i of the estimates rests on (i + 1)·n rolls, and a frequency from N rolls "
        "strays from 1/6 by about sqrt((1/6)(5/6)/N), so what matters is the number of "
        "rolls m·n seen so far, not how they are grouped: 500 groups of 10 and 50 groups of "
        "100 end equally close to 1/6. n sets how wild the first rows are (with n = 1 the "
        "first row is one face at 1 and the others at 0), m sets how far along the curve "
        "goes. Quadrupling the rolls only halves the spread.",
        "估计值的第 i 行来自 (i + 1)·n 次投掷，N 次投掷得到的频率偏离 1/6 约 "
        "sqrt((1/6)(5/6)/N)，所以起作用的是到目前为止的投掷总数 m·n，而不是怎么分组："
        "500 组各 10 次和 50 组各 100 次，最终离 1/6 一样近。n 决定前几行波动多大（n = 1 "
        "时第一行是某个面为 1、其余为 0），m 决定曲线走多远。投掷次数翻四倍，偏差只减半。"),
    checker="probability:check_groups",
    lesson="prelim probability converge --die --groups 50 --rolls 100 --seed 0",
)


def check_groups(t) -> None:
    experiment = t.function("experiment")
    cases = [(500, 10, None)]  # the book's m and n
    for i in range(12):
        rand = t.random(i)
        m, n = rand.randint(1, 400), rand.randint(1, 30)
        m, n = {0: (1, 1), 1: (1, 40), 2: (300, 1), 3: (200, 2)}.get(i, (m, n))
        cases.append((m, n, i))
    for m, n, i in cases:
        seed = t.seed * 1000 + (999 if i is None else i)
        _check_rolls(t, experiment, m, n, seed, i)


def _check_rolls(t, experiment, m: int, n: int, seed: int, generated) -> None:
    import torch

    call, inputs = f"experiment({m}, {n})", {"m": m, "n": n}
    got: list = []

    def run():
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            got.append(experiment(m, n))
        return _shape(got[0])

    if not t.expect(f"{call}.shape", run, (m, 6), inputs=inputs, generated=generated):
        return
    estimates = got[0]

    def claim(text: Text, truth) -> None:
        t.holds(text, truth, inputs=inputs, generated=generated)

    claim(Text(f"{call} holds floating-point numbers", f"{call} 存放的是浮点数"),
          estimates.is_floating_point)
    values = estimates.detach().double()
    claim(Text(f"every row of {call} sums to 1", f"{call} 的每一行之和为 1"),
          lambda: _close(values.sum(dim=1), 1.0))
    counts = values * n * torch.arange(1, m + 1, dtype=torch.float64)[:, None]
    per_group = torch.diff(counts, dim=0, prepend=torch.zeros(1, 6, dtype=torch.float64))
    claim(Text(f"row i of {call} counts the (i + 1)·{n} rolls of groups 0 to i",
               f"{call} 的第 i 行统计的是第 0 到第 i 组的 (i + 1)·{n} 次投掷"),
          lambda: _close(counts, counts.round(), 0.01) and bool((per_group > -0.01).all())
          and _close(per_group.sum(dim=1), float(n), 0.01))
    # every roll is a fair draw: each face's frequency over all m·n rolls is near 1/6 ...
    claim(Text(f"each face's frequency after all {m * n} rolls is within "
               f"{hoeffding(m * n):.3g} of 1/6",
               f"全部 {m * n} 次投掷之后，每一面的频率与 1/6 相差不超过 "
               f"{hoeffding(m * n):.3g}"),
          lambda: bool(((values[-1] - 1 / 6).abs() <= hoeffding(m * n)).all()))
    # ... and each group really is n rolls: a face misses a group with chance (5/6)^n
    missing = (per_group.round() == 0).double().mean(dim=0)
    claim(Text(f"each face is absent from a share of the groups within {hoeffding(m):.3g} "
               f"of (5/6)^{n}",
               f"每一面没有出现的组所占的比例与 (5/6)^{n} 相差不超过 {hoeffding(m):.3g}"),
          lambda: bool(((missing - (5 / 6) ** n).abs() <= hoeffding(m)).all()))


def _shape(value):
    """A tensor's shape as a tuple; anything else as what it is, so compare names its type."""
    import torch

    return tuple(value.shape) if isinstance(value, torch.Tensor) else value


def _close(value, want, atol: float = 1e-5) -> bool:
    import torch

    return bool(torch.allclose(value, torch.as_tensor(want, dtype=value.dtype).expand_as(value),
                               atol=atol, rtol=0))


# ---------------------------------------------------------------- en 2.6.1, 2.6.2 reflect

REFLECT_STUB = '''# Write your answer between the triple quotes, then set done = True.
answer = """
"""
done = False
'''

UNCERTAINTY_VANISHES = Exercise(
    slug="probability.uncertainty-vanishes",
    section="probability",
    numbers={"en": "2.6.1"},
    kind="reflect",
    title=Text("More data, as little uncertainty as you like", "数据越多，不确定性可以任意小"),
    statement=Text(
        "Describe a situation in which observing more and more data drives the uncertainty "
        "about the outcome as low as you want, and say why it goes all the way down.",
        "描述一种情形：观察的数据越来越多，关于结果的不确定性可以降到任意低。说明为什么"
        "它能一直降下去。"),
    hints=(
        Text("Think of a quantity that is fixed but unknown, which every observation tells "
             "you a little more about.",
             "想一个固定但未知的量，每一次观察都让你对它多了解一点。"),
        Text("The coin of §2.6: how precisely do you know its probability of heads after n "
             "tosses?",
             "§2.6 的硬币：投了 n 次以后，你对它正面朝上的概率知道得有多精确？"),
    ),
    stub=REFLECT_STUB,
    solution='''answer = """
Estimating a coin's probability of heads: the fraction of heads after n tosses has a
standard deviation of sqrt(p(1 - p)/n), which goes to 0 as n grows.
"""
done = True
''',
    answer=Text(
        "Estimating a fixed quantity from independent observations: the coin's probability "
        "of heads, the mean height of a population. The fraction of heads after n tosses "
        "has standard deviation sqrt(p(1 − p)/n), which shrinks to zero as n grows, so the "
        "uncertainty about p (the epistemic part, what we do not know yet) can be made as "
        "small as we like. Another example: a deterministic but unknown value measured "
        "with independent noise; averaging n measurements cuts the error like 1/sqrt(n).",
        "从独立的观察中估计一个固定的量：硬币正面朝上的概率、一群人的平均身高。n 次投掷后"
        "正面的比例的标准差是 sqrt(p(1 − p)/n)，随 n 增大趋于零，所以对 p 的不确定性（认知上"
        "的那部分，也就是我们还不知道的）可以想要多小就多小。另一个例子：一个确定但未知的值，"
        "每次测量带独立噪声；平均 n 次测量，误差按 1/sqrt(n) 缩小。"),
    lesson="prelim probability converge --coin --seed 0",
)

UNCERTAINTY_FLOOR = Exercise(
    slug="probability.uncertainty-floor",
    section="probability",
    numbers={"en": "2.6.2"},
    kind="reflect",
    title=Text("More data, but only up to a point", "数据再多，不确定性也只降到某个程度"),
    statement=Text(
        "Describe a situation in which more data lowers the uncertainty only down to some "
        "level and no further. Explain why it stops there, and where you expect that level "
        "to be.",
        "描述一种情形：更多的数据只能把不确定性降到某个水平，再也降不下去。解释为什么会停在"
        "那里，以及你认为那个水平在哪里。"),
    hints=(
        Text("Separate what you do not know about the world from what is random in the "
             "world itself.",
             "把「我们对世界还不了解的部分」和「世界本身的随机性」分开来想。"),
        Text("Even once you know a fair coin's p = 0.5 exactly, can you predict the next "
             "toss?",
             "即使你已经确切知道公平硬币的 p = 0.5，你能预测下一次投掷的结果吗？"),
    ),
    stub=REFLECT_STUB,
    solution='''answer = """
Predicting the next toss of a coin: more tosses pin down p, but the next toss stays
random; with p = 0.5 the uncertainty never drops below one bit.
"""
done = True
''',
    answer=Text(
        "Predicting the next toss of a coin (rather than its p). More tosses pin down p, but "
        "the toss itself stays random: once p is known exactly, the outcome is still heads "
        "with probability p, so the uncertainty stops at the coin's own randomness (for a "
        "fair coin, one bit of entropy, a 50% chance of guessing wrong). This is aleatoric "
        "uncertainty; data removes only the epistemic part. The floor is reached roughly "
        "when the error in the estimate of p, about sqrt(p(1 − p)/n), is small next to the "
        "outcome's own spread sqrt(p(1 − p)). Other examples: noisy labels, a measuring "
        "instrument with a fixed resolution, a model too simple for the data.",
        "预测硬币的下一次投掷（而不是估计它的 p）。投得越多，p 就定得越准，但投掷本身依然随机："
        "即使确切知道了 p，结果仍以概率 p 为正面，所以不确定性停在硬币自身的随机性上（公平硬币"
        "是 1 比特的熵，猜错的机会是 50%）。这是偶然不确定性；数据只能消除认知不确定性那部分。"
        "大约当 p 的估计误差 sqrt(p(1 − p)/n) 远小于结果本身的离散程度 sqrt(p(1 − p)) 时就到了"
        "这个底线。其他例子：带噪声的标签、分辨率固定的测量仪器、对数据来说过于简单的模型。"),
    lesson="prelim probability sample --coin --seed 0",
)

# ---------------------------------------------------------------- en 2.6.3 the coin's variance

COIN_VARIANCE = Exercise(
    slug="probability.coin-variance",
    section="probability",
    numbers={"en": "2.6.3"},
    kind="code",
    title=Text("The variance of the estimated heads probability, and Chebyshev",
               "正面概率估计值的方差，以及切比雪夫不等式"),
    statement=Text(
        "A coin shows heads with probability p; after n tosses you estimate p by the "
        "fraction of heads. Write `estimate_variance(p, n)`, the variance of that fraction "
        "(a Python float), and `chebyshev_bound(p, n, eps)`, the upper bound Chebyshev's "
        "inequality gives on the probability that the fraction is at least eps away from p "
        "(eps > 0; you may cap it at 1 or not, both are accepted). prelim compares both with "
        "its own formula for the book's fair coin and for other p (including 0 and 1) and "
        "n (including 1), and runs a seeded simulation of 20,000 series of tosses to show "
        "the variance and the bound hold. In `notes`, say how the variance scales with n and "
        "how this relates to the central limit theorem.",
        "一枚硬币以概率 p 正面朝上；投 n 次之后，用正面出现的比例来估计 p。写出 "
        "`estimate_variance(p, n)`，即这个比例的方差（Python 浮点数），以及 "
        "`chebyshev_bound(p, n, eps)`，即切比雪夫不等式给出的上界：这个比例与 p 相差至少 eps "
        "的概率最多是多少（eps > 0；上界可以截断到 1，也可以不截断，两种都算对）。prelim "
        "会在书中的公平硬币以及其他 p（包括 0 和 1）和 n（包括 1）上把两者与自己的公式比较，"
        "并用带种子的模拟（20,000 组投掷）表明方差和上界确实成立。在 `notes` 里写下方差如何"
        "随 n 变化，以及这和中心极限定理有什么关系。"),
    hints=(
        Text("The number of heads is a sum of n independent tosses, each 1 with probability "
             "p: each toss has variance p(1 − p), and variances of independent terms add.",
             "正面的次数是 n 次独立投掷之和，每次以概率 p 取 1：每次投掷的方差是 p(1 − p)，"
             "独立项的方差可以相加。"),
        Text("Dividing a random variable by n divides its variance by n². Chebyshev: "
             "P(|X − E[X]| ≥ ε) ≤ Var(X) / ε².",
             "随机变量除以 n，方差就除以 n²。切比雪夫不等式：P(|X − E[X]| ≥ ε) ≤ Var(X) / ε²。"),
        Text("`p * (1 - p) / n`, and that divided by `eps ** 2`.",
             "`p * (1 - p) / n`，再把它除以 `eps ** 2`。"),
    ),
    stub='''def estimate_variance(p, n):
    """The variance of the fraction of heads in n tosses of a coin with P(heads) = p."""
    ...


def chebyshev_bound(p, n, eps):
    """Chebyshev's bound on P(|fraction of heads - p| >= eps)."""
    ...


notes = """
How does the variance scale with n? How does this relate to the central limit theorem?
"""
''',
    solution='''def estimate_variance(p, n):
    """The variance of the fraction of heads in n tosses of a coin with P(heads) = p."""
    return p * (1 - p) / n


def chebyshev_bound(p, n, eps):
    """Chebyshev's bound on P(|fraction of heads - p| >= eps)."""
    return estimate_variance(p, n) / eps**2


notes = """
The variance falls like 1/n, the spread like 1/sqrt(n). The CLT says more: the fraction is
close to normal with that variance, so the true deviation probability is much smaller than
Chebyshev's bound.
"""
''',
    answer=Text(
        "The number of heads is a sum of n independent Bernoulli(p) tosses, with variance "
        "n·p(1 − p); the fraction divides it by n, so its variance is p(1 − p)/n: it falls "
        "like 1/n and the standard deviation like 1/sqrt(n), the rate §2.6 mentions. "
        "Chebyshev then gives P(|fraction − p| ≥ ε) ≤ p(1 − p)/(n ε²), at most 1/(4 n ε²) "
        "whatever p is. The central limit theorem says more: the fraction is approximately "
        "normal with mean p and that same variance, so the real probability of a deviation "
        "of ε falls off like exp(−n ε² / (2p(1 − p))), far faster than Chebyshev's 1/n. "
        "Chebyshev holds for every n and needs only the variance; the CLT is sharper but "
        "only approximate for finite n.",
        "正面的次数是 n 次独立的伯努利(p) 投掷之和，方差为 n·p(1 − p)；比例再除以 n，所以方差"
        "是 p(1 − p)/n：按 1/n 下降，标准差按 1/sqrt(n) 下降，正是 §2.6 提到的速度。切比雪夫"
        "不等式于是给出 P(|比例 − p| ≥ ε) ≤ p(1 − p)/(n ε²)，无论 p 是多少都不超过 "
        "1/(4 n ε²)。中心极限定理说得更多：比例近似服从均值为 p、方差相同的正态分布，所以偏离 "
        "ε 的真实概率按 exp(−n ε² / (2p(1 − p))) 衰减，比切比雪夫的 1/n 快得多。切比雪夫对"
        "每个 n 都成立，只用到方差；中心极限定理更精确，但对有限的 n 只是近似。"),
    checker="probability:check_coin_variance",
    lesson="prelim probability converge --coin --seed 0",
)


def check_coin_variance(t) -> None:
    import torch

    variance, bound = t.function("estimate_variance"), t.function("chebyshev_bound")
    cases = [(0.5, 100, 0.1, None), (0.5, 10000, 0.01, None)]  # the book's fair coin
    for i in range(12):
        rand = t.random(i)
        p = {0: 0.0, 1: 1.0, 2: 0.5}.get(i, round(rand.random(), 3))
        n = {2: 1, 3: 1, 4: 5}.get(i, rand.randint(1, 1000))
        cases.append((p, n, round(rand.uniform(0.01, 0.5), 3), i))
    for p, n, eps, i in cases:
        want = p * (1 - p) / n  # n independent tosses of variance p(1 - p), divided by n
        inputs = {"p": p, "n": n, "eps": eps}
        formulas = t.expect(f"estimate_variance({p}, {n})", lambda: variance(p, n), want,
                            inputs=inputs, generated=i, atol=1e-15, rtol=1e-6)
        formulas &= t.expect(f"min(1, chebyshev_bound({p}, {n}, {eps}))",
                             lambda: _at_most_one(bound(p, n, eps)),
                             min(1.0, float(f"{want / eps**2:.12g}")),  # 0.25, not 0.2499…94
                             inputs=inputs, generated=i, atol=1e-12, rtol=1e-6)
        if not formulas or n > 5:
            continue  # the simulation shows a right formula at work (visibly for a small n)
        runs = 20_000
        fractions = (torch.rand(runs, n, generator=t.rng(500 + i)) < p).double().mean(dim=1)
        squares = (fractions - p) ** 2  # within [0, max(p, 1 - p)²]
        slack = hoeffding(runs, max(p, 1 - p) ** 2)
        t.holds(Text(f"the mean of (fraction - p)² over {runs} simulated series is within "
                     f"{slack:.3g} of estimate_variance({p}, {n})",
                     f"{runs} 组模拟投掷的 (fraction - p)² 的均值与 "
                     f"estimate_variance({p}, {n}) 相差不超过 {slack:.3g}"),
                lambda: abs(squares.mean().item() - float(variance(p, n))) <= slack,
                inputs=inputs, generated=i)
        far = (squares >= eps**2).double().mean().item()
        t.holds(Text(f"at most chebyshev_bound({p}, {n}, {eps}) "
                     f"(+ {hoeffding(runs, sides=1):.3g}) of {runs} simulated series land "
                     f"{eps} or more from p",
                     f"{runs} 组模拟投掷中，与 p 相差 {eps} 或更多的比例至多为 "
                     f"chebyshev_bound({p}, {n}, {eps})（+ {hoeffding(runs, sides=1):.3g}）"),
                lambda: far <= float(bound(p, n, eps)) + hoeffding(runs, sides=1),
                inputs=inputs, generated=i)


def _at_most_one(bound):
    """Chebyshev's bound capped at 1, as a probability is (a number only: else as it is)."""
    number = bound.item() if hasattr(bound, "item") and getattr(bound, "ndim", 1) == 0 \
        else bound
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        return min(1.0, number)
    return bound


# ---------------------------------------------------------------- en 2.6.4 reflect

EVERY_AVERAGE = Exercise(
    slug="probability.chebyshev-every-average",
    section="probability",
    numbers={"en": "2.6.4"},
    kind="reflect",
    title=Text("Chebyshev for every running average at once?",
               "能对每个累积平均值分别使用切比雪夫不等式吗？"),
    statement=Text(
        "Draw x₁, x₂, … from a distribution with mean 0 and variance 1, and let z_m be the "
        "average of the first m of them. Chebyshev's inequality bounds how far one z_m "
        "strays from 0. Can you apply it to every z_m independently, and combine the "
        "results as if the z_m were independent? Explain why or why not.",
        "从均值为 0、方差为 1 的分布中抽取 x₁, x₂, …，令 z_m 为前 m 个的平均值。切比雪夫"
        "不等式可以约束单个 z_m 偏离 0 的程度。能否对每个 z_m 分别使用它，再把结果当作 z_m "
        "彼此独立那样组合起来？解释原因。"),
    hints=(
        Text("What is the variance of one z_m? Which samples do z_m and z_(m+1) share?",
             "单个 z_m 的方差是多少？z_m 和 z_(m+1) 共用了哪些样本？"),
        Text("Compute Cov(z_m, z_k) for m ≤ k: only the first m samples appear in both.",
             "对 m ≤ k 计算 Cov(z_m, z_k)：只有前 m 个样本同时出现在两者之中。"),
    ),
    stub=REFLECT_STUB,
    solution='''answer = """
Each z_m alone: yes, Var(z_m) = 1/m. But the z_m share samples (Cov(z_m, z_k) = 1/k for
m <= k), so they are not independent and the bounds cannot be multiplied.
"""
done = True
''',
    answer=Text(
        "For one z_m on its own, yes: Var(z_m) = 1/m, so P(|z_m| ≥ ε) ≤ 1/(m ε²). But the "
        "z_m are built from the same samples: z_k for k > m contains x₁ … x_m, and "
        "Cov(z_m, z_k) = m/(m k) = 1/k, a correlation of sqrt(m/k), close to 1 for "
        "neighbouring m. So the events |z_m| ≥ ε are far from independent and their "
        "probabilities cannot be multiplied to bound 'all of them at once'. What does hold "
        "for any dependence is the union bound (the chance that some z_m deviates is at "
        "most the sum of the bounds, which here diverges like a harmonic series); to control "
        "the whole sequence one needs tools made for it, such as Kolmogorov's maximal "
        "inequality or the strong law of large numbers.",
        "单独看一个 z_m，可以：Var(z_m) = 1/m，所以 P(|z_m| ≥ ε) ≤ 1/(m ε²)。但这些 z_m 由"
        "同一批样本构成：k > m 时 z_k 包含 x₁ … x_m，Cov(z_m, z_k) = m/(m k) = 1/k，相关系数"
        "是 sqrt(m/k)，相邻的 m 之间接近 1。所以事件 |z_m| ≥ ε 远非独立，不能把它们的概率"
        "相乘来约束「所有 z_m 同时」的情形。无论相关与否都成立的是联合界（某个 z_m 偏离的概率"
        "不超过各个上界之和，这里它像调和级数一样发散）；要控制整个序列，需要专门的工具，"
        "例如柯尔莫哥洛夫极大不等式或强大数定律。"),
    lesson="prelim probability converge --coin --seed 0",
)

# ---------------------------------------------------------------- zh 2.6.2, en 2.6.5 bounds

BOUNDS = Exercise(
    slug="probability.union-intersection-bounds",
    section="probability",
    numbers={"zh": "2.6.2", "en": "2.6.5"},
    kind="code",
    title=Text("Bounds on P(A ∪ B) and P(A ∩ B)", "P(A ∪ B) 与 P(A ∩ B) 的上下界"),
    statement=Text(
        "Knowing only P(A) = pa and P(B) = pb, how large and how small can P(A ∪ B) and "
        "P(A ∩ B) be? Write `union_bounds(pa, pb)` and `intersection_bounds(pa, pb)`, each "
        "returning a tuple `(lowest, highest)` of the two numbers that are possible and "
        "tight: some pair of events with these probabilities reaches each one. pa and pb "
        "are floats between 0 and 1. prelim compares your bounds with its own on many "
        "pairs, including 0, 1 and pairs with pa + pb > 1, and checks them against random "
        "events on a small sample space.",
        "只知道 P(A) = pa 和 P(B) = pb 时，P(A ∪ B) 和 P(A ∩ B) 最大和最小能是多少？写出 "
        "`union_bounds(pa, pb)` 和 `intersection_bounds(pa, pb)`，各返回一个元组 "
        "`(lowest, highest)`，给出可能取到的最小值和最大值。这两个界必须是紧的：对每一个界，"
        "都存在一对概率恰为 pa、pb 的事件能取到它。pa 和 pb 是 0 到 1 之间的浮点数。prelim "
        "会在许多组取值上（包括 0、1 以及 pa + pb > 1 的情形）把你的界与它自己的比较，并在"
        "一个小样本空间的随机事件上检验它们。"),
    hints=(
        Text("Draw the Venn diagram: the four regions A only, B only, both and neither have "
             "non-negative probabilities that sum to 1.",
             "画出维恩图：「只有 A」「只有 B」「两者都有」「两者都没有」四个区域的概率都非负，"
             "加起来等于 1。"),
        Text("The overlap is largest when the smaller event sits inside the larger one, and "
             "smallest when they overlap only as much as they must to fit into a total of 1.",
             "当较小的事件完全落在较大的事件里时，交集最大；当两者尽量分开，只重叠总概率 1 "
             "装不下的那一部分时，交集最小。"),
        Text("P(A ∩ B) lies in [max(0, pa + pb − 1), min(pa, pb)], and "
             "P(A ∪ B) = pa + pb − P(A ∩ B).",
             "P(A ∩ B) 落在 [max(0, pa + pb − 1), min(pa, pb)] 之间，而 "
             "P(A ∪ B) = pa + pb − P(A ∩ B)。"),
    ),
    stub='''def union_bounds(pa, pb):
    """(lowest, highest) possible P(A ∪ B) when P(A) = pa and P(B) = pb."""
    ...


def intersection_bounds(pa, pb):
    """(lowest, highest) possible P(A ∩ B) when P(A) = pa and P(B) = pb."""
    ...
''',
    solution='''def union_bounds(pa, pb):
    """(lowest, highest) possible P(A ∪ B) when P(A) = pa and P(B) = pb."""
    return max(pa, pb), min(1.0, pa + pb)


def intersection_bounds(pa, pb):
    """(lowest, highest) possible P(A ∩ B) when P(A) = pa and P(B) = pb."""
    return max(0.0, pa + pb - 1), min(pa, pb)
''',
    answer=Text(
        "Call the Venn diagram's regions x (A only), y (B only), z (both) and w (neither): "
        "x + z = pa, y + z = pb, x + y + z + w = 1, all ≥ 0. Then z = P(A ∩ B) can be at "
        "most min(pa, pb) (x, y ≥ 0: one event inside the other) and at least "
        "pa + pb − 1 (w ≥ 0), never below 0: max(0, pa + pb − 1) ≤ P(A ∩ B) ≤ min(pa, pb). "
        "Since P(A ∪ B) = pa + pb − z, max(pa, pb) ≤ P(A ∪ B) ≤ min(1, pa + pb): the union "
        "is at least the larger event and at most the sum (Boole's inequality), capped at 1. "
        "Every value in between is reached by moving z.",
        "把维恩图的区域记为 x（只有 A）、y（只有 B）、z（两者都有）、w（两者都没有）："
        "x + z = pa，y + z = pb，x + y + z + w = 1，全都 ≥ 0。于是 z = P(A ∩ B) 最多是 "
        "min(pa, pb)（x、y ≥ 0：一个事件包含在另一个里），最少是 pa + pb − 1（w ≥ 0），"
        "且不低于 0：max(0, pa + pb − 1) ≤ P(A ∩ B) ≤ min(pa, pb)。由于 "
        "P(A ∪ B) = pa + pb − z，得 max(pa, pb) ≤ P(A ∪ B) ≤ min(1, pa + pb)：并集至少是"
        "较大的那个事件，至多是两者之和（布尔不等式），且不超过 1。移动 z 可以取到中间的"
        "每一个值。"),
    checker="probability:check_bounds",
    lesson="prelim probability bayes",
)


def check_bounds(t) -> None:
    import torch

    union, intersection = t.function("union_bounds"), t.function("intersection_bounds")
    fixed = {0: (0.0, 0.0), 1: (1.0, 1.0), 2: (0.7, 0.6), 3: (0.0, 1.0), 4: (0.3, 0.3)}
    exact = True
    for i in range(16):
        rand = t.random(i)
        pa, pb = fixed.get(i, (round(rand.random(), 4), round(rand.random(), 4)))
        # the Venn regions: z = P(both) is free within what keeps x, y, w >= 0
        low, high = max(0.0, pa + pb - 1), min(pa, pb)
        inputs = {"pa": pa, "pb": pb}
        exact &= t.expect(f"intersection_bounds({pa}, {pb})", lambda: intersection(pa, pb),
                          (round(low, 12), high), inputs=inputs, generated=i, atol=1e-9,
                          rtol=0)
        exact &= t.expect(f"union_bounds({pa}, {pb})", lambda: union(pa, pb),
                          (round(pa + pb - high, 12), round(pa + pb - low, 12)),
                          inputs=inputs, generated=i, atol=1e-9, rtol=0)
    if not exact:
        return  # random events illustrate right bounds; the wrong ones are shown above
    for i in range(16, 24):
        outcomes = torch.rand(12, generator=t.rng(i), dtype=torch.float64)
        outcomes /= outcomes.sum()
        a = torch.rand(12, generator=t.rng(100 + i)) < 0.5
        b = torch.rand(12, generator=t.rng(200 + i)) < 0.5
        pa, pb = outcomes[a].sum().item(), outcomes[b].sum().item()
        both, either = outcomes[a & b].sum().item(), outcomes[a | b].sum().item()
        inputs = {"pa": pa, "pb": pb, "P(A ∩ B)": both, "P(A ∪ B)": either}
        t.holds(Text("intersection_bounds(pa, pb)[0] <= P(A ∩ B) <= "
                     "intersection_bounds(pa, pb)[1] for random events A and B",
                     "对随机事件 A 和 B，intersection_bounds(pa, pb)[0] <= P(A ∩ B) <= "
                     "intersection_bounds(pa, pb)[1]"),
                lambda: _within(intersection(pa, pb), both), inputs=inputs, generated=i)
        t.holds(Text("union_bounds(pa, pb)[0] <= P(A ∪ B) <= union_bounds(pa, pb)[1]"
                     " for random events A and B",
                     "对随机事件 A 和 B，union_bounds(pa, pb)[0] <= P(A ∪ B) <= "
                     "union_bounds(pa, pb)[1]"),
                lambda: _within(union(pa, pb), either), inputs=inputs, generated=i)


def _within(bounds, value: float) -> bool:
    low, high = (float(b) for b in bounds)
    return low - 1e-9 <= value <= high + 1e-9


# ---------------------------------------------------------------- zh 2.6.3, en 2.6.6 Markov

MARKOV = Exercise(
    slug="probability.markov-chain",
    section="probability",
    numbers={"zh": "2.6.3", "en": "2.6.6"},
    kind="code",
    title=Text("The joint distribution of a Markov chain A → B → C",
               "马尔可夫链 A → B → C 的联合分布"),
    statement=Text(
        "B depends only on A, and C only on B. Write `joint(p_a, p_b_given_a, p_c_given_b)`, "
        "which returns the tensor P of shape (k, l, q) with P[a, b, c] = P(A=a, B=b, C=c), "
        "from p_a of shape (k,) (P(A=a)), p_b_given_a of shape (k, l) (row a is "
        "P(B=b | A=a)) and p_c_given_b of shape (l, q) (row b is P(C=c | B=b)). The result "
        "has the dtype of the inputs. Simplify the chain rule first; prelim compares your "
        "tensor with the products written out element by element, on chains of "
        "different sizes, down to a single state.",
        "B 只依赖于 A，C 只依赖于 B。写出 `joint(p_a, p_b_given_a, p_c_given_b)`，返回形状为 "
        "(k, l, q) 的张量 P，其中 P[a, b, c] = P(A=a, B=b, C=c)。输入是形状 (k,) 的 p_a "
        "（P(A=a)）、形状 (k, l) 的 p_b_given_a（第 a 行是 P(B=b | A=a)）和形状 (l, q) 的 "
        "p_c_given_b（第 b 行是 P(C=c | B=b)）。结果的 dtype 与输入相同。先化简链式法则；"
        "prelim 会在大小不同（最小只有一个状态）的链上，把你的张量与逐个元素写出的乘积比较。"),
    hints=(
        Text("The chain rule always holds: P(A, B, C) = P(A) P(B | A) P(C | A, B). Which "
             "factor does 'C depends only on B' simplify?",
             "链式法则总是成立：P(A, B, C) = P(A) P(B | A) P(C | A, B)。「C 只依赖于 B」"
             "能化简哪一个因子？"),
        Text("P(C | A, B) = P(C | B). Now line the three factors up on axes a, b, c with "
             "size-1 axes and let broadcasting multiply them.",
             "P(C | A, B) = P(C | B)。再用长度为 1 的轴把三个因子排到 a、b、c 三个轴上，"
             "让广播把它们相乘。"),
        Text("`p_a[:, None, None] * p_b_given_a[:, :, None] * p_c_given_b[None, :, :]`, or "
             "`torch.einsum('a,ab,bc->abc', ...)`.",
             "`p_a[:, None, None] * p_b_given_a[:, :, None] * p_c_given_b[None, :, :]`，或者 "
             "`torch.einsum('a,ab,bc->abc', ...)`。"),
    ),
    stub='''import torch


def joint(p_a, p_b_given_a, p_c_given_b):
    """P[a, b, c] = P(A=a, B=b, C=c) for the chain A -> B -> C."""
    ...
''',
    solution='''import torch


def joint(p_a, p_b_given_a, p_c_given_b):
    """P[a, b, c] = P(A=a, B=b, C=c) for the chain A -> B -> C."""
    return torch.einsum("a,ab,bc->abc", p_a, p_b_given_a, p_c_given_b)
''',
    answer=Text(
        "The chain rule gives P(A, B, C) = P(A) P(B | A) P(C | A, B) for any three variables. "
        "Because C depends only on B, knowing A as well adds nothing: P(C | A, B) = "
        "P(C | B). So P(A, B, C) = P(A) P(B | A) P(C | B): a chain is described by its start "
        "and one table per step, k + k·l + l·q numbers instead of k·l·q. In torch the three "
        "factors sit on axes (a), (a, b) and (b, c) and broadcasting multiplies them.",
        "对任意三个变量，链式法则给出 P(A, B, C) = P(A) P(B | A) P(C | A, B)。因为 C 只依赖于 "
        "B，再知道 A 也没有新的信息：P(C | A, B) = P(C | B)。所以 "
        "P(A, B, C) = P(A) P(B | A) P(C | B)：一条链由起点和每一步的一张表描述，只需 "
        "k + k·l + l·q 个数，而不是 k·l·q 个。在 torch 中，三个因子分别位于轴 (a)、(a, b) 和 "
        "(b, c) 上，由广播把它们相乘。"),
    checker="probability:check_markov",
    lesson="prelim broadcast 3,1,1 3,4,1 1,4,2 --op '*'",
)


def check_markov(t) -> None:
    import torch

    joint = t.function("joint")
    for i in range(12):
        rand = t.random(i)
        na, nb, nc = {0: (2, 2, 2), 1: (1, 1, 1), 2: (1, 3, 2)}.get(
            i, (rand.randint(1, 4), rand.randint(1, 4), rand.randint(1, 4)))
        dtype = torch.float64 if i == 3 else torch.float32
        g = t.rng(i)
        p_a, p_b_given_a, p_c_given_b = (
            weights / weights.sum(dim=-1, keepdim=True) for weights in
            (torch.rand(size, generator=g, dtype=dtype) + 0.05 for size in
             ((na,), (na, nb), (nb, nc))))
        pa, pba, pcb = p_a.tolist(), p_b_given_a.tolist(), p_c_given_b.tolist()
        want = torch.tensor([[[pa[a] * pba[a][b] * pcb[b][c] for c in range(nc)]
                              for b in range(nb)] for a in range(na)], dtype=dtype)
        t.expect("joint(p_a, p_b_given_a, p_c_given_b)",
                 lambda: joint(p_a, p_b_given_a, p_c_given_b), want, generated=i,
                 inputs={"p_a": p_a, "p_b_given_a": p_b_given_a, "p_c_given_b": p_c_given_b})


# ---------------------------------------------------------------- zh 2.6.4 reflect

TWO_TESTS = Exercise(
    slug="probability.two-different-tests",
    section="probability",
    numbers={"zh": "2.6.4"},
    kind="reflect",
    title=Text("Why a second, different test?", "为什么要做另一种测试？"),
    statement=Text(
        "In §2.6's HIV example the first test is the more accurate one, yet the patient "
        "takes the first test and then the second, rather than the first test twice. Why?",
        "在 §2.6 的 HIV 例子中，第一种测试更准确，可是病人做的是第一种测试再加第二种测试，"
        "而不是把第一种测试做两次。为什么？"),
    hints=(
        Text("The calculation multiplied P(D₁ | H) and P(D₂ | H). What assumption allowed "
             "that?",
             "计算中把 P(D₁ | H) 和 P(D₂ | H) 相乘了。是什么假设允许这样做？"),
        Text("If the same test gives a false positive for this patient (say, because of "
             "something in their blood), what will it give the second time?",
             "如果同一种测试对这位病人给出了假阳性（比如因为其血液中的某种成分），第二次会"
             "给出什么？"),
    ),
    stub=REFLECT_STUB,
    solution='''answer = """
The second result only adds information if its errors are independent of the first's.
Repeating the same test tends to repeat the same mistake, so it tells us little new.
"""
done = True
''',
    answer=Text(
        "The update multiplied the tests' likelihoods, which assumes their results are "
        "conditionally independent given H. A test's false positive usually has a cause in "
        "the patient (a substance in the blood, a cross-reacting antibody), so repeating the "
        "same test tends to repeat the same mistake: D₁ and a second D₁ are strongly "
        "coupled, and in the extreme the second run tells us nothing new. A different test "
        "works another way and errs for other reasons, so its errors are closer to "
        "independent of the first's and its positive result really adds evidence (in the "
        "book, from 13% to 83%). The less accurate but independent test is worth more than "
        "a copy of the better one. The lesson's command multiplies the first test's "
        "likelihoods twice and reports 94%: the figure independence would give, which a "
        "repeat of the same test does not earn.",
        "更新时把两次测试的似然相乘，这假设了在给定 H 时两次结果条件独立。测试出现假阳性，"
        "原因往往在病人身上（血液中的某种物质、发生交叉反应的抗体），所以重复同一种测试往往会"
        "重复同一个错误：D₁ 和第二次的 D₁ 强烈相关，极端情况下第二次完全没有带来新信息。"
        "另一种测试原理不同，出错的原因也不同，它的错误与第一种更接近独立，因此它的阳性结果"
        "才真正增加了证据（书中从 13% 升到 83%）。一种不那么准确但独立的测试，比更好的那种"
        "测试的重复更有价值。课程命令把第一种测试的似然乘了两次，得到 94%：这是假设独立时的"
        "数字，而重复同一种测试其实带不来这么多信息。"),
    lesson="prelim probability bayes --sensitivity2 1.0 --false-positive2 0.01",
)

# ---------------------------------------------------------------- en 2.6.7 coupled tests

COUPLED_TESTS = Exercise(
    slug="probability.coupled-tests",
    section="probability",
    numbers={"en": "2.6.7"},
    kind="code",
    title=Text("Two tests whose false positives are coupled", "假阳性相互关联的两次测试"),
    statement=Text(
        "Two tests each have false positive rate P(D=1 | H=0) = `false_positive` and false "
        "negative rate P(D=0 | H=1) = `false_negative`. For a sick patient (H=1) their "
        "results are independent; for a healthy one they are coupled: both are positive "
        "with probability P(D₁=D₂=1 | H=0) = `both_positive`. Write three functions: "
        "`joint_healthy(false_positive, both_positive)`, the 2×2 float tensor T with "
        "T[d1, d2] = P(D₁=d1, D₂=d2 | H=0); `posterior_one(prior, false_positive, "
        "false_negative)`, P(H=1 | D₁=1) after one positive test, where prior = P(H=1); and "
        "`posterior_two(prior, false_negative, both_positive)`, P(H=1 | D₁=1, D₂=1) after "
        "both are positive. The posteriors are numbers (a float or a 0-d tensor). prelim "
        "checks the book's rates (10%, 1%, 0.02, P(H=1) = 0.0015) first, then other rates, "
        "against the full joint distribution of H, D₁ and D₂ that it builds and sums.",
        "两种测试的假阳性率都是 P(D=1 | H=0) = `false_positive`，假阴性率都是 "
        "P(D=0 | H=1) = `false_negative`。对患病的人（H=1），两次结果相互独立；对健康的人，"
        "它们相互关联：两次都呈阳性的概率为 P(D₁=D₂=1 | H=0) = `both_positive`。写出三个函数："
        "`joint_healthy(false_positive, both_positive)`，返回 2×2 的浮点张量 T，其中 "
        "T[d1, d2] = P(D₁=d1, D₂=d2 | H=0)；`posterior_one(prior, false_positive, "
        "false_negative)`，一次测试呈阳性后的 P(H=1 | D₁=1)，其中 prior = P(H=1)；以及 "
        "`posterior_two(prior, false_negative, both_positive)`，两次都呈阳性后的 "
        "P(H=1 | D₁=1, D₂=1)。后验概率是数（浮点数或 0 维张量）。prelim 先检查书中的数值"
        "（10%、1%、0.02、P(H=1) = 0.0015），再检查其他数值，对照的是它自己构造并求和的 H、"
        "D₁、D₂ 完整联合分布。"),
    hints=(
        Text("Each row and column of T must add up to what one test does alone: "
             "P(D₁=1 | H=0) = T[1, 0] + T[1, 1] = false_positive. The four cells sum to 1.",
             "T 的每一行、每一列之和必须等于单独一次测试的情况："
             "P(D₁=1 | H=0) = T[1, 0] + T[1, 1] = false_positive。四个格子加起来等于 1。"),
        Text("Bayes: P(H=1 | evidence) = P(evidence | H=1) P(H=1) / P(evidence), and "
             "P(evidence) sums over H=0 and H=1. For the sick, both tests are positive with "
             "probability (1 − false_negative)².",
             "贝叶斯定理：P(H=1 | 证据) = P(证据 | H=1) P(H=1) / P(证据)，而 P(证据) 要对 "
             "H=0 和 H=1 求和。对患病的人，两次都呈阳性的概率是 (1 − false_negative)²。"),
        Text("T = [[1 − 2·fp + both, fp − both], [fp − both, both]]; with the book's rates "
             "the posteriors are about 0.0147 and 0.0686.",
             "T = [[1 − 2·fp + both, fp − both], [fp − both, both]]；用书中的数值，"
             "两个后验概率约为 0.0147 和 0.0686。"),
    ),
    stub='''import torch


def joint_healthy(false_positive, both_positive):
    """T[d1, d2] = P(D1=d1, D2=d2 | H=0), a 2x2 tensor."""
    ...


def posterior_one(prior, false_positive, false_negative):
    """P(H=1 | D1=1)."""
    ...


def posterior_two(prior, false_negative, both_positive):
    """P(H=1 | D1=1, D2=1)."""
    ...
''',
    solution='''import torch


def joint_healthy(false_positive, both_positive):
    """T[d1, d2] = P(D1=d1, D2=d2 | H=0), a 2x2 tensor."""
    one_only = false_positive - both_positive
    return torch.tensor([[1 - 2 * false_positive + both_positive, one_only],
                         [one_only, both_positive]])


def posterior_one(prior, false_positive, false_negative):
    """P(H=1 | D1=1)."""
    sick = (1 - false_negative) * prior
    return sick / (sick + false_positive * (1 - prior))


def posterior_two(prior, false_negative, both_positive):
    """P(H=1 | D1=1, D2=1)."""
    sick = (1 - false_negative) ** 2 * prior
    return sick / (sick + both_positive * (1 - prior))
''',
    answer=Text(
        "Given H=0: T[1, 1] = 0.02; each test alone is positive with probability 0.1, so "
        "T[1, 0] = T[0, 1] = 0.1 − 0.02 = 0.08, and T[0, 0] = 1 − 0.02 − 0.08 − 0.08 = "
        "0.82. One positive test: P(D₁=1) = 0.99·0.0015 + 0.1·0.9985 = 0.101335, so "
        "P(H=1 | D₁=1) = 0.001485 / 0.101335 ≈ 0.0147. Both positive: "
        "P(D₁=D₂=1) = 0.99²·0.0015 + 0.02·0.9985 ≈ 0.021440, so P(H=1 | both) ≈ 0.0686. "
        "Had the false positives been independent (0.1² = 0.01 instead of 0.02), the second "
        "test would have lifted the posterior to about 0.128 (the lesson's command computes "
        "that independent case). The coupling halves the second test's likelihood ratio: a "
        "healthy patient who tested positive once tests positive again with probability "
        "0.02 / 0.1 = 0.2 rather than 0.1, so the ratio falls from 0.99 / 0.1 = 9.9 to "
        "0.99 / 0.2 = 4.95.",
        "给定 H=0：T[1, 1] = 0.02；单独一次测试呈阳性的概率是 0.1，所以 "
        "T[1, 0] = T[0, 1] = 0.1 − 0.02 = 0.08，T[0, 0] = 1 − 0.02 − 0.08 − 0.08 = 0.82。"
        "一次阳性：P(D₁=1) = 0.99·0.0015 + 0.1·0.9985 = 0.101335，所以 "
        "P(H=1 | D₁=1) = 0.001485 / 0.101335 ≈ 0.0147。两次都阳性："
        "P(D₁=D₂=1) = 0.99²·0.0015 + 0.02·0.9985 ≈ 0.021440，所以 P(H=1 | 两次阳性) ≈ 0.0686。"
        "假如假阳性相互独立（0.1² = 0.01 而不是 0.02），第二次测试会把后验概率提高到约 "
        "0.128（课程命令算的正是这种独立的情形）。这种关联让第二次测试的似然比减半：一个健康"
        "的人第一次呈阳性后，第二次再呈阳性的概率是 0.02 / 0.1 = 0.2 而不是 0.1，所以似然比从 "
        "0.99 / 0.1 = 9.9 降到 0.99 / 0.2 = 4.95。"),
    checker="probability:check_coupled_tests",
    lesson="prelim probability bayes --sensitivity 0.99 --false-positive 0.1 "
           "--sensitivity2 0.99 --false-positive2 0.1",
)


def diagnosis(prior: float, sick, healthy):
    """P[h, d1, d2], the joint distribution of H and two test results, from P(H=1) and the
    two tables P(D1=d1, D2=d2 | H=h) (sick for h = 1, healthy for h = 0)."""
    import torch

    tables = torch.stack([torch.as_tensor(healthy, dtype=torch.float64),
                          torch.as_tensor(sick, dtype=torch.float64)])
    return tables * torch.tensor([1 - prior, prior], dtype=torch.float64)[:, None, None]


def check_coupled_tests(t) -> None:
    import torch

    healthy_table = t.function("joint_healthy")
    one, two = t.function("posterior_one"), t.function("posterior_two")
    cases = [(0.0015, 0.1, 0.01, 0.02, None)]  # the book's rates
    for i in range(12):
        rand = t.random(i)
        fp, fn = round(rand.uniform(0.01, 0.5), 4), round(rand.uniform(0.0, 0.3), 4)
        both = {0: 0.0, 1: fp}.get(i, round(rand.uniform(0.0, fp), 4))
        prior = {2: 0.5}.get(i, round(rand.uniform(1e-4, 0.3), 5))
        cases.append((prior, fp, 0.0 if i == 3 else fn, both, i))
    for prior, fp, fn, both, i in cases:
        # the four cells given H=0 from the margins (fp each) and the corner (both);
        # given H=1 the two results are independent
        healthy = [[1 - fp - (fp - both), fp - both], [fp - both, both]]
        single = torch.tensor([fn, 1 - fn], dtype=torch.float64)
        joint = diagnosis(prior, torch.outer(single, single), healthy)
        after_one = joint[1, 1, :].sum() / joint[:, 1, :].sum()
        after_two = joint[1, 1, 1] / joint[:, 1, 1].sum()
        inputs = {"prior": prior, "false_positive": fp, "false_negative": fn,
                  "both_positive": both}
        t.expect(f"joint_healthy({fp}, {both})", lambda: healthy_table(fp, both),
                 torch.tensor(healthy, dtype=torch.float64), inputs=inputs, generated=i,
                 dtype=False, atol=1e-6)
        t.expect(f"posterior_one({prior}, {fp}, {fn})", lambda: one(prior, fp, fn),
                 after_one.item(), inputs=inputs, generated=i, atol=1e-9, rtol=1e-5)
        t.expect(f"posterior_two({prior}, {fn}, {both})", lambda: two(prior, fn, both),
                 after_two.item(), inputs=inputs, generated=i, atol=1e-9, rtol=1e-5)


# ---------------------------------------------------------------- en 2.6.8 the portfolio

PORTFOLIO = Exercise(
    slug="probability.portfolio-return",
    section="probability",
    numbers={"en": "2.6.8"},
    kind="code",
    title=Text("A portfolio's return and variance", "投资组合的收益与方差"),
    statement=Text(
        "Stocks have mean returns μ (a float tensor of shape (k,)) and covariance Σ (shape "
        "(k, k)); a portfolio puts weight αᵢ on stock i, the weights summing to 1. Write "
        "`expected_return(alpha, mu)`, the portfolio's expected return, and "
        "`portfolio_variance(alpha, Sigma)`, its variance (each a number: a float or a 0-d "
        "tensor), and `best_portfolio(mu)`, a tensor of k weights, none negative (no short "
        "selling), summing to 1, with the highest expected return possible (when several "
        "stocks tie, any best mix is accepted). prelim checks them against sums written out "
        "term by term, on portfolios of 1 to 6 stocks. In `notes`, state Markowitz's "
        "problem: maximise the return while the variance stays below a bound.",
        "各支股票的平均收益为 μ（形状 (k,) 的浮点张量），协方差为 Σ（形状 (k, k)）；投资组合"
        "在第 i 支股票上的权重为 αᵢ，权重之和为 1。写出 `expected_return(alpha, mu)`，即组合的"
        "期望收益，`portfolio_variance(alpha, Sigma)`，即它的方差（两者都是数：浮点数或 0 维"
        "张量），以及 `best_portfolio(mu)`：由 k 个权重组成的张量，都不为负（不允许卖空），"
        "和为 1，期望收益尽可能高（几支股票并列最高时，任何最优的组合都算对）。prelim 会在 1 "
        "到 6 支股票的组合上，把它们与逐项写出的求和比较。在 `notes` 里写出马科维茨的问题："
        "在方差不超过某个上限的条件下使收益最大。"),
    hints=(
        Text("The return is a weighted sum of the stocks' returns; expectation is linear, "
             "and the variance of αᵀs involves every pair of stocks.",
             "收益是各支股票收益的加权和；期望是线性的，而 αᵀs 的方差涉及每一对股票。"),
        Text("E[αᵀs] = αᵀμ and Var[αᵀs] = αᵀΣα. A weighted average of the μᵢ is never above "
             "the largest μᵢ.",
             "E[αᵀs] = αᵀμ，Var[αᵀs] = αᵀΣα。μᵢ 的加权平均永远不会超过最大的 μᵢ。"),
        Text("`alpha @ mu`, `alpha @ Sigma @ alpha`, and a one-hot vector at `mu.argmax()`.",
             "`alpha @ mu`、`alpha @ Sigma @ alpha`，以及在 `mu.argmax()` 处为 1 的独热向量。"),
    ),
    stub='''import torch


def expected_return(alpha, mu):
    """The expected return of the portfolio alpha."""
    ...


def portfolio_variance(alpha, Sigma):
    """The variance of the portfolio's return."""
    ...


def best_portfolio(mu):
    """Weights >= 0 summing to 1 with the highest expected return."""
    ...


notes = """
Markowitz: maximise ... subject to ...
"""
''',
    solution='''import torch


def expected_return(alpha, mu):
    """The expected return of the portfolio alpha."""
    return alpha @ mu


def portfolio_variance(alpha, Sigma):
    """The variance of the portfolio's return."""
    return alpha @ Sigma @ alpha


def best_portfolio(mu):
    """Weights >= 0 summing to 1 with the highest expected return."""
    weights = torch.zeros_like(mu)
    weights[mu.argmax()] = 1
    return weights


notes = """
Markowitz: maximise alpha @ mu subject to alpha @ Sigma @ alpha <= v, alpha.sum() == 1
(and alpha >= 0 without short selling).
"""
''',
    answer=Text(
        "The return is αᵀs, so by linearity E[αᵀs] = αᵀμ = Σᵢ αᵢ μᵢ. With non-negative "
        "weights summing to 1 that is an average of the μᵢ, never above max μᵢ: put "
        "everything on the stock with the highest mean (without the αᵢ ≥ 0 constraint the "
        "return is unbounded: short the worst stock, buy the best). The variance is "
        "Var[αᵀs] = αᵀΣα = Σᵢ Σⱼ αᵢ αⱼ Σᵢⱼ, which counts every pair's covariance; the "
        "best-return portfolio carries all of one stock's risk. Markowitz: maximise αᵀμ "
        "subject to αᵀΣα ≤ σ², Σᵢ αᵢ = 1 (and αᵢ ≥ 0), a quadratically constrained problem; "
        "spreading the weights over stocks that do not move together lowers the variance "
        "for a small loss of return.",
        "收益是 αᵀs，由期望的线性性，E[αᵀs] = αᵀμ = Σᵢ αᵢ μᵢ。权重非负且和为 1 时，这是 μᵢ "
        "的加权平均，不会超过 max μᵢ：把全部资金放在平均收益最高的股票上（如果没有 αᵢ ≥ 0 "
        "的约束，收益可以无限大：卖空最差的、买入最好的）。方差为 "
        "Var[αᵀs] = αᵀΣα = Σᵢ Σⱼ αᵢ αⱼ Σᵢⱼ，每一对股票的协方差都计入其中；收益最高的组合承担了"
        "一支股票的全部风险。马科维茨：在 αᵀΣα ≤ σ²、Σᵢ αᵢ = 1（以及 αᵢ ≥ 0）的约束下使 αᵀμ "
        "最大，这是带二次约束的优化问题；把权重分散到走势不一致的股票上，能以少量收益换来"
        "更低的方差。"),
    checker="probability:check_portfolio",
    lesson="prelim linalg mv",
)


def check_portfolio(t) -> None:
    import torch

    ret, var = t.function("expected_return"), t.function("portfolio_variance")
    best = t.function("best_portfolio")
    for i in range(12):
        k = {0: 1, 1: 3}.get(i, t.random(i).randint(1, 6))
        g = t.rng(i)
        mu = torch.randn(k, generator=g)
        if i == 1:
            mu = torch.tensor([0.05, 0.12, 0.12])  # a tie for the best stock
        factors = torch.randn(k, k, generator=g)
        Sigma = factors @ factors.T + 0.1 * torch.eye(k)
        alpha = torch.randn(k, generator=g)
        alpha = alpha - (alpha.sum() - 1) / k  # weights summing to 1, some negative
        inputs = {"alpha": alpha, "mu": mu}
        t.expect("expected_return(alpha, mu)", lambda: ret(alpha, mu),
                 sum(a * m for a, m in zip(alpha.tolist(), mu.tolist())), inputs=inputs,
                 generated=i)
        pairs = sum(alpha[r].item() * alpha[c].item() * Sigma[r, c].item()
                    for r in range(k) for c in range(k))
        t.expect("portfolio_variance(alpha, Sigma)", lambda: var(alpha, Sigma), pairs,
                 inputs={"alpha": alpha, "Sigma": Sigma}, generated=i)
        _check_best(t, best, mu, i)


def _check_best(t, best, mu, generated: int) -> None:
    got: list = []

    def run():
        got.append(best(mu))
        return _shape(got[0])

    inputs = {"mu": mu}
    if not t.expect("best_portfolio(mu).shape", run, tuple(mu.shape), inputs=inputs,
                    generated=generated):
        return
    weights = got[0].detach().double()
    t.holds("best_portfolio(mu) >= 0 and best_portfolio(mu).sum() == 1",
            lambda: bool((weights >= 0).all()) and abs(weights.sum().item() - 1) <= 1e-6,
            inputs=inputs, generated=generated)
    t.expect("best_portfolio(mu) @ mu", lambda: (weights @ mu.double()).item(),
             max(mu.tolist()), inputs=inputs, generated=generated)


EXERCISES = [GROUPS, UNCERTAINTY_VANISHES, UNCERTAINTY_FLOOR, COIN_VARIANCE, EVERY_AVERAGE,
             BOUNDS, MARKOV, TWO_TESTS, COUPLED_TESTS, PORTFOLIO]
