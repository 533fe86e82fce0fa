"""A free TCP port on 127.0.0.1 for a server a test starts (gunicorn, moto, `make run`)."""

import socket


def free_port() -> int:
    """A port the system hands out now: no range to keep apart between test processes."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
