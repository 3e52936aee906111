"""Scam signals in messages from strangers, in Chinese and English: links, payment / crypto /
gift-card language, and moving the chat to another app. Each found signal becomes one calm line
in the recipient's language; nothing is blocked on these alone (the moderation pipeline decides).
"""

import re

from django.utils.translation import gettext_lazy as _

from crossnote.moderation.detectors.normalize import normalise

SCAM_CATEGORY = "scam"  # crossnote.moderation.categories.SCAM
LINK = "link"
PAYMENT = "payment"
OFF_PLATFORM = "off_platform"

WARNINGS = {
    LINK: _("It contains a link. Links from people you don't know can lead to fake log-in pages."),
    PAYMENT: _(
        "It mentions money, crypto, gift cards or investments. No real friend or company asks "
        "for these in a first message."
    ),
    OFF_PLATFORM: _("It asks to move the chat to another app, where Crossnote cannot protect you."),
}

_LINK = re.compile(
    r"(https?://|www\.|\b[a-z0-9-]+\.(com|net|org|io|xyz|top|cn|cc|ly|me|app|link|site|shop)\b"
    r"|t\.me/|wa\.me/)",
    re.IGNORECASE,
)
_PAYMENT_EN = re.compile(
    r"\b(bitcoin|btc|usdt|crypto\w*|ethereum|eth wallet|wallet address|gift ?cards?|itunes card|"
    r"steam card|google play card|wire transfer|western union|money ?gram|paypal|cash ?app|venmo|"
    r"zelle|invest\w*|trading platform|profit|forex|send (me )?money|bank account|"
    r"pay (a |the )?fee|deposit)\b",
    re.IGNORECASE,
)
_PAYMENT_ZH = re.compile(
    r"(转账|汇款|打款|比特币|虚拟币|加密货币|泰达币|钱包地址|礼品卡|充值卡|购物卡|投资|理财|"
    r"稳赚|高回报|收益|保证金|手续费|银行卡|支付宝|红包|返利|刷单|彩票)"
)
_OFF_PLATFORM_EN = re.compile(
    r"\b(whats ?app|telegram|signal app|wechat|we chat|line id|kakao|skype|snapchat|"
    r"(text|message|call|add) me (on|at)|my number is|contact me (on|at))\b",
    re.IGNORECASE,
)
_OFF_PLATFORM_ZH = re.compile(r"(微信|加我|薇信|威信|vx|qq号|QQ|电报|飞机号|私聊我|联系我|手机号)")


def scam_signals(text: str) -> list[str]:
    """The scam signals in `text` (normalised first: full-width, traditional, leetspeak)."""
    if not (text or "").strip():
        return []
    folded = normalise(text).text
    found = []
    if _LINK.search(text) or _LINK.search(folded):
        found.append(LINK)
    if any(p.search(s) for p in (_PAYMENT_EN, _PAYMENT_ZH) for s in (text, folded)):
        found.append(PAYMENT)
    if any(p.search(s) for p in (_OFF_PLATFORM_EN, _OFF_PLATFORM_ZH) for s in (text, folded)):
        found.append(OFF_PLATFORM)
    return found


def warning_lines(signals: list[str]) -> list[str]:
    """The warning lines for `signals`, in the active language."""
    return [str(WARNINGS[s]) for s in signals if s in WARNINGS]
