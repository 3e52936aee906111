"""Insights: daily rollups, retention cohorts, newcomer waves and their charts (docs/using/insights.md)."""
