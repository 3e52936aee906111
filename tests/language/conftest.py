"""Fixtures for tests/language: local servers speaking each translation service's documented API,
and a tiny Argos Translate package built offline (SentencePiece + random CTranslate2 Transformer).
"""

import io
import json
import socket
import threading
import zipfile
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# --- a local HTTP server whose behaviour is one function of the request ----------------------


@dataclass
class Seen:
    """One request as the fake server received it."""

    method: str
    path: str
    headers: dict  # lower-cased names
    body: bytes

    def json(self):
        return json.loads(self.body)


class FakeServer:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> answering with `service(seen)`.

    `service` returns (status, payload) or (status, payload, headers); payload is JSON-encoded
    unless it is bytes. Tests may set `reply` (overrides `service`) and `delay` (seconds the
    handler waits before answering; released at close so teardown never waits).
    """

    def __init__(self, service):
        self.service = service
        self.reply = None
        self.delay = 0.0
        self.requests: list[Seen] = []
        self.release = threading.Event()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.fake = self
        # A short poll interval: shutdown() waits up to one interval (0.5 s by default).
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def last(self) -> Seen:
        return self.requests[-1]

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def _answer(self):
        fake = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        seen = Seen(self.command, self.path, headers, body)
        fake.requests.append(seen)
        if fake.delay:
            fake.release.wait(fake.delay)
        status, payload, *extra = (fake.reply or fake.service)(seen)
        data = (
            payload
            if isinstance(payload, bytes)
            else json.dumps(payload, ensure_ascii=False).encode()
        )
        try:
            self.send_response(status)
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                **(extra[0] if extra else {}),
            }
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)


def json_body(seen: Seen):
    """The request's JSON body, or None when it is not JSON sent as application/json."""
    if not seen.headers.get("content-type", "").startswith("application/json"):
        return None
    try:
        return seen.json()
    except ValueError:
        return None


# --- a pretend translator shared by the fake services -----------------------------------------

PHRASES = {
    "en": {"早上好": "Good morning", "上海的咖啡很好喝。": "The coffee in Shanghai is good."},
    "zh": {"Good morning": "早上好", "See you in Chengdu!": "成都见！"},
}


def fake_translate(text: str, target: str) -> str:
    """A known phrase's translation, else the text tagged with the target language."""
    return PHRASES.get(target, {}).get(text, f"[{target}] {text}")


# --- LibreTranslate: POST /translate (https://libretranslate.com/docs) ------------------------

LIBRE_LANGUAGES = {"auto", "en", "zh", "ja", "ko", "es", "fr", "de"}


def libretranslate_service(api_key=None, languages=LIBRE_LANGUAGES):
    """LibreTranslate's /translate: q (string or list), source, target, format, api_key."""

    def service(seen: Seen):
        if (seen.method, seen.path) != ("POST", "/translate"):
            return 404, {"error": "Not Found"}
        body = json_body(seen)
        q = body.get("q") if isinstance(body, dict) else None
        if not (isinstance(q, str) or (isinstance(q, list) and all(isinstance(s, str) for s in q))):
            return 400, {"error": "Invalid request: missing q parameter"}
        for field in ("source", "target"):
            if body.get(field) not in languages:
                return 400, {"error": f"{body.get(field)} is not supported"}
        if body.get("format", "text") not in ("text", "html"):
            return 400, {"error": f"{body['format']} format is not supported"}
        if api_key is not None and body.get("api_key") != api_key:
            return 403, {"error": "Invalid API key"}
        target = body["target"].split("-")[0]  # "zh-Hans" on newer servers
        if isinstance(q, str):
            return 200, {"translatedText": fake_translate(q, target)}
        return 200, {"translatedText": [fake_translate(s, target) for s in q]}

    return service


# --- DeepL: POST /v2/translate (https://developers.deepl.com/docs/api-reference/translate) ----

DEEPL_SOURCES = {"EN", "ZH", "JA", "KO", "ES", "FR", "DE"}
DEEPL_TARGETS = {"EN-US", "EN-GB", "ZH", "ZH-HANS", "ZH-HANT", "JA", "KO", "ES", "FR", "DE"}


def deepl_service(key="good-key:fx"):
    """DeepL's v2 translate: DeepL-Auth-Key header, JSON text list, source_lang, target_lang."""

    def service(seen: Seen):
        if (seen.method, seen.path) != ("POST", "/v2/translate"):
            return 404, {"message": "Not found"}
        if seen.headers.get("authorization") != f"DeepL-Auth-Key {key}":
            return 403, {"message": "Wrong endpoint or authorization"}
        body = json_body(seen)
        texts = body.get("text") if isinstance(body, dict) else None
        if not (isinstance(texts, list) and texts and all(isinstance(t, str) for t in texts)):
            return 400, {"message": "Value for 'text' not supported."}
        target = body.get("target_lang")
        if target == "EN":
            return 400, {
                "message": "target_lang='EN' is deprecated, please use 'EN-GB' or 'EN-US'."
            }
        if target not in DEEPL_TARGETS:
            return 400, {"message": "Value for 'target_lang' not supported."}
        source = body.get("source_lang")
        if source is not None and source not in DEEPL_SOURCES:
            return 400, {"message": "Value for 'source_lang' not supported."}
        language = target.split("-")[0].lower()
        translations = [
            {"detected_source_language": source or "EN", "text": fake_translate(t, language)}
            for t in texts
        ]
        return 200, {"translations": translations}

    return service


