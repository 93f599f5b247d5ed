"""`python -m flows.cli`: the command line, as the `corroborate` script runs it."""

import sys

from flows.cli import main

sys.exit(main())
