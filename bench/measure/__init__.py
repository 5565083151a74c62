"""The measurements, one module each; ``bench.run`` calls them in order.

- ``throughput``: list req/s, p50, p99 of the mock (same URL, start 0..49, unique queries), the
  bare app and Prism, interleaved over --rounds; the mock's ratios to both.
- ``creates``: durable creates per second, then kill -9 and a restart: every acknowledged
  create must still be there.
- ``latency``: sequential list p50 at --posts posts against 100 posts, same and unique queries.
- ``startup``: ``serve`` start to the first 200, on a fresh database and on the existing one.
- ``conform``: the wall time and exit code of a ``socialpost conform`` run.
- ``sessions``: creating a session (p50, p99), memory per session, the list with 1,000 live
  sessions against none (issue 12).
- ``journal``: the list with the request journal on against off, against the 10 % target.
- ``stores``: the stores side by side (issue 14): the uncached list and durable creates on
  TinyDB, on PostgreSQL with one process and with ``--workers 2``.
- ``faults``: the list with 10 fault rules that never match it against none; a ``delay_ms``
  rule's p50; ``serve --latency`` p50 and p99.

May import ``bench.targets``, ``bench.load``, ``bench.report`` and the top-level modules but
``bench.run`` and ``bench.__main__``; a measurement never imports another.
"""
