"""Where the project's own files live: the contract and the bundled fixtures.

The package is installed editable (``make install``), so these resolve to the checkout.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = PROJECT_ROOT / "openapi.yaml"
CONTROL_SPEC_PATH = Path(__file__).resolve().parent / "control.yaml"
FIXTURES_PATH = PROJECT_ROOT / "fixtures" / "social-posts.json"
