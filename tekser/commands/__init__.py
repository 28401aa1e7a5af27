"""Service-mode subcommands of `tekser`, one module each; `cli.py` registers them."""
