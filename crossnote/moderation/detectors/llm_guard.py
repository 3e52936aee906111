"""Llama Guard 3 on any OpenAI-compatible chat server (vLLM, Ollama) as a moderation layer.

Llama Guard's documented interface: the conversation to judge is sent as chat messages and the
server's chat template wraps it in the model's own classification prompt; the model answers
"safe", or "unsafe" and a line of hazard codes ("unsafe\\nS1,S10"). So the author's text goes
only in the user message: it is never pasted into a prompt of ours, and there is no system
message for it to talk its way out of. Any reply outside that grammar, an HTTP error or a timeout
raises GuardUnavailable; the caller runs this layer asynchronously and retries.
"""

import math
import re

import httpx

from crossnote.moderation import categories
from crossnote.moderation.detectors.base import Signal, TextDetector

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_CHARS = 3000  # keeps Chinese text (~1 token a character) inside a 4k context
MAX_REPLY_TOKENS = 64  # "unsafe\nS1,S2,...,S14" at worst

# Llama Guard 3 hazard taxonomy (MLCommons): code -> (name, our category).
HAZARDS = {
    "S1": ("Violent Crimes", categories.VIOLENCE),
    "S2": ("Non-Violent Crimes", categories.ILLEGAL_GOODS),
    "S3": ("Sex-Related Crimes", categories.SEXUAL),
    "S4": ("Child Sexual Exploitation", categories.SEXUAL),
    "S5": ("Defamation", categories.HARASSMENT),
    "S6": ("Specialized Advice", "specialized_advice"),
    "S7": ("Privacy", categories.PRIVATE_INFO),
    "S8": ("Intellectual Property", "intellectual_property"),
    "S9": ("Indiscriminate Weapons", categories.VIOLENCE),
    "S10": ("Hate", categories.HATE),
    "S11": ("Suicide & Self-Harm", categories.SELF_HARM),
    "S12": ("Sexual Content", categories.SEXUAL),
    "S13": ("Elections", "elections"),
    "S14": ("Code Interpreter Abuse", "code_interpreter_abuse"),
}
HAZARD_CODE = re.compile(r"^S([1-9][0-9]?)$", re.IGNORECASE)


class GuardUnavailable(Exception):
    """The guard server could not give a verdict (unreachable, error, timeout, odd reply)."""


class LlmGuardClient(TextDetector):
    """POST {url}/chat/completions with the text as the only (user) message; parse the verdict.

    Options: url (base, e.g. http://127.0.0.1:11434/v1), model (e.g. "llama-guard3:8b"),
    api_key (sent as a Bearer token when set), timeout in seconds, max_chars (longer text is
    cut), logprobs (ask the server for the verdict token's probability and use it as the score).
    """

    name = "llm_guard"

    def __init__(
        self,
        *,
        url: str,
        model: str,
        api_key: str = "",
        timeout: float = DEFAULT_TIMEOUT,
        max_chars: int = DEFAULT_MAX_CHARS,
        logprobs: bool = False,
    ):
        self.url = url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = float(timeout)
        self.max_chars = int(max_chars)
        self.logprobs = bool(logprobs)

    @classmethod
    def from_options(cls, options: dict) -> "LlmGuardClient":
        """Build from an operator's options dict (unknown keys ignored)."""
        known = ("url", "model", "api_key", "timeout", "max_chars", "logprobs")
        return cls(**{key: options[key] for key in known if key in options})

    @property
    def rule(self) -> str:
        return f"llm_guard:{self.model}"

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        """TextDetector interface: same as classify (raises GuardUnavailable)."""
        return self.classify(text)

    def classify(self, text: str) -> list[Signal]:
        """One Signal per category the model names; [] when it answers "safe" or text is blank."""
        if not text.strip():
            return []
        choice = self._complete(text[: self.max_chars])
        codes = parse_verdict(_content(choice))
        if not codes:
            return []
        score = verdict_probability(choice) if self.logprobs else 1.0
        return signals_for(codes, score=score, rule=self.rule)

    def _complete(self, text: str) -> dict:
        payload: dict = {
            "model": self.model,
            "messages": [{"role": "user", "content": text}],
            "temperature": 0,
            "max_tokens": MAX_REPLY_TOKENS,
            "stream": False,
        }
        if self.logprobs:
            payload["logprobs"] = True
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        url = f"{self.url}/chat/completions"
        try:
            response = httpx.post(url, json=payload, headers=headers, timeout=self.timeout)
        except httpx.TimeoutException as exc:
            raise GuardUnavailable(
                f"guard server at {url} timed out after {self.timeout:g} s"
            ) from exc
        except httpx.HTTPError as exc:
            raise GuardUnavailable(f"guard server at {url} unreachable: {exc!r}") from exc
        if response.status_code >= 400:
            raise GuardUnavailable(
                f"guard server answered HTTP {response.status_code}: {response.text[:200]}"
            )
        try:
            choice = response.json()["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise GuardUnavailable("guard server sent a malformed reply (no choices)") from exc
        if not isinstance(choice, dict):
            raise GuardUnavailable("guard server sent a malformed reply (choice)")
        return choice


def _content(choice: dict) -> str:
    message = choice.get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise GuardUnavailable("guard server sent a malformed reply (no message content)")
    return content


def parse_verdict(content: str) -> list[str]:
    """Hazard codes of an "unsafe" verdict ([] for "safe"); GuardUnavailable for anything else."""
    lines = [line.strip() for line in content.strip().splitlines() if line.strip()]
    verdict = lines[0].lower() if lines else ""
    if verdict == "safe" and len(lines) == 1:
        return []
    if verdict != "unsafe" or len(lines) != 2:
        raise GuardUnavailable(f"not a Llama Guard verdict: {content[:80]!r}")
    codes = [code.strip().upper() for code in lines[1].split(",")]
    if not all(HAZARD_CODE.match(code) for code in codes):
        raise GuardUnavailable(f"not a list of hazard codes: {lines[1][:80]!r}")
    return list(dict.fromkeys(codes))


def signals_for(codes: list[str], *, score: float, rule: str) -> list[Signal]:
    """One Signal per category; its detail lists the hazards ("S3 Sex-Related Crimes, S12 ...").

    A code outside S1–S14 (a server with custom hazards) becomes a category named after it.
    """
    by_category: dict[str, list[str]] = {}
    for code in codes:
        name, category = HAZARDS.get(code, (code, f"llm_guard_{code.lower()}"))
        by_category.setdefault(category, []).append(f"{code} {name}" if name != code else code)
    return [
        Signal(layer="llm_guard", category=category, score=score, rule=rule, detail=", ".join(d))
        for category, d in by_category.items()
    ]


def verdict_probability(choice: dict) -> float:
    """The probability of the verdict's first token ("unsafe") from OpenAI-style logprobs.

    Falls back to 1.0 when the server sent no usable logprobs (Ollama ignores the option).
    """
    logprobs = choice.get("logprobs")
    entries = logprobs.get("content") if isinstance(logprobs, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        token = entry.get("token", "") if isinstance(entry, dict) else ""
        if not token.strip():
            continue  # leading newlines
        logprob = entry.get("logprob")
        # "unsafe" may be one token or several ("uns", "afe"): the first carries the decision.
        if not "unsafe".startswith(token.strip().lower()) or not isinstance(logprob, int | float):
            return 1.0
        return min(1.0, max(0.0, math.exp(logprob)))
    return 1.0
