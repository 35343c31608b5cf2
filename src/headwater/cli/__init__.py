"""The ``headwater`` command."""

from headwater.cli.main import app


def main() -> None:
    app()


__all__ = ["app", "main"]
