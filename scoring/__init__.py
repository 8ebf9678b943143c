"""The engine: license profiles and question trees in, findings and ratings out. No UI code here."""

__version__ = "0.1.0"
