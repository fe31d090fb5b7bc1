#!/usr/bin/env python3
"""Build the edition and write the data exports into dist/: see ``edition/cli.py``
(installed as ``edition-build``; this file is the same command for a checkout)."""
import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
