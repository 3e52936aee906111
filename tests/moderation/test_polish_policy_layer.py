"""A policy's `layer` is one the pipeline has, or empty (any layer): a typo ("clasifier") made a
policy that matched no signal and so never acted, and neither the YAML import nor the admin said
so. Both refuse it now, naming the layers there are (detectors.base.LAYERS)."""

import re
from pathlib import Path

import pytest
import yaml

from crossnote.core.errors import InvalidInput
from crossnote.moderation.detectors.base import LAYERS
from crossnote.moderation.models import Policy
from crossnote.moderation.services import export_policies, import_policies
from crossnote.moderation.services.enforcement import LAYER_NAMES
from crossnote.moderation.services.lists import POLICIES_FILE

pytestmark = pytest.mark.django_db
DETECTORS = Path(__file__).resolve().parents[2] / "crossnote" / "moderation" / "detectors"
ALLOWED = "hash, terms, classifier, profanity, llm_guard, pii"


def test_the_yaml_import_refuses_a_misspelt_layer_on_its_line():
    before = export_policies()
    text = "- name: Insults\n  category: insult\n  layer: clasifier\n  action: label\n"

    with pytest.raises(InvalidInput) as refused:
        import_policies(text)

    assert str(refused.value.message) == (
        f"Line 3: layer must be empty (any layer) or one of {ALLOWED}"
    )
    assert not Policy.objects.filter(name="Insults").exists()
    assert export_policies() == before


@pytest.mark.parametrize("layer", ["classifier", "llm_guard", ""])
def test_a_known_layer_or_none_imports(layer):
    text = f"- name: Insults\n  category: insult\n  layer: '{layer}'\n  action: label\n"
    assert import_policies(text) == 1
    assert Policy.objects.get(name="Insults").layer == layer


def test_the_shipped_policies_still_import():
    text = POLICIES_FILE.read_text(encoding="utf-8")
    assert import_policies(text, replace=True) == len(yaml.safe_load(text))
    assert set(Policy.objects.values_list("layer", flat=True)) <= {"", *LAYERS}


def test_the_admin_refuses_a_misspelt_layer_with_a_form_error(admin_client):
    data = {
        "name": "Insults (polish)",
        "category": "insult",
        "layer": "clasifier",
        "min_score": "0.9",
        "action": "label",
        "account_action": "",
        "regions": "",
        "applies_to": "",
        "enabled": "on",
    }
    response = admin_client.post("/admin/moderation/policy/add/", data)

    assert response.status_code == 200
    assert f"layer must be empty (any layer) or one of {ALLOWED}" in response.content.decode()
    assert not Policy.objects.filter(name="Insults (polish)").exists()

    response = admin_client.post("/admin/moderation/policy/add/", {**data, "layer": "classifier"})
    assert response.status_code == 302
    assert Policy.objects.get(name="Insults (polish)").layer == "classifier"


def test_every_layer_a_detector_signals_from_is_listed_and_named():
    """A new detector's layer missing from LAYERS would be refused in every policy."""
    written = set()
    for source in DETECTORS.glob("*.py"):
        written |= set(re.findall(r'\blayer\s*=\s*"([a-z_]+)"', source.read_text("utf-8")))
    assert written == set(LAYERS)
    assert set(LAYER_NAMES) == set(LAYERS)  # the review page names each
