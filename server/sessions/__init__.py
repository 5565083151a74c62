"""Sessions: isolated state, clock, faults, journal and snapshots per client."""
