"""What the benchmark prints: the report on stdout, progress on stderr.

- ``report``: the report's rows and ratios (with the issue's targets) and its Markdown.
- ``cost``: what a feature costs the list (req/s lost, in %), against the issue's target.
- ``machine``: the report's header: CPU, memory, OS, versions, commit.
- ``progress``: progress lines on stderr.

May import ``bench.cli``, ``bench.figures``, ``bench.processes`` and ``bench.load``; never the
targets, the measurements or ``bench.context``.
"""
