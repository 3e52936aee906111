"""LibreTranslate through its documented HTTP API: a public instance or the operator's own."""

import httpx

from crossnote.language.backends.base import BackendInfo, BackendUnavailable, TranslationBackend

DEFAULT_TIMEOUT = 10.0


class LibreTranslateBackend(TranslationBackend):
    """POST {url}/translate with a list of segments; options: url, api_key, timeout, zh_code, local."""

    info = BackendInfo(name="libretranslate", label="LibreTranslate", is_local=False)

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        # An operator's own LibreTranslate on this host keeps text on the server.
        self.info = BackendInfo(
            name="libretranslate",
            label="LibreTranslate",
            is_local=bool(self.options.get("local", False)),
        )

    def supports(self, source: str, target: str) -> bool:
        """True once a server URL is configured (the server itself reports unsupported pairs)."""
        return bool(self.options.get("url")) and source != target

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate all segments in one request; the reply keeps their order."""
        if not segments:
            return []
        if not self.options.get("url"):
            raise BackendUnavailable("LibreTranslate is not configured (no url)")
        payload = {
            "q": list(segments),
            "source": self._code(source),
            "target": self._code(target),
            "format": "text",
        }
        if self.options.get("api_key"):
            payload["api_key"] = self.options["api_key"]
        reply = self._post(payload)
        return _translations(reply, len(segments))

    def _code(self, language: str) -> str:
        # Older servers call Simplified Chinese "zh", newer ones "zh-Hans".
        return self.options.get("zh_code", "zh") if language == "zh" else language

    def _post(self, payload: dict) -> dict:
        url = self.options["url"].rstrip("/") + "/translate"
        timeout = float(self.options.get("timeout", DEFAULT_TIMEOUT))
        try:
            response = httpx.post(url, json=payload, timeout=timeout)
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"LibreTranslate at {url} unreachable: {exc!r}") from exc
        try:
            reply = response.json()
        except ValueError:
            reply = None
        if response.status_code >= 400:
            message = reply.get("error") if isinstance(reply, dict) else None
            raise BackendUnavailable(
                f"LibreTranslate answered HTTP {response.status_code}: {message or response.text[:200]}"
            )
        if not isinstance(reply, dict):
            raise BackendUnavailable("LibreTranslate sent a malformed reply (not a JSON object)")
        return reply


def _translations(reply: dict, expected: int) -> list[str]:
    """The translatedText list from a reply, checked to hold one string per segment."""
    translated = reply.get("translatedText")
    if isinstance(translated, str) and expected == 1:
        translated = [translated]  # a single q may come back as a plain string
    if (
        not isinstance(translated, list)
        or len(translated) != expected
        or not all(isinstance(item, str) for item in translated)
    ):
        raise BackendUnavailable("LibreTranslate sent a malformed reply (translatedText)")
    return translated
