"""Entry point: ``python -m elastic_cloud_emulator``."""

from .cli import main

if __name__ == "__main__":
    main()