@pytest.fixture
def serve():
    """`serve(service)`: a started FakeServer, closed after the test."""
    servers = []

    def start(service):
        servers.append(FakeServer(service))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def libretranslate_server(serve):
    return serve(libretranslate_service())


@pytest.fixture
def deepl_server(serve):
    return serve(deepl_service())


@pytest.fixture
def closed_port():
    """A local port nothing listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- a tiny Argos package: SentencePiece + random Transformer, no torch ----------------------

CORPUS = [
    "Good morning, this is my first note.",
    "The coffee in Shanghai is good.",
    "See you in Chengdu next week!",
    "I love hiking in the mountains.",
    "早上好，这是我的第一条笔记。",
    "上海的咖啡很好喝。",
    "下周成都见！",
    "我喜欢去山里徒步。",
]


def train_sentencepiece() -> bytes:
    """A tiny unigram SentencePiece model trained in memory on mixed English/Chinese lines."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS * 4),
        model_writer=model,
        vocab_size=80,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def random_transformer(vocabulary: list[str], d_model=16, ffn=32, heads=2, seed=0):
    """A 1-layer pre-norm Transformer TransformerSpec with small random weights.

    Shapes follow ctranslate2's Marian/OpenNMT converters: linear weights are (out, in);
    encoder self-attention fuses q,k,v into one (3d, d) linear; decoder cross-attention has
    q (d, d) then fused k,v (2d, d); embeddings and the output projection are (vocab, d).
    """
    import numpy as np
    from ctranslate2.converters.marian import _make_sinusoidal_position_encodings
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    vocab = len(vocabulary)

    def norm(spec):
        spec.gamma = np.ones(d_model, np.float32)
        spec.beta = np.zeros(d_model, np.float32)

    def linear(spec, out_dim, in_dim):
        spec.weight = (rng.standard_normal((out_dim, in_dim)) * 0.1).astype(np.float32)
        spec.bias = np.zeros(out_dim, np.float32)

    def attention(spec, fused_sizes):
        norm(spec.layer_norm)
        for layer, out_dim in zip(spec.linear, fused_sizes, strict=True):
            linear(layer, out_dim, d_model)

    def feed_forward(spec):
        norm(spec.layer_norm)
        linear(spec.linear_0, ffn, d_model)
        linear(spec.linear_1, d_model, ffn)

    def embeddings_and_positions(stack, embeddings):
        embeddings.weight = (rng.standard_normal((vocab, d_model)) * 0.1).astype(np.float32)
        positions = _make_sinusoidal_position_encodings(d_model, 256)
        stack.position_encodings.encodings = positions.astype(np.float32)
        norm(stack.layer_norm)

    spec = transformer_spec.TransformerSpec.from_config(1, heads)
    embeddings_and_positions(spec.encoder, spec.encoder.embeddings[0])
    for layer in spec.encoder.layer:
        attention(layer.self_attention, [3 * d_model, d_model])
        feed_forward(layer.ffn)
    embeddings_and_positions(spec.decoder, spec.decoder.embeddings)
    linear(spec.decoder.projection, vocab, d_model)
    for layer in spec.decoder.layer:
        attention(layer.self_attention, [3 * d_model, d_model])
        attention(layer.attention, [d_model, 2 * d_model, d_model])
        feed_forward(layer.ffn)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def save_ctranslate2_model(spec, output_dir: Path) -> None:
    """Validate and write a spec as a CTranslate2 model directory (config.json, model.bin, vocab)."""
    from ctranslate2.converters.converter import Converter

    class SpecConverter(Converter):
        def _load(self):
            return spec

    SpecConverter().convert(str(output_dir), force=True)


def build_argos_package(workdir: Path, from_code="zh", to_code="en") -> Path:
    """Write <workdir>/translate-<from>_<to>.argosmodel laid out like the Argos index's packages."""
    import sentencepiece

    sp_model = train_sentencepiece()
    sp = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    model_dir = workdir / f"ct2-{from_code}_{to_code}"
    save_ctranslate2_model(random_transformer(vocabulary), model_dir)
    top = f"translate-{from_code}_{to_code}-1_0"
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
    }
    path = workdir / f"translate-{from_code}_{to_code}-1_0.argosmodel"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}/metadata.json", json.dumps(metadata))
        archive.writestr(f"{top}/sentencepiece.model", sp_model)
        archive.writestr(f"{top}/README.md", "A tiny random model for tests.\n")
        for file in sorted(model_dir.iterdir()):
            archive.write(file, f"{top}/model/{file.name}")
    return path


@pytest.fixture(scope="session")
def argos_package(tmp_path_factory) -> Path:
    """A zh→en .argosmodel file with a tiny random model (built once per session, ~0.2 s)."""
    return build_argos_package(tmp_path_factory.mktemp("argos"))
