"""Policy categories every detector reports in (operators may add their own in admin)."""

from django.utils.translation import gettext_lazy as _

SPAM = "spam"
SCAM = "scam"
HARASSMENT = "harassment"
HATE = "hate"
SEXUAL = "sexual"
VIOLENCE = "violence"
SELF_HARM = "self_harm"
ILLEGAL_GOODS = "illegal_goods"
PRIVATE_INFO = "private_info"
PROFANITY = "profanity"  # offensive or abusive language that is not targeted hate

BUILT_IN = {
    SPAM: _("Spam"),
    SCAM: _("Scams and fraud"),
    HARASSMENT: _("Harassment and bullying"),
    HATE: _("Hate speech"),
    SEXUAL: _("Sexual content"),
    VIOLENCE: _("Violence"),
    SELF_HARM: _("Self-harm"),
    ILLEGAL_GOODS: _("Illegal goods"),
    PRIVATE_INFO: _("Private information"),
    PROFANITY: _("Offensive language"),
}


def category_name(slug: str) -> str:
    """A category's name as people read it (built-in names translated; others as written)."""
    return str(BUILT_IN.get(slug, slug.replace("_", " ")))
