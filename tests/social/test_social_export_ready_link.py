"""The 'your export is ready' notification's link reads as 'open it' in Chinese: 林晓 read
'……请在 设置 → 隐私 中下载 开放' (开放: open to the public, the surge mode's word), now 打开."""

import re

import pytest

from crossnote.privacy.services import export_now

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, word", [("zh-hans", "打开"), ("en", "Open")])
def test_the_export_ready_link_says_open_it(client_for, lin, settings, tmp_path, language, word):
    settings.CROSSNOTE_EXPORTS_DIR = tmp_path / "exports"
    export_now(user=lin, via="page")
    client = client_for(lin)
    client.cookies["django_language"] = language
    html = client.get("/notifications/").content.decode()
    link = re.search(r'<a [^>]*data-testid="export-ready-link">([^<]*)</a>', html)
    assert link is not None and link.group(1) == word
