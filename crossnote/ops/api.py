"""REST: the doctor's findings for staff (GET /api/v1/ops/status)."""

from django.utils.translation import gettext as _
from ninja import Router

from crossnote.accounts.auth import REQUIRED
from crossnote.core.errors import PermissionDenied
from crossnote.ops import doctor
from crossnote.ops.schemas import StatusOut

router = Router(tags=["operations"])


@router.get("/ops/status", response=StatusOut, auth=REQUIRED)
def ops_status(request):
    """Staff: every check `crossnote doctor` runs (production rules, database, cache, broker,
    workers, media storage, metrics, Django's deploy checks), each with what to do."""
    if not request.user.is_staff:
        raise PermissionDenied(_("Only staff can see the system status."))
    findings = doctor.diagnose()
    return {
        "summary": doctor.summary(),
        "errors": sum(f.level == doctor.ERROR for f in findings),
        "warnings": sum(f.level == doctor.WARNING for f in findings),
        "findings": [f.as_dict() for f in findings],
    }
