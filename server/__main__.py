"""``python -m server`` is ``socialpost``."""

from server.cli import main

main()
