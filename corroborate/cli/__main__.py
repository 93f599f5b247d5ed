"""`python -m corroborate.cli`: the command line, as the `corroborate` script runs it."""

import sys

from corroborate.cli import main

sys.exit(main())
