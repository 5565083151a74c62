"""The mock server, and the tools that read the contract it serves.

    app.py, config.py, state.py   the app factory, its settings, the state it is handed
    errors.py                     the one error hierarchy (rendered by ``http.problems``)
    paths.py                      where the contract, control spec and fixtures live
    handlers/                     the contract's operations (openapi.yaml's operationIds)
    control/                      the control API under /_mock (control.yaml's operationIds)
    store/                        storage behind the ``Store`` interface
    publishing/                   the simulated clock and the publishing job
    sessions/                     per-client sessions: the router, the registry, snapshots
    faults/                       steering answers: fault rules, Prefer, latency
    journal/                      the request journal of each session
    http/                         plumbing between the wire and the handlers
    spec/                         tools over OpenAPI documents: lint, diff
    cli/                          the ``socialpost`` command line

Imports point one way: ``errors``, ``paths`` and ``publishing.clock`` import nothing of ours;
``store`` imports those; ``state`` gathers what a request sees (store, clock, views, fault
rules, journal) for one session; ``sessions`` holds the states by name;
``handlers``, ``control`` and ``publishing.publisher`` import ``state``, ``store`` (the
interface, never TinyDB), ``publishing`` and ``errors``; ``http`` wraps any of them; ``app``
assembles; ``cli`` sits on top. ``spec`` stands apart and imports only ``http.resolver``.
Imports between the modules of server/ and conformance/ are relative, so tools that read the
files see this structure; only the root's ``socialpost.__version__`` is imported by name.
"""
