"""The server under test, as the suite reaches it: the recording HTTP client (``http``), the
target's profile of ids and tokens (``profile``), its control API when it has one (``control``)
and the ledger of every post the run created there (``ledger``).

Imports nothing of the checks, the runner or the reports.
"""
