"""The load the benchmark puts on a server: the requests sent and one load run.

- ``queries``: the requests sent, and how the list request varies (same, start 0..49, unique,
  limits).
- ``load``: the result of one load run.
- ``loadgen``: one load run (warm-up, measured run, CPU used): wrk, else the Python fallback.
- ``wrk``: running wrk and reading its output.
- ``pyload``: the Python load generator (httpx + asyncio), labelled as not wrk.
- ``compare``: configurations measured in turn over rounds, uncached URLs never repeated.

May import ``bench.processes`` and ``bench.figures`` only: nothing here knows the targets, the
measurements or the report.
"""
