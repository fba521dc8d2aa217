from celery import shared_task


@shared_task(name="core.ping")
def ping(payload: str = "pong") -> dict:
    """A round-trip probe: proves a worker picks tasks up and results come back."""
    import os
    import socket

    return {"payload": payload, "host": socket.gethostname(), "pid": os.getpid()}
