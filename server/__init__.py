"""The mock server, and the tools that read the contract it serves.

    app.py, config.py, state.py   the app factory, its settings, the state it is handed
    errors.py                     the one error hierarchy (rendered by ``http.problems``)
    paths.py                      where the contract, control spec and fixtures live
    handlers/                     the contract's operations (openapi.yaml's operationIds)
    control/                      the control API under /_mock (control.yaml's operationIds)
    store/                        storage behind the ``Store`` interface
    publishing/                   the simulated clock and the publishing job
    http/                         plumbing between the wire and the handlers
    spec/                         tools over OpenAPI documents: lint, diff
    cli/                          the ``socialpost`` command line

Imports point down this list's dependency order: ``errors`` and ``publishing.clock`` import
nothing of ours; ``store`` imports those; ``handlers`` and ``control`` import ``store``,
``publishing`` and ``errors`` (never TinyDB); ``http`` wraps any of them; ``app`` assembles;
``cli`` sits on top. ``spec`` stands apart and imports only ``http.resolver``.
"""
