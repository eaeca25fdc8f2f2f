"""Pelican plugin (wiring only)."""


def register() -> None:
    """Connected later."""
