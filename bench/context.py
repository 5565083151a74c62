"""What every measurement is handed: the options, the work directory, the servers, the load
generator, the report being filled in and the socialpost command. No module keeps state."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from bench.cli import Options
from bench.command import has_generate_posts, quiet_flags, serve_help, socialpost_cmd
from bench.load.loadgen import LoadGen
from bench.processes import Servers
from bench.report.report import Report


@dataclasses.dataclass
class Bench:
    options: Options
    workdir: Path
    servers: Servers
    loadgen: LoadGen
    report: Report
    generate: bool  # whether `socialpost serve --generate-posts` exists
    cmd: list[str]  # the socialpost command
    # `serve` flags every mock runs with: requests not logged, as Prism runs (``-v error``)
    log_flags: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def create(cls, options: Options) -> Bench:
        """A fresh temporary work directory; the caller removes it."""
        workdir = Path(tempfile.mkdtemp(prefix="socialpost-bench-"))
        help_text = serve_help()
        return cls(
            options=options,
            workdir=workdir,
            servers=Servers(workdir),
            loadgen=LoadGen(workdir, force_python=options.python_load),
            report=Report(),
            generate=has_generate_posts(help_text),
            cmd=socialpost_cmd(),
            log_flags=quiet_flags(help_text, options.access_log),
        )
