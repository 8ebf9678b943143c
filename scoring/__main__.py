"""`python -m scoring`: the command line's entry point. The CLI itself is `license_risk.cli`."""

import sys

from license_risk.cli.main import main

sys.exit(main())
