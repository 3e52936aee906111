"""DeepL through its v2 HTTP API (text leaves this server for DeepL's)."""

import httpx

from crossnote.language.backends.base import BackendInfo, BackendUnavailable, TranslationBackend

DEFAULT_TIMEOUT = 10.0
FREE_API_URL = "https://api-free.deepl.com"
PRO_API_URL = "https://api.deepl.com"

# Source languages DeepL documents (target languages add regional variants such as EN-US, ZH-HANS).
DEEPL_LANGUAGES = frozenset(
    "ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh".split()
)

STATUS_MESSAGES = {
    403: "DeepL rejected the API key (HTTP 403): check CROSSNOTE_TRANSLATION_OPTIONS['deepl']",
    456: "DeepL quota exceeded (HTTP 456): the character allowance for this period is used up",
    429: "DeepL is rate-limiting this server (HTTP 429): too many requests, try again later",
}


class DeepLBackend(TranslationBackend):
    """POST {url}/v2/translate; options: api_key (required), url, timeout, zh_target, en_target."""

    info = BackendInfo(name="deepl", label="DeepL", is_local=False)

    def supports(self, source: str, target: str) -> bool:
        """True with an API key and both languages among DeepL's."""
        return (
            bool(self.options.get("api_key"))
            and source != target
            and {source, target} <= DEEPL_LANGUAGES
        )

    @property
    def url(self) -> str:
        """The API base URL: free-plan keys end with ':fx' and use api-free.deepl.com."""
        key = self.options.get("api_key") or ""
        default = FREE_API_URL if key.endswith(":fx") else PRO_API_URL
        return (self.options.get("url") or default).rstrip("/")

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate all segments in one request; DeepL keeps their order."""
        if not segments:
            return []
        if not self.options.get("api_key"):
            raise BackendUnavailable("DeepL is not configured (no api_key)")
        payload = {
            "text": list(segments),
            "source_lang": source.upper(),
            "target_lang": self._target_code(target),
        }
        translations = self._post(payload).get("translations")
        if not isinstance(translations, list) or len(translations) != len(segments):
            raise BackendUnavailable("DeepL sent a malformed reply (translations)")
        texts = [item.get("text") if isinstance(item, dict) else None for item in translations]
        if not all(isinstance(text, str) for text in texts):
            raise BackendUnavailable("DeepL sent a malformed reply (translation text)")
        return [text for text in texts if isinstance(text, str)]

    def _target_code(self, language: str) -> str:
        # DeepL deprecated the bare "EN" target; "ZH-HANS" names Simplified Chinese explicitly.
        if language == "zh":
            return self.options.get("zh_target", "ZH-HANS")
        if language == "en":
            return self.options.get("en_target", "EN-US")
        return language.upper()

    def _post(self, payload: dict) -> dict:
        url = self.url + "/v2/translate"
        headers = {"Authorization": f"DeepL-Auth-Key {self.options['api_key']}"}
        timeout = float(self.options.get("timeout", DEFAULT_TIMEOUT))
        try:
            response = httpx.post(url, json=payload, headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"DeepL at {url} unreachable: {exc!r}") from exc
        if response.status_code >= 400:
            raise BackendUnavailable(_error_message(response))
        try:
            reply = response.json()
        except ValueError as exc:
            raise BackendUnavailable("DeepL sent a malformed reply (not JSON)") from exc
        if not isinstance(reply, dict):
            raise BackendUnavailable("DeepL sent a malformed reply (not a JSON object)")
        return reply


def _error_message(response: httpx.Response) -> str:
    """A clear message for a DeepL error status, with DeepL's own message when it sent one."""
    status = response.status_code
    if status in STATUS_MESSAGES:
        return STATUS_MESSAGES[status]
    try:
        detail = response.json().get("message", "")
    except (ValueError, AttributeError):
        detail = response.text[:200]
    kind = "server error" if status >= 500 else "refused the request"
    return f"DeepL {kind} (HTTP {status}): {detail}".rstrip(": ")
