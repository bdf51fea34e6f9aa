"""`python -m kompass` runs the kompass command."""

from kompass.pipeline.cli import main

main()
