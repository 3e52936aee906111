"""Contract tests: the HTTP backends against local servers speaking each service's documented API.

The OpenAI-compatible chat backend has its own contract tests in test_openai_backend.py."""

import time

import pytest

from crossnote.language.backends.base import BackendUnavailable
from crossnote.language.backends.deepl import DeepLBackend
from crossnote.language.backends.libretranslate import LibreTranslateBackend
from tests.language.conftest import (
    deepl_service,
    libretranslate_service,
)


def assert_unavailable_quickly(call, within=2.0, match=None):
    """`call()` raises BackendUnavailable (matching `match`) in under `within` seconds."""
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match=match):
        call()
    assert time.monotonic() - started < within


# --- LibreTranslate ----------------------------------------------------------------------------


def libre(server, **options):
    return LibreTranslateBackend({"url": server.url, **options})


def test_libretranslate_translates_several_segments_in_order(libretranslate_server):
    result = libre(libretranslate_server).translate_batch(["one", "two", "three"], "en", "fr")

    assert result == ["[fr] one", "[fr] two", "[fr] three"]
    seen = libretranslate_server.last
    assert (seen.method, seen.path) == ("POST", "/translate")
    assert seen.headers["content-type"] == "application/json"
    assert seen.json() == {
        "q": ["one", "two", "three"],
        "source": "en",
        "target": "fr",
        "format": "text",
    }


def test_libretranslate_carries_chinese_both_ways(libretranslate_server):
    backend = libre(libretranslate_server)

    assert backend.translate_batch(["早上好", "上海的咖啡很好喝。"], "zh", "en") == [
        "Good morning",
        "The coffee in Shanghai is good.",
    ]
    assert backend.translate_batch(["Good morning", "See you in Chengdu!"], "en", "zh") == [
        "早上好",
        "成都见！",
    ]
    assert libretranslate_server.requests[0].json()["q"][0] == "早上好"


def test_libretranslate_uses_zh_hans_for_newer_servers(serve):
    server = serve(libretranslate_service(languages={"en", "zh-Hans"}))

    assert libre(server, zh_code="zh-Hans").translate_batch(["早上好"], "zh", "en") == [
        "Good morning"
    ]
    assert server.last.json()["source"] == "zh-Hans"
    with pytest.raises(BackendUnavailable, match="zh is not supported"):
        libre(server).translate_batch(["早上好"], "zh", "en")


def test_libretranslate_sends_the_api_key_only_when_set(serve):
    server = serve(libretranslate_service(api_key="k-123"))

    assert libre(server, api_key="k-123").translate_batch(["Hi"], "en", "de") == ["[de] Hi"]
    assert server.last.json()["api_key"] == "k-123"
    with pytest.raises(BackendUnavailable, match="HTTP 403: Invalid API key"):
        libre(server).translate_batch(["Hi"], "en", "de")
    assert "api_key" not in server.last.json()


def test_libretranslate_accepts_a_plain_string_reply_for_one_segment(libretranslate_server):
    libretranslate_server.reply = lambda seen: (200, {"translatedText": "Bonjour"})

    assert libre(libretranslate_server).translate_batch(["Hello"], "en", "fr") == ["Bonjour"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, "Invalid request: missing q parameter"),
        (429, "Slowdown: 30 per 1 minute"),
        (500, "Cannot translate text: model crashed"),
    ],
)
def test_libretranslate_error_replies_fall_through_with_the_servers_message(
    libretranslate_server, status, error
):
    libretranslate_server.reply = lambda seen: (status, {"error": error})

    with pytest.raises(BackendUnavailable, match=f"HTTP {status}: {error}"):
        libre(libretranslate_server).translate_batch(["Hello"], "en", "fr")


@pytest.mark.parametrize(
    "reply",
    [
        b"<html>502 Bad Gateway</html>",
        {"translatedText": ["only one"]},
        {"translatedText": [1, 2]},
        {"detail": "unexpected"},
        ["a", "b"],
    ],
)
def test_libretranslate_malformed_replies_fall_through(libretranslate_server, reply):
    libretranslate_server.reply = lambda seen: (200, reply)

    with pytest.raises(BackendUnavailable, match="malformed"):
        libre(libretranslate_server).translate_batch(["a", "b"], "en", "fr")


def test_libretranslate_timeout_falls_through_quickly(libretranslate_server):
    libretranslate_server.delay = 5
    backend = libre(libretranslate_server, timeout=0.3)

    assert_unavailable_quickly(lambda: backend.translate_batch(["Hello"], "en", "fr"))


def test_libretranslate_connection_refused_falls_through(closed_port):
    backend = LibreTranslateBackend({"url": f"http://127.0.0.1:{closed_port}"})

    assert_unavailable_quickly(
        lambda: backend.translate_batch(["Hello"], "en", "fr"), match="unreachable"
    )


