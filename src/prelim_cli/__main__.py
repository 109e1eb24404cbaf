from prelim_cli.cli import main

main(prog_name="prelim")
