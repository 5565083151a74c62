"""The benchmark (issue 7): the socialpost mock side by side with Prism and a bare Starlette app.

Run it from the repository root with ``.venv/bin/python -m bench [options]`` (``--help`` lists
them); the Markdown report goes to stdout, progress to stderr. See bench/README.md.

Run and report:

- ``__main__``: the entry point: options → run → report; cleanup on errors and signals.
- ``cli``: the command line, its defaults and those --quick changes (``Options``).
- ``context``: ``Bench``, the state every measurement is handed (no module keeps state).
- ``run``: the measurements in order, each failure recorded; the final ratios.
- ``report``: the report's rows and ratios (with the issue's targets) and its Markdown.
- ``figures``: figures as text (ms, s, bytes, CPU) and the nearest-rank percentile.
- ``machine``: the report's header: CPU, memory, OS, versions, commit.
- ``progress``: progress lines on stderr.

Processes and load:

- ``paths``: where the spec, the bare app and Prism are.
- ``processes``: servers in their own process groups: spawn, readiness, CPU ticks, stop.
- ``command``: the ``socialpost`` command and which of its features exist.
- ``queries``: the requests sent, and how the list request varies (same, start 0..49, unique).
- ``load``: the result of one load run.
- ``loadgen``: one load run (warm-up, measured run, CPU used): wrk, else the Python fallback.
- ``wrk``: running wrk and reading its output.
- ``pyload``: the Python load generator (httpx + asyncio), labelled as not wrk.

Targets:

- ``mock``: ``socialpost serve`` on a database file; its count of posts.
- ``bare``: the mock's list response served by ``bare_app.py`` (the practical limit).
- ``prism``: Prism, installed with npm when missing, mocking openapi.yaml.
- ``bare_app``: the bare Starlette app itself (a script the benchmark starts).

Measurements, one module each:

- ``throughput``: list req/s, p50, p99 of the mock (same URL, start 0..49, unique queries), the
  bare app and Prism, interleaved over --rounds; the mock's ratios to both.
- ``creates``: durable creates per second, then kill -9 and a restart: every acknowledged
  create must still be there.
- ``latency``: sequential list p50 at --posts posts against 100 posts, same and unique queries.
- ``startup``: ``serve`` start to the first 200, on a fresh database and on the existing one.
- ``conform``: the wall time and exit code of a ``socialpost conform`` run.
"""
