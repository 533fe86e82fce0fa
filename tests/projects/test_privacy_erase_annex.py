"""Issue 14: erasing a gemeente also removes the besloten bijlagen kept in private storage
for it (the unstamped PDF per version holds the confidential parts), not only the files its
rows name."""

import pytest

from accounts.models import User
from projects.models import private_storage
from projects.offboarding import gemeente_erase, gemeente_export
from reports import services
from reports.besloten_bijlage import ANNEX_FOLDER, annex_download, besloten_bijlage_set
from tests.reports.annex_helpers import confidential_version


@pytest.mark.django_db
def test_erase_removes_the_kept_besloten_bijlage(
    world, tmp_path, django_capture_on_commit_callbacks
):
    version = confidential_version(world.project)
    services.publish(actor=world.users["ambtenaar"], version=version, audience="raad")
    raadslid = world.users["raadslid"]
    besloten_bijlage_set(
        actor=world.users["ambtenaar"], version=version, readers=[raadslid], note=""
    )
    annex_download(actor=raadslid, version=version)
    folder = f"{ANNEX_FOLDER}/{world.gemeente.uuid}/{version.uuid}"
    storage = private_storage()
    kept = storage.listdir(folder)[1]
    assert len(kept) == 1  # the download left the unstamped file behind

    export = gemeente_export(gemeente=world.gemeente, out=tmp_path / "export.zip")
    staff = User.objects.create_user("beheer@example.nl", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        gemeente_erase(
            actor=staff,
            gemeente=world.gemeente,
            confirm_name=world.gemeente.name,
            export_sha256=export.sha256,
        )

    assert not storage.exists(f"{folder}/{kept[0]}")
    assert not storage.exists(folder)
