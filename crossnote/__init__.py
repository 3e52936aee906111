"""Crossnote: a self-hostable, cross-cultural notes platform."""
