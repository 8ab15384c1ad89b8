"""Entry point: ``python -m tests.emulator``."""

from .cli import main

if __name__ == "__main__":
    main()
