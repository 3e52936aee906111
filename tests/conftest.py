"""Shared fixtures: fast password hashing, media in a temporary folder, people and images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from crossnote.accounts.models import User


@pytest.fixture(autouse=True)
def _fast_hashing_and_tmp_media(settings, tmp_path):
    """Argon2 costs ~0.2 s a hash; tests that check it ask for `argon2_settings`."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]


def make_user(username="mia", **extra) -> User:
    user = User(username=username, email=extra.pop("email", f"{username}@example.com"), **extra)
    user.set_password("correct horse battery")
    user.save()
    return user


@pytest.fixture
def mia(db):
    return make_user("mia_ms", display_name="Mia", region="US", languages=["en"])


@pytest.fixture
def lin(db):
    return make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])


def image_bytes(fmt="JPEG", size=(640, 480), color=(200, 60, 60), **save_kwargs) -> bytes:
    out = io.BytesIO()
    mode = "RGBA" if fmt in ("PNG", "WEBP") and save_kwargs.pop("alpha", False) else "RGB"
    Image.new(mode, size, color).save(out, format=fmt, **save_kwargs)
    return out.getvalue()


def upload(name="photo.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type)


@pytest.fixture
def photo():
    return upload()
