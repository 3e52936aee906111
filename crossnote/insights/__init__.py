"""Insights: daily rollups, retention cohorts, newcomer waves and their charts (README "Insights")."""
