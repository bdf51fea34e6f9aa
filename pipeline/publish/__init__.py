"""Publishing what was found: the Parquet dataset and the validation report."""
