"""Media storage from the environment: the local disk (embedded default) or an S3-compatible
bucket through django-storages (AWS S3, MinIO, Ceph RGW, Cloudflare R2, Backblaze B2, ...).

settings.py reads the MEDIA_STORAGE / S3_* variables and asks `s3_storage` for the `default`
entry of STORAGES and the MEDIA_URL that goes with it, and `private_s3_storage` for `exports`
(data exports, in a private folder of the same bucket, so every machine finds them).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storage(
    *,
    bucket: str,
    endpoint_url: str = "",
    region: str = "",
    access_key_id: str = "",
    secret_access_key: str = "",
    public_url: str = "",
    querystring_expire: int = 3600,
    addressing_style: str = "",
    location: str = "",
    default_acl: str = "",
) -> tuple[dict, str]:
    """(STORAGES["default"], MEDIA_URL) for an S3-compatible bucket.

    With `public_url` (a public bucket or a CDN in front of it, e.g.
    https://cdn.example.com/media) files are linked there, unsigned: the bucket (policy) or each
    object (`default_acl`="public-read") must then be readable by anyone. Without it every link is
    a pre-signed GET that expires after `querystring_expire` seconds: the bucket stays private.
    """
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET (the bucket's name).")
    if querystring_expire < 1:
        raise ImproperlyConfigured("S3_QUERYSTRING_EXPIRE must be a positive number of seconds.")
    options = {
        "bucket_name": bucket,
        "file_overwrite": False,  # a second upload under a taken name gets a new name
        "querystring_auth": not public_url,
        "querystring_expire": querystring_expire,
        "signature_version": "s3v4",
        "location": location.strip("/"),
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
        # Self-hosted servers (MinIO, moto, Ceph) rarely resolve bucket.host names.
        options["addressing_style"] = addressing_style or "path"
    elif addressing_style:
        options["addressing_style"] = addressing_style
    if region:
        options["region_name"] = region
    if default_acl:
        options["default_acl"] = default_acl
    if access_key_id:
        options["access_key"] = access_key_id
    if secret_access_key:
        options["secret_key"] = secret_access_key
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ImproperlyConfigured(
                f"S3_PUBLIC_URL must be an http(s) URL such as https://cdn.example.com/media "
                f"(got {public_url!r})."
            )
        options["custom_domain"] = (parts.netloc + parts.path).rstrip("/")
        options["url_protocol"] = parts.scheme + ":"
        media_url = public_url.rstrip("/") + "/"
    else:
        base = (endpoint_url or f"https://s3.{region or 'us-east-1'}.amazonaws.com").rstrip("/")
        media_url = f"{base}/{bucket}/"
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, media_url


def private_s3_storage(entry: dict, folder: str) -> dict:
    """A private folder of the media bucket (`entry`: STORAGES["default"] from s3_storage), for
    files that must never be public: data exports. Every link is pre-signed, whatever the media
    use (a public URL, a public-read ACL), and nothing is cached on the way."""
    options = dict(entry["OPTIONS"])
    for public in ("custom_domain", "url_protocol"):
        options.pop(public, None)
    options.update(
        querystring_auth=True,
        location="/".join(p for p in (options.get("location", ""), folder) if p),
        default_acl="private",
        object_parameters={"CacheControl": "private, no-store"},
    )
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
