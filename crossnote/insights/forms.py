"""The date-range picker (from/to with 4/12/26-week presets) and the operator's settings form."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossnote.core.errors import InvalidInput

PRESETS = (4, 12, 26)
DEFAULT_WEEKS = 12
MAX_DAYS = 731


class RangeForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    weeks = forms.TypedChoiceField(
        label=_("Last"),
        required=False,
        coerce=int,
        choices=[(w, str(w)) for w in PRESETS],
    )
    region = forms.CharField(label=_("Region"), required=False, max_length=2)


def parse_range(params) -> tuple[date, date, str | None]:
    """(start, end, region) from GET parameters `from`, `to`, `weeks`, `region`: a preset wins
    over from/to; without either, the last 12 weeks. Bad input raises InvalidInput (a 400)."""
    form = RangeForm(
        {
            "start": params.get("from") or None,
            "end": params.get("to") or None,
            "weeks": params.get("weeks") or None,
            "region": params.get("region") or "",
        }
    )
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        if field == "weeks":  # its label ("Last") reads only beside the picker: name the parameter
            raise InvalidInput(
                _("The weeks parameter must be one of %(presets)s.")
                % {"presets": ", ".join(str(w) for w in PRESETS)},
                field="weeks",
            )
        raise InvalidInput(f"{form.fields[field].label}: {errors[0]}", field=field)
    data = form.cleaned_data
    today = timezone.now().date()
    if data.get("weeks"):
        end = today
        start = end - timedelta(days=7 * data["weeks"] - 1)
    else:
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=7 * DEFAULT_WEEKS - 1)
    if start > end:
        raise InvalidInput(_("The start of the range must not be after its end."), field="from")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(_("Pick a range of at most two years."), field="from")
    region = (data.get("region") or "").upper() or None
    if region and not region.isalpha():
        raise InvalidInput(_("A region is a two-letter country code."), field="region")
    return start, end, region


class SettingsForm(forms.Form):
    public_summary = forms.BooleanField(label=_("Show a public summary"), required=False)
    alert_margin = forms.FloatField(
        label=_("Alert margin (0–1)"), min_value=0, max_value=1, initial=0.10
    )
    spike_factor = forms.FloatField(label=_("Spike factor"), min_value=1.01, max_value=100)
    baseline_days = forms.IntegerField(label=_("Baseline days"), min_value=7, max_value=365)
