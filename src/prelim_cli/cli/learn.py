"""prelim learn: the chapter's exercises, started, checked, hinted and watched."""

from prelim_cli.cli.app import app, new_group

learn_app = new_group("The chapter's exercises (both editions), checked as you work: "
                      "prelim learn start 2.3.6, then prelim learn check 2.3.6.")
app.add_typer(learn_app, name="learn")
