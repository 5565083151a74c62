"""Time and publishing: the simulated clock and the job that executes posts as it moves.

``clock`` imports nothing of ours; ``publisher`` reads and writes posts through ``Store`` only.
"""
