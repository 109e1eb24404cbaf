"""The --seed of every random demo, checked before torch sees it, so a seed torch would
refuse ends in one line that says why instead of torch's "Overflow when unpacking"."""

from __future__ import annotations

from prelim_cli.core.errors import PrelimError

# torch.manual_seed takes an int64 or a uint64: anything from -2**63 to 2**64 - 1.
SEED_RANGE = (-2**63, 2**64 - 1)


def check_seed(seed: int | None) -> None:
    """Refuse a seed torch.manual_seed cannot take; None (a fresh seed) is fine."""
    if seed is not None and not SEED_RANGE[0] <= seed <= SEED_RANGE[1]:
        raise PrelimError("parse.seed.check_seed", seed=seed)
