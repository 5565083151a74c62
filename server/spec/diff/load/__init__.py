"""What is compared: a spec read from a file or a git revision, and the nodes inside it.

    document    a file parsed, normalised and known to be OpenAPI 3 (else ``DiffError``)
    git         the same file as it was at a git revision
    refs        nodes with their pointers; local ``$ref`` resolution, cycle-safe

Imports only ``..errors`` from the package, and ``socialpost.server.spec.source``; everything
else in the package may import it.
"""
