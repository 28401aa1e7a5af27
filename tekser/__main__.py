"""`python -m tekser` runs the command line."""

from tekser.cli import main

main()
