"""Security: rate limits, client IPs, sign-up surge modes, sessions and security headers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "crossnote.security"
    verbose_name = _("Security")  # the admin's heading
    label = "security"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from crossnote.security import ratelimits, sessions
        from crossnote.security.models import RateLimitRule

        sessions.connect_signals()
        # The rules are memoised per process under the shared generation (ratelimits).
        for signal in (post_save, post_delete):
            signal.connect(
                ratelimits.rule_changed, sender=RateLimitRule, dispatch_uid="security-rate-rule"
            )
