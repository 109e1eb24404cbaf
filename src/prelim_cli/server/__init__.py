"""A warm prelim: one resident process per user with torch, pandas and matplotlib imported,
and ``prelim …`` as a thin client of it (the way dmypy and Gradle's daemon work).

    protocol.py  where the socket lives, and the one message format (stdlib only)
    client.py    the console entry point: hand argv to the server if one answers, else run
                 the command here, exactly as without a server
    daemon.py    the server: a single-threaded accept loop that forks one child per request

The client passes its own stdin, stdout and stderr to the server (SCM_RIGHTS), so the
child forked for the request writes to the very same terminal, pipe or file, with the
client's environment, working folder, umask and stream encodings: what it prints is byte
for byte what the command would have printed itself. The child reports its exit status
straight to the client over the connection it inherited, so a server that dies
mid-request does not take the request with it.
"""
