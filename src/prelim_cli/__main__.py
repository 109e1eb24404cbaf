from prelim_cli.server.client import main

main()
