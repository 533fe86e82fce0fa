"""Drawn figures are kept in the cache by their input: new data or a new wijk map is drawn
anew at once, and another gemeente's figure is never served."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures.services import survey_import_now
from tests.analysis.conftest import MAPPING, SMALL, csv_upload


def _square(x: float) -> list:
    corners = [(4.8, 52.3), (4.85, 52.3), (4.85, 52.35), (4.8, 52.35), (4.8, 52.3)]
    return [[[east + x, north] for east, north in corners]]


def _map(names: tuple[str, str]) -> SimpleUploadedFile:
    features = [
        {
            "type": "Feature",
            "properties": {"wijkcode": code, "wijknaam": name},
            "geometry": {"type": "Polygon", "coordinates": _square(offset)},
        }
        for code, name, offset in zip(("WK036300", "WK036301"), names, (0, 0.05), strict=True)
    ]
    data = {"type": "FeatureCollection", "features": features}
    return SimpleUploadedFile("wijken.geojson", json.dumps(data).encode())


def _url(world, name, **kwargs):
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse(f"analysis:{name}", kwargs=base | kwargs)


def test_a_new_wijk_map_or_new_figures_are_drawn_at_once(survey_project, world):
    survey_import_now(
        actor=None, project=world.project, upload=csv_upload(), year=2023, mapping=MAPPING
    )
    client = world.client("ambtenaar")
    client.post(_url(world, "wijkmap"), {"file": _map(("Burgwallen", "Gracht"))})
    indicator = _url(world, "indicator", code="voelt_zich_weleens_onveilig")
    assert "Burgwallen: 50,0%" in client.get(indicator).content.decode()
    assert "Burgwallen: 50,0%" in client.get(indicator).content.decode()  # from the cache

    client.post(_url(world, "wijkmap"), {"file": _map(("Oude Zijde", "Gracht"))})
    page = client.get(indicator).content.decode()
    assert "Oude Zijde: 50,0%" in page and "Burgwallen" not in page

    # Another edition with other answers: the chart and the map show the new figures.
    changed = SMALL.replace("1;WK036300;1,0;1;7", "1;WK036300;1,0;3;7")
    survey_import_now(
        actor=None,
        project=world.project,
        upload=csv_upload(changed),
        year=2024,
        mapping=MAPPING,
        accept_flagged="De wijk is echt veiliger geworden.",
    )
    page = client.get(indicator).content.decode()
    assert "Oude Zijde: 25,0%" in page


def test_the_priority_matrix_is_drawn_once_per_set_of_scores(world, monkeypatch, settings):
    from django.core.cache import cache

    from analysis.figures import presenters

    # Counting draws needs a cache no earlier run filled: a shared Redis (make test-services)
    # keeps figures between runs, and clearing it would flush the broker's database too.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "priority-matrix-test",
        }
    }
    cache.clear()
    from analysis.models import AnalysisTheme
    from analysis.narrative.services import priorities_save

    drawn = []
    real = presenters.priority_matrix_svg
    monkeypatch.setattr(
        presenters,
        "priority_matrix_svg",
        lambda points, **kw: drawn.append(1) or real(points, **kw),
    )
    theme = AnalysisTheme.objects.filter(field__project=world.project).order_by("id").first()
    scores = {"omvang": 4, "ernst": 4, "trend": 3, "beleving": 4, "beinvloedbaarheid": 4}
    priorities_save(actor=world.users["ambtenaar"], project=world.project, scores={theme: scores})
    client = world.client("ambtenaar")
    page = client.get(_url(world, "va_priorities")).content.decode()
    assert theme.name in page and len(drawn) == 1
    client.get(_url(world, "va_priorities"))
    assert len(drawn) == 1  # the same scores: from the cache

    theme.refresh_from_db()
    priorities_save(
        actor=world.users["ambtenaar"],
        project=world.project,
        scores={theme: scores | {"beinvloedbaarheid": 2}},
    )
    client.get(_url(world, "va_priorities"))
    assert len(drawn) == 2  # a changed score is drawn at once
