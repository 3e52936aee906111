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
LEGAL = "legal"  # a withholding's own record (a legal order), not a policy category

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

# Categories the moderation records that are not policy categories (nobody reports or
# writes a policy under them): a withholding's record, named on the review queue, the
# appeal page and the transparency report alike.
RECORD_CATEGORIES = {
    LEGAL: _("Legal requirements"),
}


def category_name(slug: str) -> str:
    """A category's name as people read it (built-in names translated; others as written)."""
    name = BUILT_IN.get(slug) or RECORD_CATEGORIES.get(slug)
    return str(name) if name else slug.replace("_", " ")
