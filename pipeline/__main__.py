"""`python -m pipeline` runs the kompass command."""
from .cli import main

main()
