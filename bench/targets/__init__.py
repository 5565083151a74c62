"""The servers measured, each started for a ``Bench`` and stopped by its ``Servers``.

- ``mock``: ``socialpost serve`` on a database file; its count of posts.
- ``bare``: the mock's list response served by ``bench/bare_app.py`` (the practical limit).
- ``prism``: Prism, installed with npm when missing, mocking openapi.yaml.
- ``postgres``: the mock on PostgreSQL (``serve --store URL [--workers N]``) on a database of
  the bench's own, created and dropped on --pg-url.
- ``control``: the mock's control API: sessions created, fault rules added and cleared.

May import ``bench.context``, ``bench.paths``, ``bench.processes``, ``bench.load`` and
``bench.report``; never the measurements.
"""
