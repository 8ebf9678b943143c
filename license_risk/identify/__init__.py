"""Which held license, and which version, a license file is: with a similarity score and the clauses that differ.

Imports the content layer (the held official texts); the lineage readers and the CLI import this.
"""
