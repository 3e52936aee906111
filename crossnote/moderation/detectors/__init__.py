"""Detectors: each looks at content and reports signals (see base.py)."""
