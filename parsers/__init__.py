"""Readers: each turns one input layout into the common block stream."""
