"""Fixtures shared by every test folder: the real servers of tests/realservices (started only when a test asks)."""

pytest_plugins = ["tests.realservices.postgres"]
