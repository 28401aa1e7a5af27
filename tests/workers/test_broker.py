"""The real Redis fixture keeps data across a restart (append-only file, fsync always)."""

from __future__ import annotations

import redis

from tests.realservices.redis import RedisServer


def test_redis_restart_keeps_queued_messages(redis_server: RedisServer) -> None:
    client = redis.Redis.from_url(redis_server.url)
    client.rpush("tekser-test-queue", b"message-1", b"message-2")
    redis_server.restart()
    client = redis.Redis.from_url(redis_server.url)
    assert client.lrange("tekser-test-queue", 0, -1) == [b"message-1", b"message-2"]
    client.delete("tekser-test-queue")
