"""The conformance suite: ``socialpost conform`` checks a server against openapi.yaml.

    cli.py        the command: exit 0 conforms, 1 non-conformance found, 2 could not run
    profile.py    the target's token and ids (TOML/YAML), defaulting from the fixtures
    runner.py     a run: layers 1 to 4 in order, then the cleanup, whatever happened
    contract.py   layers 1 and 2 through Schemathesis, with the guard that keeps writes safe
    checks/       the suite's own checks, one documented behaviour each (see registry.py)
    context.py    what a check works with: client, profile, ledger, the run's corpus
    corpus.py     the posts layer 3 lists over, created once per run
    ledger.py     every post the run created, and their deletion
    control.py    the mock's control API (clock, failure injection), when the target has it
    http.py       the recording HTTP client: curl lines and excerpts for failures
    report.py     progress, failures and the summary; junit.py: the same as JUnit XML
"""
