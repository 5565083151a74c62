"""Where the package's own files live: the contract, the control spec and the bundled fixtures.

They sit beside the code in both places the package runs from: in the checkout (``openapi.yaml``
and ``fixtures/`` at the top, ``server/control.yaml``) and in an installed wheel, which carries
them as package data (``socialpost/openapi.yaml``, ``socialpost/fixtures/`` with its
``scenarios/``, ``socialpost/server/control.yaml``).
"""

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = PACKAGE_ROOT / "openapi.yaml"
CONTROL_SPEC_PATH = Path(__file__).resolve().parent / "control.yaml"
FIXTURES_PATH = PACKAGE_ROOT / "fixtures" / "social-posts.json"
SCENARIOS_DIR = PACKAGE_ROOT / "fixtures" / "scenarios"
