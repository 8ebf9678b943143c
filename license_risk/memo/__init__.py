"""Readable renderings for people: the memo for legal reviewers and the report of an assessment.

Owns the memo's facts (`facts`, plain data), its PDF (`pdf`, fpdf2), HTML (`html`) and Word
(`docx`, python-docx) renderings, the plain-text and JSON report the CLI prints (`report`) and the listing
of the licenses covered (`listing`). May import `license_risk.content` and `scoring`;
not the maintainers' tools, the store, the CLI or the UI.
"""
