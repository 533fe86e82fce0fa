"""Where uploaded and generated files live: a folder (MEDIA_ROOT) or an S3-compatible bucket."""


def s3_media_storage(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    region: str | None = None,
    prefix: str = "",
    addressing_style: str | None = None,
) -> dict:
    """A STORAGES entry for django-storages' S3Storage holding the app's private files.

    Every file is private: objects are written with the "private" ACL and reach a user only
    through the app's own views, which check membership and role and stream the file (no
    MEDIA_URL, no public links). Should code ever ask for a URL, it gets a signed one that
    expires after five minutes. Names are never overwritten (like FileSystemStorage: a
    second file with the same name gets a suffix), and a downloaded file larger than 5 MB
    spills to a temporary file instead of memory (survey files are up to 200 MB).
    Credentials come from boto3's usual chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in
    the environment, or the instance's role.
    """
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "location": prefix.strip("/"),
            # Self-hosted S3 (MinIO, Ceph, Garage) answers only path-style requests.
            "addressing_style": addressing_style or ("path" if endpoint_url else None),
            "signature_version": "s3v4",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
