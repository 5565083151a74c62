"""Tests in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""
