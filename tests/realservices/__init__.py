"""Real servers (PostgreSQL, Redis) started by the tests themselves on loopback."""
