"""System checks of the privacy settings: `crossnote doctor` reports them, `crossnote serve`
refuses to start on them, and `crossnote manage check` lists them.

Data regions are tags on accounts (accounts.User.data_region, set at sign-up from the country):
this instance keeps every account and everything it writes on its one database (DATABASE_URL).
Keeping a region's data on a database of its own is not supported: a Django database router did
it by following each row's owner, and it misplaced rows (an account whose data lived elsewhere
could not log in; a note written for it landed in the default database under another person's
id). The supported design for data kept apart is one Crossnote instance per region.
"""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

REGION_DATABASES_UNSUPPORTED = "privacy.E001"
TAG = "data_regions"


@checks.register(TAG)
def region_databases(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    regions = sorted(getattr(settings, "CROSSNOTE_REGION_DATABASES", None) or {})
    if not regions:
        return []
    return [
        checks.Error(
            _(
                "CROSSNOTE_REGION_DATABASES is set (%(regions)s), but keeping a data region on "
                "a database of its own is not supported: every account and everything it "
                "writes stay on the one database (DATABASE_URL), and a data region is only a "
                "tag on the account."
            )
            % {"regions": ", ".join(regions)},
            hint=_(
                "Unset CROSSNOTE_REGION_DATABASES. To keep a region's data apart, run a separate "
                "Crossnote instance, with its own DATABASE_URL, for that region."
            ),
            id=REGION_DATABASES_UNSUPPORTED,
        )
    ]
