"""Documents and handlers that tests/test_lint.py lints."""
