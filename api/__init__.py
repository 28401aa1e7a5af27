"""The HTTP API of tekser (FastAPI): submissions in, statuses, contract records and page images out."""
