"""Checking a report: rounding-aware reconciliation of the printed numbers and the validation checks."""
