"""The conformance suite: ``socialpost conform`` checks a server against openapi.yaml.

    cli.py        the command: exit 0 conforms, 1 non-conformance found, 2 could not run
    runner.py     a run: layers 1 to 4 in order, then the cleanup, whatever happened
    contract.py   layers 1 and 2 through Schemathesis, with the guard that keeps writes safe
    checks/       the suite's own checks, one documented behaviour each (see registry.py)
    context.py    what a check works with: client, profile, ledger, the run's corpus
    corpus.py     the posts layer 3 lists over, created once per run
    results.py    what a run found; choices.py: where the document leaves a choice
    posts.py      what the contract says about posts; timefmt.py: the owner's current_time
    target/       the server under test: http (recording client), headers (--header),
                  profile, control, ledger
    reports/      text (progress, failures, summary), junit (JUnit XML), github (annotations)
    proxy/        ``socialpost proxy``: live traffic forwarded and checked on its way through
"""
