"""Run `python -m scoring ARGS...` in this process, then print how often the content was parsed.

Used by test_cache.py: the count is the evidence that a command read the content from the cache
(0) or loaded it (1). The loader itself runs unchanged; it is only counted.
"""

import sys

from license_risk.content import load

parsed = 0
_read_documents = load.read_documents


def counting(root):  # type: ignore[no-untyped-def]
    global parsed
    parsed += 1
    return _read_documents(root)


load.read_documents = counting

from license_risk.cli.main import main  # noqa: E402

code = main(sys.argv[1:])
sys.stdout.flush()
print(f"content parsed: {parsed}", file=sys.stderr)
sys.exit(code)
