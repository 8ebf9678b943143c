"""The content's version, as `--version` prints it: the newest question tree's date and a digest of the content.

    content_version(root=None) -> ContentVersion     # str(): "2026-12-05+3fa1c2d4e5b6"

The date says to a person how recent the content is (each tree carries the date of its version);
the digest says exactly which content it is: a SHA-256 of every file under `licenses/` and
`questionnaires/` (names relative to the content root, and bytes), so a checkout and an installed
wheel of the same content give the same version, and any edit (a profile, a quote, a translation)
gives another. Its first 12 hex digits are printed, as git shortens a commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from license_risk.content.compiled import cached_catalog, content_files, hash_file
from license_risk.content.problems import ContentError
from license_risk.shipped import ROOT

SHORT = 12  # hex digits of the digest shown


@dataclass(frozen=True)
class ContentVersion:
    digest: str  # the SHA-256 of the content files, in hex
    date: dt.date | None  # the newest question tree's date; None when the content cannot be loaded
    problems: int = 0  # errors that keep the content from loading (`validate` lists them)

    def __str__(self) -> str:
        short = self.digest[:SHORT]
        return f"{self.date.isoformat()}+{short}" if self.date else short


def content_digest(root: Path | None = None) -> str:
    """The SHA-256 of the files under the content root's licenses/ and questionnaires/. OSError if one cannot be read."""
    h = hashlib.sha256()
    for name, path in content_files(str((root or ROOT).resolve())):
        hash_file(h, name, path)
    return h.hexdigest()


def content_version(root: Path | None = None) -> ContentVersion:
    """The version of the content under root (default: the shipped content); without a date if it has errors."""
    digest = content_digest(root)
    try:
        catalog = cached_catalog(root)
    except ContentError as exc:
        return ContentVersion(digest, None, len(exc.problems))
    return ContentVersion(digest, max((tree.model.date for tree in catalog.trees.values()), default=None))
