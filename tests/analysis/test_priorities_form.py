"""The priorities page in Dutch numbers: weights read "1,0" and accept "1,5" as well as "1.5";
a wrong weight says how to write it, once, and changes nothing."""

import pytest
from django.urls import reverse

from analysis.narrative import selectors
from analysis.narrative import services as va_services


@pytest.fixture
def urls(world):
    va_services.analysis_ensure(project=world.project)
    kwargs = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    return reverse("analysis:va_priorities", kwargs=kwargs), reverse(
        "analysis:va_weights", kwargs=kwargs
    )


def _weights(**values):
    return {
        "omvang": "1",
        "ernst": "1",
        "trend": "1",
        "beleving": "1",
        "beinvloedbaarheid": "1",
    } | values


def test_weights_show_and_accept_dutch_notation(world, urls):
    page_url, weights_url = urls
    client = world.client("ambtenaar")
    page = client.get(page_url).content.decode()
    assert 'name="omvang" value="1,0"' in page and 'inputmode="decimal"' in page
    assert 'value="1.0"' not in page

    response = client.post(weights_url, _weights(omvang="1,5", ernst="2.5"))
    assert response.status_code == 302
    settings_ = selectors.analysis_settings(world.project)
    assert (settings_.weight_omvang, settings_.weight_ernst) == (1.5, 2.5)
    page = client.get(page_url).content.decode()
    assert 'name="omvang" value="1,5"' in page and 'name="ernst" value="2,5"' in page


def test_a_wrong_weight_says_how_to_write_it_once_and_changes_nothing(world, urls):
    page_url, weights_url = urls
    client = world.client("ambtenaar")
    response = client.post(weights_url, _weights(omvang="veel", ernst="11"), follow=True)
    page = response.content.decode()
    assert page.count("Geef de weging als getal van 0 tot en met 10, bijvoorbeeld 1 of 1,5.") == 1
    settings_ = selectors.analysis_settings(world.project)
    assert (settings_.weight_omvang, settings_.weight_ernst) == (1.0, 1.0)


def test_the_reasoning_box_is_three_lines_and_the_scores_have_room(world, urls):
    page = world.client("ambtenaar").get(urls[0]).content.decode()
    assert 'class="form-control form-control-sm reasoning-input" ' in page
    assert 'rows="1"' not in page and 'rows="3"' in page
    assert "score-select" in page
