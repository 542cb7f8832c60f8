"""Analyses over a project and its plan: coverage, robustness, trade-off curves, what-if scenarios."""
