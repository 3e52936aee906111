"""`{{ html|remote_html }}`: HTML from another server, cleaned again as it is shown.

Remote HTML is sanitised when it is stored (crossnote.federation.services.sanitise_html); this
filter runs the same allow-list at render time too, so a row written by any other path (an old
row, the admin, a future importer) can never reach a page unsanitised."""

from django import template
from django.utils.safestring import mark_safe

from crossnote.federation.services import sanitise_html

register = template.Library()


@register.filter
def remote_html(value) -> str:
    return mark_safe(sanitise_html(str(value or "")))  # noqa: S308 - nh3's allow-list output
