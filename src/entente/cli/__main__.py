"""``python -m entente.cli``."""

from . import main

main()
