"""Kommunkompassen: interpreting block streams into reports, and writing the dataset."""
