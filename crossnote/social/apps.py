"""Social graph and notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "crossnote.social"
    verbose_name = _("Social")  # the admin's heading
    label = "social"