def test_libretranslate_needs_a_url_and_says_whether_it_is_local():
    assert not LibreTranslateBackend().supports("en", "zh")
    with pytest.raises(BackendUnavailable):
        LibreTranslateBackend().translate_batch(["Hello"], "en", "zh")
    assert LibreTranslateBackend({"url": "http://lt"}).supports("en", "zh")
    assert not LibreTranslateBackend({"url": "http://lt"}).info.is_local
    assert LibreTranslateBackend({"url": "http://lt", "local": True}).info.is_local
    assert LibreTranslateBackend.info.name == "libretranslate"


# --- DeepL ------------------------------------------------------------------------------------


def deepl(server, key="good-key:fx", **options):
    return DeepLBackend({"api_key": key, "url": server.url, **options})


def test_deepl_translates_several_segments_in_order(deepl_server):
    result = deepl(deepl_server).translate_batch(["Hello", "Bye", "Thanks"], "en", "fr")

    assert result == ["[fr] Hello", "[fr] Bye", "[fr] Thanks"]
    seen = deepl_server.last
    assert (seen.method, seen.path) == ("POST", "/v2/translate")
    assert seen.headers["authorization"] == "DeepL-Auth-Key good-key:fx"
    assert seen.json() == {
        "text": ["Hello", "Bye", "Thanks"],
        "source_lang": "EN",
        "target_lang": "FR",
    }


def test_deepl_carries_chinese_both_ways_with_documented_codes(deepl_server):
    backend = deepl(deepl_server)

    assert backend.translate_batch(["早上好"], "zh", "en") == ["Good morning"]
    assert deepl_server.last.json()["source_lang"] == "ZH"
    assert deepl_server.last.json()["target_lang"] == "EN-US"
    assert backend.translate_batch(["Good morning", "See you in Chengdu!"], "en", "zh") == [
        "早上好",
        "成都见！",
    ]
    assert deepl_server.last.json()["target_lang"] == "ZH-HANS"


def test_deepl_legacy_zh_target_code_is_an_option(deepl_server):
    deepl(deepl_server, zh_target="ZH").translate_batch(["Good morning"], "en", "zh")

    assert deepl_server.last.json()["target_lang"] == "ZH"


def test_deepl_picks_the_free_or_pro_endpoint_from_the_key():
    assert DeepLBackend({"api_key": "abc:fx"}).url == "https://api-free.deepl.com"
    assert DeepLBackend({"api_key": "abc"}).url == "https://api.deepl.com"
    assert DeepLBackend({"api_key": "abc", "url": "http://x/"}).url == "http://x"


@pytest.mark.parametrize(
    ("status", "message"),
    [(403, "api key"), (456, "quota exceeded"), (429, "too many requests"), (503, "server error")],
)
def test_deepl_error_statuses_fall_through_with_a_clear_message(deepl_server, status, message):
    deepl_server.reply = lambda seen: (status, {"message": "nope"})

    with pytest.raises(BackendUnavailable) as error:
        deepl(deepl_server).translate_batch(["Hello"], "en", "de")

    assert message in str(error.value).lower()
    assert f"HTTP {status}" in str(error.value)


def test_deepl_rejects_a_wrong_key_like_the_real_service(deepl_server):
    with pytest.raises(BackendUnavailable, match="HTTP 403"):
        deepl(deepl_server, key="wrong").translate_batch(["Hello"], "en", "de")
    assert deepl_server.last.headers["authorization"] == "DeepL-Auth-Key wrong"


@pytest.mark.parametrize(
    "reply",
    [b"not json", {"translations": [{"text": "one"}]}, {"translations": [{"txt": "a"}, {}]}, []],
)
def test_deepl_malformed_replies_fall_through(deepl_server, reply):
    deepl_server.reply = lambda seen: (200, reply)

    with pytest.raises(BackendUnavailable, match="malformed"):
        deepl(deepl_server).translate_batch(["a", "b"], "en", "de")


def test_deepl_timeout_and_refused_connection_fall_through_quickly(deepl_server, closed_port):
    deepl_server.delay = 5
    slow = deepl(deepl_server, timeout=0.3)
    refused = DeepLBackend({"api_key": "k", "url": f"http://127.0.0.1:{closed_port}"})

    assert_unavailable_quickly(lambda: slow.translate_batch(["Hello"], "en", "de"))
    assert_unavailable_quickly(lambda: refused.translate_batch(["Hello"], "en", "de"))


def test_deepl_needs_a_key_and_a_deepl_language():
    assert not DeepLBackend().supports("en", "zh")
    assert DeepLBackend({"api_key": "k"}).supports("zh", "en")
    assert not DeepLBackend({"api_key": "k"}).supports("en", "xx")
    assert not DeepLBackend.info.is_local


def test_deepl_fake_server_enforces_the_documented_shape(serve):
    """Guard the guard: the fake rejects what the real service rejects (deprecated EN target)."""
    server = serve(deepl_service())

    with pytest.raises(BackendUnavailable, match="deprecated"):
        deepl(server, en_target="EN").translate_batch(["早上好"], "zh", "en")
