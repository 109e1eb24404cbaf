"""prelim doctor: versions, device, and which of the book's lines fail here."""

from prelim_cli.cli.app import app
from prelim_cli.cli.run import demo_command


@demo_command(app, "doctor")
def doctor():
    """Versions, the device torch sees, and which of the book's lines fail on them (checked
    live), each next to the line that works.  Exit 0 when everything prelim needs works.

    Example: prelim doctor --format json
    """
    from prelim_cli.topics.doctor import doctor as check

    return check()
