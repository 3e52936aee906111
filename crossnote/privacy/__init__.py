"""Privacy and data rights: export archives, account deletion, privacy settings, data regions,
login history and access logs (DESIGN.md §6, docs/operating/privacy.md)."""
