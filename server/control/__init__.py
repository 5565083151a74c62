"""The control API under ``/_mock``: health, reset, the clock and forced failures.

``handlers`` answers the operationIds of ``server/control.yaml``. May import ``store``,
``publishing``, ``errors`` and ``state``, like the contract's handlers.
"""
