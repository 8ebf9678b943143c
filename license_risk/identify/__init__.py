"""Which held license, and which version, a license file is: with a similarity score and the clauses that differ.

Imports the content layer (the held official texts); the lineage readers and the CLI import this.

    identify_file(path, catalog) -> Identification     # InputError for a file that is not usable text
    identify_text(text, catalog) -> Identification

The file is compared with the official text of every license and policy profile in the catalog
(`licenses/*.yaml`, `text.file`; definitions such as the OSD are not licenses a file carries).
Both sides are normalised in the spirit of the SPDX matching guidelines (`normalize.py`: case,
white space and line wrapping, quote and dash variants, bullets, Markdown and HTML markup,
copyright notices), then:

1. A prefilter ranks the held texts by shared 4-word sequences (Dice over sets of shingles), and
   picks the few worth comparing word by word (the closest two, more if nearly as close, and any
   the file holds nearly all of); a held text sharing under 10% of its 4-word sequences with the
   file is not compared word by word, nor one the file is too long to be a copy of.
2. Each of those is aligned word by word with the file (difflib), punctuation included. The
   similarity is difflib's ratio, 2 x words in common / all words, in [0, 1]; the closest wins,
   so of near-identical versions (Llama 3.1 / 3.2 / 3.3, the three Gemma terms, the NVIDIA
   licenses) the exact text wins, an edited copy goes to the version it is closest to, and the
   next closest other text is reported as the runner-up.
3. The verdict:
   - `identical`: no difference after normalisation, except a different copyright notice or a
     missing title line (both omittable under SPDX's guidelines; each is noted);
   - `modified`: clearly that license, with edits: similarity at least SIMILAR (0.8), or the file
     holds at least CONTAINED (95%) of the official text's words in order (the license with
     additions), or at least 95% of the file's words are the official text's and the file keeps
     at least KEPT (50%) of the official text (parts removed). Always "needs legal review", never mapped silently
     to the held license: the differences are listed by paragraph (added with their text,
     removed, changed with each edit's old and new words), each naming the modelled clauses
     (`section`, `title`) whose quoted words lie in it;
   - `unknown`: anything else; the closest text is named as "closest, not asserted".

How the thresholds were chosen (measured on the 42 held texts; tests/identify/ checks the figures
they rest on): every held text identifies as itself, identical, also re-wrapped, with curly quotes and
dashes, with CRLF line ends and as Markdown. Edited copies (a clause added, a sentence changed, a
paragraph removed) of every held text score at least 0.92 against their own text; MIT without its
disclaimer (44% of its words, the largest share one paragraph of a held text is) scores 0.72, with
100% of the file found in MIT and 56% of MIT kept. Distinct versions of one family score 0.68 to
0.99 against each other (so a new version of a held license comes out as its closest version,
modified, for review). Distinct licenses of different families score at most 0.61
(Nemotron / Apache-2.0, LGPL-2.1 / GPL-2.0), neither holding 75% of the other, except the Falcon
180B license, which holds 96% of Apache-2.0 in order (0.75): it is Apache-2.0 with additions.
Unrelated texts score at most 0.42 (the Unlicense against MIT, whose disclaimer it shares;
BSD-3-Clause 0.23, a made-up model license 0.07, prose 0.01).

Speed, on this project's 2-core machine: a license file of ordinary size (up to the 35 KB of the
GPL) is identified in 5 to 70 ms, plus up to 0.1 s in a process's first call to normalise the few
closest held texts; `python -m scoring identify FILE` takes 0.3 to 0.4 s in all with the content
cache warm. A file of up to 1 MB (the limit) that holds a whole license text takes about 2 s; one
that holds none about 0.1 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from license_risk.identify.match import (
    CONTAINED,
    KEPT,
    SIMILAR,
    Candidate,
    ClauseRef,
    Difference,
    Edit,
    Identification,
    identify,
)
from license_risk.identify.read import MAX_BYTES, decode_license, read_license

if TYPE_CHECKING:
    from license_risk.content.catalog import Catalog

__all__ = [
    "CONTAINED",
    "KEPT",
    "MAX_BYTES",
    "SIMILAR",
    "Candidate",
    "ClauseRef",
    "Difference",
    "Edit",
    "Identification",
    "decode_license",
    "identify_file",
    "identify_text",
    "read_license",
]


def identify_text(text: str, catalog: Catalog) -> Identification:
    """Which held license and version `text` is (see the module docstring)."""
    return identify(text, catalog)


def identify_file(path: Path, catalog: Catalog, name: str | None = None) -> Identification:
    """Read a license file (refused with an InputError naming it if it is not usable text) and identify it."""
    return identify(read_license(path, name), catalog)
