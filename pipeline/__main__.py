"""`python -m kompass.pipeline` runs the kompass command."""

from kompass.pipeline.cli import main

main()
