"""The one error type for "show this to the user", in a module of its own so that a
leaf (the expression grammar) can raise it without loading Step, Demo and values."""


class PrelimError(Exception):
    """A mistake the user can fix. The CLI prints ``Error: <message>`` and exits 1."""

    exit_code = 1


class UsageError(PrelimError):
    """Options that do not go together: exit 2, like typer's own usage errors."""

    exit_code = 2
