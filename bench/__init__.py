"""The benchmark (issue 7): the socialpost mock side by side with Prism and a bare Starlette app.

Run it from the repository root with ``.venv/bin/python -m bench [options]`` (``--help`` lists
them); the Markdown report goes to stdout, progress to stderr. See bench/README.md.

At the top, the entry point and what it wires together:

- ``__main__``: the entry point: options → run → report; cleanup on errors and signals.
- ``cli``: the command line, its defaults and those --quick changes (``Options``).
- ``context``: ``Bench``, the state every measurement is handed (no module keeps state).
- ``run``: the measurements in order, each failure recorded; the final ratios.
- ``paths``: where the spec, the bare app and Prism are.
- ``processes``: servers in their own process groups: spawn, readiness, CPU ticks, stop.
- ``command``: the ``socialpost`` command and which of its features exist.
- ``figures``: figures as text (ms, s, bytes, CPU) and the nearest-rank percentile.
- ``bare_app``: the bare Starlette app itself (a script the benchmark starts by its path).

Subpackages, one concern each (their ``__init__`` lists their modules):

- ``load``: the requests sent and one load run (wrk, else the Python fallback), its result.
- ``report``: the report (rows, ratios, Markdown, the machine header) and progress on stderr.
- ``targets``: the servers measured: the mock (on TinyDB, on PostgreSQL), the bare app, Prism;
  the mock's control API.
- ``measure``: the measurements: throughput, creates, latency, startup, conform; the stores
  side by side (issue 14); and the cost of sessions, the journal and faults (issue 12).

Imports flow one way: ``__main__`` → ``run`` → ``measure`` → ``targets`` → ``context`` →
``report`` → ``load`` → ``cli``, ``command``, ``processes``, ``paths``, ``figures`` (which import
nothing of the benchmark's but ``paths`` and ``processes``). A subpackage's ``__init__`` holds
only its docstring, so importing one module never imports its neighbours.
"""
