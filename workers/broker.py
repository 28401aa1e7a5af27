"""The dramatiq broker: Redis when TEKSER_REDIS_URL is set, an in-memory stub otherwise."""

from __future__ import annotations

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker


def setup_broker(redis_url: str | None) -> dramatiq.Broker:
    """Make the broker for redis_url (StubBroker when None) the global dramatiq broker and return it."""
    # a dead worker's unacknowledged messages go back to the queue 20 s after its last heartbeat
    broker: dramatiq.Broker = (RedisBroker(url=redis_url, heartbeat_timeout=20_000, maintenance_chance=100)
                               if redis_url else StubBroker())
    dramatiq.set_broker(broker)
    return broker


__all__ = ["setup_broker"]
