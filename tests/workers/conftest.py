"""Fixtures of the worker tests: the real Redis server."""

from tests.realservices.redis import redis_server

__all__ = ["redis_server"]
