"""Test and benchmark tooling, never installed: renders report specs as text layouts, .docx and PDF."""
