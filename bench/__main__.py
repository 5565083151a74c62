"""``python -m bench``: run the benchmark, print the Markdown report to stdout (progress goes
to stderr), optionally write the raw figures as JSON; every server stopped, the work directory
removed (unless --keep), also on errors, SIGTERM and Ctrl-C."""

from __future__ import annotations

import json
import shutil
import signal
import sys

from bench.cli import parse_options
from bench.context import Bench
from bench.report.progress import log
from bench.report.report import render
from bench.run import run


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    bench = Bench.create(options)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    log(f"work directory {bench.workdir}")
    try:
        report = run(bench)
    except KeyboardInterrupt:
        log("interrupted: stopping the servers")
        return 130
    finally:
        bench.servers.stop_all()
        if options.keep:
            log(f"kept {bench.workdir}")
        else:
            shutil.rmtree(bench.workdir, ignore_errors=True)
    print(render(report, options))
    if options.json:
        options.json.write_text(
            json.dumps(
                {"machine": dict(report.machine), **report.raw, "problems": report.problems},
                indent=2,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
