"""A person's export archive (GDPR Art. 15/20): every app's part of the data-rights registry
(crossnote.core.data_rights) in turn, each exporting its own tables.

`data.json` is machine-readable and follows export.schema.json (shipped beside this module);
`index.html` is the same content for people; `media/` holds their avatar and every stored variant
of their note images. Others' notes appear only as far as the person may still see them.
"""

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from crossnote.core import data_rights

SCHEMA_PATH = Path(__file__).with_name("export.schema.json")
FORMAT = "crossnote-export"
VERSION = 1


def collect_data(user, progress: Callable[[str, int], None] | None = None) -> tuple[dict, dict]:
    """Everything held about `user` as data.json's dict, and {archive path: storage name}: each
    app's part of the data-rights registry in turn (crossnote.core.data_rights)."""
    media: dict[str, str] = {}
    data: dict = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now().isoformat(),
    }
    exports = [(part.app_label, part.export) for part in data_rights.parts() if part.export]
    for index, (app_label, export) in enumerate(exports):
        if progress:
            progress(app_label, int(80 * index / len(exports)))
        data_rights.merge(data, export(user, media))
    return data, media


def write_archive(user, *, language: str = "en", progress=None) -> str:
    """Build the zip in a temporary file and return its path (the caller stores and removes it)."""
    data, media = collect_data(user, progress)
    handle, path = tempfile.mkstemp(suffix=".zip", prefix="crossnote-export-")
    os.close(handle)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        if progress:
            progress("media", 85)
        for arcname, name in sorted(media.items()):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as stored:
                    # Images are already compressed: store them as they are.
                    archive.writestr(arcname, stored.read(), compress_type=zipfile.ZIP_STORED)
        if progress:
            progress("index", 95)
        with translation.override(language):
            archive.writestr(
                "index.html", render_to_string("privacy/archive_index.html", {"data": data})
            )
    return path
