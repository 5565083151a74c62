"""Steering answers: fault rules, latency and Prefer-forced responses.

``steering`` is the ASGI layer that applies them to the API's requests; ``rules`` keeps a
session's fault rules and counts them; ``definition`` reads a rule from the control API;
``prefer`` builds every answer ``Prefer`` can force; ``connection`` breaks a connection;
``latency`` reads ``--latency``. May import ``errors``, ``http`` (problems, validation,
operations) and ``sessions.exchange``; never the store or the handlers.
"""
