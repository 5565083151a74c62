"""socialpost: the Social Post API as a working contract.

The one import package the distribution installs. The repository keeps its own layout
(``openapi.yaml``, ``server/``, ``conformance/``, ``fixtures/`` at the top); this directory
links them in, so the checkout and an installed wheel import the same names:

    socialpost.server         the mock: Connexion app, store, clock, control API, spec tools, CLI
    socialpost.conformance    the conformance suite ``socialpost conform`` runs
    socialpost/openapi.yaml   the contract; socialpost/fixtures/ the fixtures a new mock starts from
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("socialpost")
except PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
