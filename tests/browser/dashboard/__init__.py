"""The dashboard at ``/_mock/``, driven in headless Chromium."""
