"""Shared media on S3-compatible storage (MEDIA_S3_BUCKET), against moto's local S3 server.

With a bucket set, every private file (survey uploads and their read cache, rendered reports,
logos) is stored in the bucket, never on the local disk, and still reaches a user only
through the app's own permission-checked views. Without a bucket nothing changes.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import NamedTuple

import boto3
import pytest
from django.apps import apps
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import FileField
from django.urls import reverse

from analysis.figures.models import ImportRun
from config.settings.media import s3_media_storage
from projects.models import private_storage
from reports import services
from reports.constants import RenderFormat
from reports.models import RenderRun
from tests.analysis.conftest import csv_upload
from tests.celery_worker import ROOT
from tests.ports import free_port
from tests.projects.test_forms import png_bytes


@pytest.fixture
def s3(settings, monkeypatch):
    """moto's S3 server on 127.0.0.1 with an empty bucket, and the app's storages on it, as
    MEDIA_S3_BUCKET / MEDIA_S3_ENDPOINT_URL configure them."""
    from moto.server import ThreadedMotoServer

    bucket = f"integraal-media-{uuid.uuid4().hex[:8]}"  # moto keeps buckets per process
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "integraal-test",
        "AWS_SECRET_ACCESS_KEY": "integraal-test-secret",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1")
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    storage = s3_media_storage(bucket=bucket, endpoint_url=endpoint, region="eu-west-1")
    settings.STORAGES = settings.STORAGES | {"default": storage, "private": storage}
    # File fields evaluate their storage when the models are imported; in production the
    # settings are read before that, here the fields are pointed at the new storage.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and field._storage_callable is private_storage:
                monkeypatch.setattr(field, "storage", storages["private"])
    try:
        yield Bucket(client, bucket)
    finally:
        server.stop()


class Bucket(NamedTuple):
    client: object
    name: str


def _objects(s3: Bucket) -> dict[str, bytes]:
    listed = s3.client.list_objects_v2(Bucket=s3.name).get("Contents", [])
    return {
        item["Key"]: s3.client.get_object(Bucket=s3.name, Key=item["Key"])["Body"].read()
        for item in listed
    }


def _is_private(s3: Bucket, key: str) -> bool:
    grants = s3.client.get_object_acl(Bucket=s3.name, Key=key)["Grants"]
    return all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants)


def test_survey_and_rendered_report_live_in_the_bucket_and_download_through_the_app(
    s3, content, world, private_media, django_capture_on_commit_callbacks
):
    # `content` imported a survey through the storage: the upload and its read cache.
    actor = world.users["ambtenaar"]
    version = services.version_for(actor=actor, project=content, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        services.render_request(actor=actor, version=version, fmt=RenderFormat.DOCX)
    run = RenderRun.objects.get(version=version)
    assert run.status == "done", run.message

    stored = _objects(s3)
    survey = ImportRun.objects.get(project=content)
    assert stored[survey.file.name] == csv_upload().read()
    assert survey.status == "done"  # read back from the bucket and computed
    assert run.file.name in stored
    assert stored[run.file.name].startswith(b"PK")  # a DOCX is a ZIP
    assert all(_is_private(s3, key) for key in stored)
    assert not Path(private_media).exists() or not any(Path(private_media).rglob("*.*"))

    url = reverse(
        "reports:download",
        kwargs={
            "gemeente_slug": content.gemeente.slug,
            "project_uuid": content.uuid,
            "run_uuid": run.uuid,
        },
    )
    response = world.client("ambtenaar").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored[run.file.name]
    # The file's URL, if code ever asks for one, is signed and short-lived, never public.
    assert "X-Amz-Signature=" in run.file.url and "X-Amz-Expires=300" in run.file.url
    assert world.client("outsider").get(url).status_code == 404


def test_logo_upload_lives_in_the_bucket_and_only_members_read_it(s3, world, private_media):
    settings_url = reverse(
        "projects:gemeente_settings", kwargs={"gemeente_slug": world.gemeente.slug}
    )
    response = world.client("ambtenaar").post(
        settings_url,
        {"house_colour": "#123456", "logo": SimpleUploadedFile("wapen.png", png_bytes())},
    )
    assert response.status_code == 302
    world.gemeente.refresh_from_db()
    stored = _objects(s3)[world.gemeente.logo.name]
    assert stored.startswith(b"\x89PNG")
    logo_url = reverse("projects:gemeente_logo", kwargs={"gemeente_slug": world.gemeente.slug})
    response = world.client("raadslid").get(logo_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert world.client("outsider").get(logo_url).status_code == 404


def _storage_classes(**environment) -> str:
    """The storage class of the settings and of a model's file field in a fresh process,
    as the web and worker processes start with this environment."""
    code = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "from reports.models import RenderRun\n"
        "field = RenderRun._meta.get_field('file')\n"
        "print(type(storages['private']).__name__, type(field.storage).__name__,"
        " getattr(field.storage, 'bucket_name', '-'))\n"
    )
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("MEDIA_S3_", "AWS_"))
    }
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | environment
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_bucket_setting_switches_the_storages_and_no_bucket_keeps_the_folder():
    assert _storage_classes() == "FileSystemStorage FileSystemStorage -"
    assert (
        _storage_classes(MEDIA_S3_BUCKET="media", MEDIA_S3_ENDPOINT_URL="http://s3.local:9000")
        == "S3Storage S3Storage media"
    )
