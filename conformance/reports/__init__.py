"""What a run prints and writes: ``text`` (progress, failures, deviations, the summary),
``junit`` (JUnit XML, a suite per layer) and ``github`` (workflow annotations).

Reads results only (``results``, ``choices``); imports nothing that talks to the target.
"""
