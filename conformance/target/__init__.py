"""The server under test, as the suite reaches it: the recording HTTP client (``http``), the
target's profile of ids and tokens (``profile``), the headers every request carries
(``headers``, ``--header``: a mock session), its control API when it has one (``control``) and
the ledger of every post the run created there (``ledger``).

Imports nothing of the checks, the runner or the reports.
"""
