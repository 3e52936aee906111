"""System checks of the federation settings (`crossnote manage check --deploy`, `crossnote
doctor`): the development setting that lets plain HTTP reach loopback must never run in
production, where it would open the SSRF door the fetcher otherwise keeps shut."""

from django.conf import settings
from django.core import checks

HTTP_LOOPBACK_IN_PRODUCTION = "federation.E001"


@checks.register(checks.Tags.security, deploy=True)
def http_loopback_in_production(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not (settings.PRODUCTION and settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK):
        return []
    return [
        checks.Error(
            "CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK is on in production: remote servers could "
            "make this one fetch and post to its own loopback services (SSRF).",
            hint="Unset CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK (it is for tests and development).",
            id=HTTP_LOOPBACK_IN_PRODUCTION,
        )
    ]
