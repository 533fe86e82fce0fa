"""Writes that span the app's parts: what a project has from the day it is created."""

from projects.models import Project
from projects.scopes import project_scope

from .products.services import beleidsvragen_ensure
from .workflow.services import traject_ensure


def project_prepare(*, project: Project) -> None:
    """The traject with a record per step (the workflow) and the default beleidsvragen (the
    products). Runs when a project is created (apps.py), so opening a page never has to
    create them; migration 0002 did the same for the projects made before. Idempotent."""
    with project_scope(project):
        traject_ensure(project=project)
        beleidsvragen_ensure(project)
