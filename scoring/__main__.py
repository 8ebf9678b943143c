"""`python -m scoring`: the command line's entry point. The CLI itself is `license_risk.cli`.

The process runs without the cyclic garbage collector: a command is short, and what it
allocates either lives until it ends (the content, the libraries) or is freed by reference
counting; the collector would only walk those objects again and again. Measured: about 30 ms of
a 200 ms `assess` (python -m bench.cli), with `validate`'s peak memory 6 MB higher.
"""

import gc

gc.disable()  # before the imports, which allocate most of what it would walk

import sys  # noqa: E402

from license_risk.cli.main import main  # noqa: E402

code = main()
gc.freeze()  # nor walk it all once more at exit
sys.exit(code)
