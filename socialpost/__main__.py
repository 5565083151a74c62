"""``python -m socialpost`` is the ``socialpost`` command."""

from socialpost.server.cli import main

main()
