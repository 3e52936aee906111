"""The operator edits policies, term lists and moderator scopes in the admin: regions and kinds
are typed as codes ("CN, DE"), an empty box is an empty list (it was a 500: null into a NOT
NULL column), and a policy is held to the same checks as `crossnote moderation policies import`
(min_score 0 to 1, two-letter regions, known kinds, a withholding names its regions)."""

import pytest

from crossnote.moderation.models import ModeratorScope, Policy, TermList, Withholding
from crossnote.notes.models import NoteWithholding
from crossnote.notes.services import create_note
from crossnote.social.models import Notification
from tests.conftest import make_user, upload

pytestmark = pytest.mark.django_db
POLICIES = "/admin/moderation/policy/"


def _policy(**extra) -> dict:
    data = {
        "name": "Scam phrases (opqa)",
        "category": "scam",
        "layer": "terms",
        "min_score": "1.0",
        "action": "hold",
        "account_action": "",
        "regions": "",
        "legal_basis": "",
        "applies_to": "",
        "label_text": "",
        "guideline": "",
        "enabled": "on",
    }
    data.update(extra)
    return data


def test_an_empty_regions_box_saves_an_empty_list(admin_client):
    response = admin_client.post(POLICIES + "add/", _policy())

    assert response.status_code == 302
    policy = Policy.objects.get(name="Scam phrases (opqa)")
    assert policy.regions == []
    assert policy.applies_to == []


def test_regions_and_kinds_are_typed_as_codes_and_shown_back_as_codes(admin_client):
    response = admin_client.post(
        POLICIES + "add/",
        _policy(action="withhold", regions="cn, de", applies_to="Note comment", legal_basis="x"),
    )
    assert response.status_code == 302
    policy = Policy.objects.get(name="Scam phrases (opqa)")
    assert policy.regions == ["CN", "DE"]
    assert policy.applies_to == ["note", "comment"]

    page = admin_client.get(f"{POLICIES}{policy.pk}/change/").content.decode()
    assert 'value="CN, DE"' in page or ">CN, DE<" in page


@pytest.mark.parametrize(
    "field, typed, said",
    [
        ("regions", "ZZZ, 5", "two-letter ISO 3166 codes"),
        ("regions", '["CN", 5]', "two-letter ISO 3166 codes"),
        ("applies_to", "notes, banana", "applies_to accepts note, comment, profile, image"),
        ("min_score", "-1", "min_score must be between 0 and 1"),
        ("min_score", "999999999999999999999", "min_score must be between 0 and 1"),
        ("action", "withhold", "a withhold policy needs regions"),
    ],
)
def test_what_the_yaml_import_refuses_the_admin_refuses_with_a_form_error(
    admin_client, field, typed, said
):
    response = admin_client.post(POLICIES + "add/", _policy(**{field: typed}))

    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Policy.objects.filter(name="Scam phrases (opqa)").exists()


def test_the_list_edit_of_a_min_score_is_checked_too(admin_client):
    admin_client.post(POLICIES + "add/", _policy())
    policy = Policy.objects.get(name="Scam phrases (opqa)")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(policy.pk),
        "form-0-min_score": "7",
        "form-0-action": "hold",
        "form-0-enabled": "on",
        "_save": "Save",
    }

    response = admin_client.post(f"{POLICIES}?q=opqa", data)

    assert response.status_code == 200
    assert "min_score must be between 0 and 1" in response.content.decode()
    policy.refresh_from_db()
    assert policy.min_score == 1.0


def test_a_term_list_and_a_moderator_scope_take_an_empty_regions_box(admin_client):
    response = admin_client.post(
        "/admin/moderation/termlist/add/",
        {
            "name": "opqa list",
            "category": "spam",
            "language": "",
            "regions": "",
            "enabled": "on",
            "description": "",
            "terms-TOTAL_FORMS": "0",
            "terms-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert TermList.objects.get(name="opqa list").regions == []

    wang = make_user("wang")
    response = admin_client.post(
        "/admin/moderation/moderatorscope/add/", {"user": wang.pk, "regions": ""}
    )
    assert response.status_code == 302
    assert ModeratorScope.objects.get(user=wang).regions == []


def test_a_withholding_added_in_the_admin_withholds_the_note_and_is_then_read_only(
    admin_client, lin
):
    note = create_note(author=lin, title="邻居", body="楼上又吵", images=[upload()])
    response = admin_client.post(
        "/admin/moderation/withholding/add/",
        {"note": note.pk, "regions": "de, fr", "legal_basis": "NetzDG §3", "reference": "12/3"},
    )

    assert response.status_code == 302
    withholding = Withholding.objects.get(note=note)
    assert withholding.regions == ["DE", "FR"]
    assert withholding.decision is not None and not withholding.decision.automated
    assert set(NoteWithholding.objects.filter(note=note).values_list("region", flat=True)) == {
        "DE",
        "FR",
    }
    assert Notification.objects.filter(recipient=lin, note=note).exists()

    page = admin_client.get(f"/admin/moderation/withholding/{withholding.pk}/change/")
    assert page.status_code == 200
    assert 'name="legal_basis"' not in page.content.decode()  # shown, not editable
    deleting = admin_client.post(
        f"/admin/moderation/withholding/{withholding.pk}/delete/", {"post": "yes"}
    )
    assert deleting.status_code == 403
    assert Withholding.objects.filter(pk=withholding.pk).exists()
