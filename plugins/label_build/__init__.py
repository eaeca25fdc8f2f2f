"""Pelican plugin: the build's own concerns (staging output, progress). Wiring only."""


def register() -> None:
    """Nothing to connect yet: the driver (scripts/build.py) wraps Pelican's run."""
