"""The core app: pieces every domain app shares."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "crossnote.core"
    verbose_name = _("Background tasks")  # the admin's heading
    label = "core"

    def ready(self):
        # After django.contrib.admin's ready (listed first), which registered every app's admin.
        from crossnote.core.admin import empty_json_boxes_as_defaults

        empty_json_boxes_as_defaults()
