"""Operations: health and readiness probes, Prometheus metrics, JSON logs with request ids, the
production-mode refusal, `crossnote doctor` and `crossnote migrate-data` (docs/operating/operations.md)."""
