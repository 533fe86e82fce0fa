"""'Vaststellen' is idempotent: four POSTs on one concept (a double click, two tabs, two people)
made 'vastgesteld 1.0' up to '4.0'. The second and later callers now get the first result and
no extra version is made."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from projects.models import AuditEntry, Project
from projects.scopes import project_scope
from reports import services
from reports.models import ReportVersion


def finalize_url(world, version) -> str:
    return reverse(
        "reports:finalize",
        kwargs={
            "gemeente_slug": world.gemeente.slug,
            "project_uuid": world.project.uuid,
            "version_uuid": version.uuid,
        },
    )


def finals(project) -> list[str]:
    return [v.label for v in ReportVersion.objects.filter(project=project, minor=0, major__gte=1)]


def test_finalizing_one_concept_twice_makes_one_version(world):
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document="analyse")
    first = services.version_finalize(actor=actor, version=concept, finalized_as="college")
    second = services.version_finalize(actor=actor, version=concept, finalized_as="college")
    assert second == first and first.label == "vastgesteld 1.0"
    assert finals(world.project) == ["vastgesteld 1.0"]
    assert AuditEntry.objects.filter(action="rapport vastgesteld").count() == 1


def test_four_posts_on_one_concept_make_one_version(world):
    client = world.client("ambtenaar")
    concept = services.version_for(actor=None, project=world.project, document="analyse")
    said = []
    for _ in range(4):
        response = client.post(
            finalize_url(world, concept),
            {"decided_on": "2026-03-03", "number": "B&W 2026/88", "confirmed": "on"},
            follow=True,
        )
        assert response.status_code == 200
        said += [str(message) for message in response.context["messages"]]
    assert finals(world.project) == ["vastgesteld 1.0"]
    # The first click made it; the others are told so instead of "gemaakt" again.
    assert (
        said
        == ["vastgesteld 1.0 is gemaakt."]
        + ["concept 0.1 was al vastgesteld als vastgesteld 1.0."] * 3
    )


def test_a_later_concept_is_numbered_after_the_first(world):
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document="analyse")
    services.version_finalize(actor=actor, version=concept, finalized_as="college")
    world.project.name = "Ander plan"  # new content: a new concept
    world.project.save()
    newer = services.version_for(actor=actor, project=world.project, document="analyse")
    assert newer.label == "concept 1.1"
    assert (
        services.version_finalize(actor=actor, version=newer, finalized_as="college").label
        == "vastgesteld 2.0"
    )
    assert (
        services.version_finalize(actor=actor, version=newer, finalized_as="college").label
        == "vastgesteld 2.0"
    )
    assert finals(world.project) == ["vastgesteld 2.0", "vastgesteld 1.0"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="real concurrency needs PostgreSQL (make test-services)"
)
def test_concurrent_finalize_on_postgresql_makes_one_version(world):
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document="analyse")
    start = threading.Barrier(4)
    results, errors = [], []

    def finalize():
        try:
            start.wait()
            with project_scope(world.project):  # a new thread has no scope, as a request would
                results.append(
                    services.version_finalize(
                        actor=actor, version=concept, finalized_as="college"
                    ).pk
                )
        except Exception as exc:  # any error fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=finalize) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(results) == 4 and len(set(results)) == 1
    assert finals(world.project) == ["vastgesteld 1.0"]
    assert AuditEntry.objects.filter(action="rapport vastgesteld").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="row locks need PostgreSQL (make test-services)"
)
def test_finalizing_locks_the_versions_and_not_the_project(world):
    """The scope joins the project into the locking query; only the versions are locked, so
    a step change on the project does not wait for a finalization (or the other way round)."""
    actor = world.users["ambtenaar"]
    concept = services.version_for(actor=actor, project=world.project, document="analyse")
    locked, release, errors = threading.Event(), threading.Event(), []

    def finalize_and_hold():
        try:
            with transaction.atomic(), project_scope(world.project):
                services.version_finalize(actor=actor, version=concept, finalized_as="college")
                locked.set()
                release.wait(timeout=30)
        except Exception as exc:  # any error fails the test
            errors.append(exc)
            locked.set()
        finally:
            connection.close()

    holder = threading.Thread(target=finalize_and_hold)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        with transaction.atomic():
            project = Project.objects.select_for_update(nowait=True).filter(pk=world.project.pk)
            assert list(project) == [world.project]  # NOWAIT raises if the row is locked
    finally:
        release.set()
        holder.join(timeout=30)
    assert errors == []
