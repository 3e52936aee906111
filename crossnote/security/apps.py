"""Security: rate limits, client IPs, sign-up surge modes, sessions and security headers."""

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "crossnote.security"
    label = "security"

    def ready(self):
        from crossnote.security import sessions

        sessions.connect_signals()
