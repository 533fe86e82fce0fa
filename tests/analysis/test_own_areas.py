"""A gemeente's own survey areas (kernen, wijkgroepen, buurtgroepen): defined with Dutch
validation, computed at import beside the wijken, shown on the pages, the map and the drafts.

The file below has three wijken of Amsterdam (GM0363) and a column of buurt codes:

    resp  wijk      buurt       weight  onv_alg  cijfer
    1     WK036300  BU03630000  1.0     1 (hit)  7
    2     WK036300  BU03630001  2.0     3        8
    3     WK036301  BU03630100  1.0     1 (hit)  6
    4     WK036301  BU03630100  0.5     2 (hit)  9
    5     WK036302  BU03630200  1.5     3        5
    6     WK036302  BU03630200  1.0     1 (hit)  99 (missing)

Own areas: wijkgroep Noord = WK036300 + WK036301 (respondents 1-4); buurtgroep Oostrand =
BU03630001 + BU03630200 (respondents 2, 5, 6).
"""

import json
import re

import numpy as np
import pandas as pd
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures import services
from analysis.figures.area_sets import OwnArea, own_area_sets
from analysis.figures.mapping import parse_mapping
from analysis.figures.own_area_maps import own_area_geojson
from analysis.figures.services.own_areas import (
    own_area_define,
    own_area_delete,
    own_area_update,
)
from analysis.models import Area, IndicatorResult, SurveyEdition
from analysis.narrative.drafting import Figure, IndicatorFacts, theme_draft
from projects.models import AuditEntry

from .conftest import MAPPING, csv_upload

BUURT_FILE = """respnr;wijk;buurt;weegfactor;onv_alg;cijfer
1;WK036300;BU03630000;1,0;1;7
2;WK036300;BU03630001;2,0;3;8
3;WK036301;BU03630100;1,0;1;6
4;WK036301;BU03630100;0,5;2;9
5;WK036302;BU03630200;1,5;3;5
6;WK036302;BU03630200;1,0;1;99
"""

BUURT_MAPPING = {**MAPPING, "area": "buurt"}

ONV = "voelt_zich_weleens_onveilig"
CIJFER = "rapportcijfer_veiligheid_buurt"


def define(project, actor, name, kind, members):
    return own_area_define(actor=actor, project=project, name=name, kind=kind, members_text=members)


@pytest.fixture
def areas(survey_project, world):
    actor = world.users["ambtenaar"]
    noord = define(survey_project, actor, "Noord", "wijkgroep", "WK036300\nWK036301")
    oostrand = define(survey_project, actor, "Oostrand", "buurtgroep", "BU03630001, BU03630200")
    return noord, oostrand


def import_buurten(project, text=BUURT_FILE, mapping=BUURT_MAPPING, year=2023):
    return services.survey_import_now(
        actor=None, project=project, upload=csv_upload(text), year=year, mapping=mapping
    )


def result(project, code, area_code, year=2023) -> IndicatorResult:
    return IndicatorResult.objects.get(
        edition__projects=project, edition__year=year, indicator__code=code, area__code=area_code
    )


# --------------------------------------------------------------------------- the figures


def test_wijkgroep_and_buurtgroep_get_hand_computed_weighted_estimates(
    survey_project, world, areas
):
    noord, oostrand = areas
    assert (noord.code, oostrand.code) == ("EG036301", "EG036302")
    run = import_buurten(survey_project)
    assert run.summary["own_areas"] == 2 and run.summary["wijken"] == 3
    # Noord, respondents 1-4: weights 1, 2, 1, 0.5; hits 1, 3, 4 -> (1 + 1 + 0.5) / 4.5
    cell = result(survey_project, ONV, noord.code)
    assert cell.estimate == pytest.approx(100 * 2.5 / 4.5)  # 55.56%
    assert cell.n == 4
    # n_eff = (sum w)^2 / sum w^2 = 4.5^2 / (1 + 4 + 1 + 0.25) = 20.25 / 6.25
    assert cell.n_eff == pytest.approx(3.24)
    # Rapportcijfer Noord: (7*1 + 8*2 + 6*1 + 9*0.5) / 4.5 = 33.5 / 4.5
    assert result(survey_project, CIJFER, noord.code).estimate == pytest.approx(33.5 / 4.5)
    # Oostrand, respondents 2, 5, 6: weights 2, 1.5, 1; only 6 is a hit -> 1 / 4.5
    cell = result(survey_project, ONV, oostrand.code)
    assert cell.estimate == pytest.approx(100 / 4.5) and cell.n == 3
    # Rapportcijfer Oostrand: respondent 6 answered 99 -> (8*2 + 5*1.5) / 3.5 = 23.5 / 3.5
    cell = result(survey_project, CIJFER, oostrand.code)
    assert cell.estimate == pytest.approx(23.5 / 3.5) and cell.n == 2


def test_a_respondent_counts_in_its_wijk_and_in_the_group(survey_project, world, areas):
    noord, _oostrand = areas
    import_buurten(survey_project)
    wijk00 = result(survey_project, ONV, "WK036300")
    wijk01 = result(survey_project, ONV, "WK036301")
    group = result(survey_project, ONV, noord.code)
    # Wijk 00: respondents 1, 2 -> 1 / 3; wijk 01: respondents 3, 4 -> 1.5 / 1.5
    assert wijk00.estimate == pytest.approx(100 / 3) and wijk00.n == 2
    assert wijk01.estimate == pytest.approx(100.0) and wijk01.n == 2
    assert group.n == wijk00.n + wijk01.n == 4
    # The gemeente is unchanged by the groups: all six, hits 1, 3, 4, 6 -> 3.5 / 7
    assert result(survey_project, ONV, "GM0363").estimate == pytest.approx(50.0)


def test_an_own_area_below_min_n_is_suppressed(survey_project, world, areas):
    _noord, oostrand = areas
    survey_project.min_n, survey_project.warn_n = 3, 4
    survey_project.save()
    import_buurten(survey_project)
    # Oostrand's rapportcijfer rests on respondents 2 and 5 only (6 answered 99): n = 2 < 3
    cijfer = result(survey_project, CIJFER, oostrand.code)
    assert cijfer.n == 2 and cijfer.suppressed
    onv = result(survey_project, ONV, oostrand.code)
    assert onv.n == 3 and not onv.suppressed and onv.low_n_warning


def test_buurt_codes_alone_place_respondents_in_a_wijkgroep(survey_project, world, areas):
    """Without a wijk column the buurt code BU0363wwbb still says the wijk WK0363ww."""
    noord, _oostrand = areas
    mapping = {**BUURT_MAPPING, "wijk": ""}
    import_buurten(survey_project, mapping=mapping)
    cell = result(survey_project, ONV, noord.code)
    assert cell.n == 4 and cell.estimate == pytest.approx(100 * 2.5 / 4.5)
    assert not Area.objects.filter(gemeente=world.gemeente, kind="wijk").exists()


def test_codes_of_another_gemeente_in_the_area_column_stop_the_import(survey_project, world, areas):
    text = BUURT_FILE.replace("BU03630100", "BU00340100").replace("BU03630000", "BU00340000")
    with pytest.raises(ValidationError) as error:
        import_buurten(survey_project, text=text)
    message = error.value.messages[0]
    assert "BU00340000, BU00340100" in message and "andere gemeente" in message
    assert not SurveyEdition.objects.filter(projects=survey_project).exists()


def test_an_area_without_respondents_is_noted_not_stored(survey_project, world, areas):
    define(survey_project, world.users["ambtenaar"], "Haven", "kern", "Haven")
    run = import_buurten(survey_project)
    assert any("kern Haven" in note for note in run.summary["notes"])
    assert not IndicatorResult.objects.filter(area__name="Haven").exists()


def test_kern_by_value_label_and_overlapping_sets_are_vectorised():
    """A numeric kern column with value labels; a kern and a wijkgroep that overlap."""
    column = pd.Series([1.0, 2.0, 1.0, np.nan, 3.0])
    labels = {1.0: "Almere Haven", 2.0: "Almere Buiten", 3.0: "BU03630200"}
    own = [
        OwnArea("EG036301", "kern Almere Haven", ("almere  haven",)),  # case, spaces ignored
        OwnArea("EG036302", "wijkgroep Oost", ("WK036301", "WK036302")),
    ]
    wijk_index = np.array([0, 1, 1, 1, -1])  # respondent 5 has no wijk but buurt BU03630200
    sets, notes = own_area_sets(
        own_areas=own,
        wijk_codes=["WK036300", "WK036301"],
        wijk_index=wijk_index,
        area_column=column,
        column_name="kern",
        labels=labels,
        gemeente_code="GM0363",
    )
    values = np.array([1.0, 10.0, 100.0, 1000.0, 10000.0])
    # Kern: respondents 1 and 3 (label Almere Haven) -> 101; Oost: respondents 2, 3, 4 (wijk
    # 01) and 5 (buurt in wijk 02) -> 11110
    assert sets.codes == ["EG036301", "EG036302"]
    assert sets.sums(values).tolist() == [101.0, 11110.0]
    assert notes == [
        "Waarden in kolom 'kern' die bij geen eigen gebied horen (respondenten): "
        "'2' (1). Zij tellen mee voor hun wijk en de hele gemeente."
    ]


def test_an_area_defined_after_the_import_gets_its_figures_from_the_stored_file(
    survey_project, world, django_capture_on_commit_callbacks
):
    import_buurten(survey_project)
    gemeente_row = result(survey_project, ONV, "GM0363")
    actor = world.users["ambtenaar"]
    with django_capture_on_commit_callbacks(execute=True):
        noord = define(survey_project, actor, "Noord", "wijkgroep", "WK036300\nWK036301")
    # As at import: respondents 1-4 -> 2.5 / 4.5
    cell = result(survey_project, ONV, noord.code)
    assert cell.estimate == pytest.approx(100 * 2.5 / 4.5) and cell.n == 4
    assert result(survey_project, ONV, "GM0363").pk == gemeente_row.pk  # left as it was
    with django_capture_on_commit_callbacks(execute=True):
        own_area_update(
            actor=actor,
            project=survey_project,
            area=noord,
            name="Noord",
            kind="wijkgroep",
            members_text="WK036300",
        )
    # Redefined as wijk 00 alone: respondents 1, 2 -> 1 / 3
    cell = result(survey_project, ONV, noord.code)
    assert cell.estimate == pytest.approx(100 / 3) and cell.n == 2
    done = AuditEntry.objects.filter(action="eigen gebieden herberekend").last()
    assert done.detail == {"2023": "1 eigen gebied(en) berekend"}


def test_the_mapping_keeps_its_area_column():
    parsed = parse_mapping(BUURT_MAPPING, catalogue_codes={ONV, CIJFER})
    assert parsed.area == "buurt" and parsed.to_dict()["area"] == "buurt"


# --------------------------------------------------------------------------- definitions


def problems(error: ValidationError) -> dict:
    return {field: list(messages) for field, messages in error.value.message_dict.items()}


def test_validation_messages_are_dutch_and_complete(survey_project, world):
    actor = world.users["ambtenaar"]
    with pytest.raises(ValidationError) as error:
        define(survey_project, actor, "  ", "wijkgroep", "")
    assert problems(error) == {
        "name": ["Geef het gebied een naam."],
        "members": ["Een wijkgroep bestaat uit ten minste één wijk: geef de wijkcodes."],
    }
    with pytest.raises(ValidationError) as error:
        define(survey_project, actor, "Zuid", "wijkgroep", "WK036300, BU03630001, Centrum")
    assert problems(error) == {
        "members": [
            "Een wijkgroep bestaat uit wijkcodes als WK036300; dit zijn geen wijkcodes: "
            "BU03630001, Centrum."
        ]
    }
    with pytest.raises(ValidationError) as error:
        define(survey_project, actor, "Zuid", "buurtgroep", "BU0363000")
    assert "dit zijn geen buurtcodes: BU0363000." in problems(error)["members"][0]
    define(survey_project, actor, "Noord", "wijkgroep", "WK036300")
    with pytest.raises(ValidationError) as error:
        define(survey_project, actor, "noord", "kern", "Noord")
    assert problems(error) == {
        "name": ["Er is al een eigen gebied met de naam 'noord'. Kies een andere naam."]
    }
    assert Area.objects.filter(gemeente=world.gemeente, kind__in=["kern", "wijkgroep"]).count() == 1


def test_another_gemeentes_codes_are_refused(survey_project, world):
    with pytest.raises(ValidationError) as error:
        define(survey_project, world.users["ambtenaar"], "Grens", "kern", "WK003401, bu00340101")
    assert problems(error) == {
        "members": [
            "Deze codes horen niet bij Amsterdam: WK003401, BU00340101. Wijkcodes van "
            "Amsterdam beginnen met WK0363, buurtcodes met BU0363."
        ]
    }
    assert not Area.objects.filter(name="Grens").exists()


def test_each_change_is_audited_and_a_redefinition_removes_old_figures(
    survey_project, world, areas
):
    noord, _oostrand = areas
    actor = world.users["ambtenaar"]
    import_buurten(survey_project)
    renamed = own_area_update(
        actor=actor,
        project=survey_project,
        area=noord,
        name="Noordwest",
        kind="wijkgroep",
        members_text="WK036300\nWK036301",
    )
    assert renamed is False and result(survey_project, ONV, noord.code).n == 4
    removed = own_area_update(
        actor=actor,
        project=survey_project,
        area=noord,
        name="Noordwest",
        kind="wijkgroep",
        members_text="WK036300",
    )
    assert removed is True
    assert not IndicatorResult.objects.filter(area=noord).exists()
    own_area_delete(actor=actor, project=survey_project, area=noord)
    assert not Area.objects.filter(pk=noord.pk).exists()
    entries = AuditEntry.objects.filter(project=survey_project, action__contains="eigen gebied")
    assert list(entries.order_by("pk").values_list("action", flat=True)) == [
        "eigen gebied vastgelegd",
        "eigen gebied vastgelegd",
        "eigen gebied gewijzigd",
        "eigen gebied gewijzigd",
        "eigen gebieden herberekenen",  # the redefinition asks for the figures again
        "eigen gebied verwijderd",
    ]
    renaming = entries.filter(action="eigen gebied gewijzigd").order_by("pk").first()
    assert renaming.detail["naam"] == {"van": "Noord", "naar": "Noordwest"}


# --------------------------------------------------------------------------- pages


def page(world, name, project=None, **kwargs):
    project = project or world.project
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid, **kwargs},
    )


def test_an_editor_defines_an_area_on_the_page_and_sees_the_messages(world):
    client = world.client("ambtenaar")
    response = client.post(
        page(world, "own_areas"), {"name": "Grens", "kind": "wijkgroep", "members": "WK003401"}
    )
    assert response.status_code == 200
    assert "Deze codes horen niet bij Amsterdam: WK003401." in response.content.decode()
    response = client.post(
        page(world, "own_areas"),
        {"name": "Noord", "kind": "wijkgroep", "members": "wk036300, WK036301"},
        follow=True,
    )
    assert "wijkgroep Noord" in response.content.decode()
    area = Area.objects.get(gemeente=world.gemeente, name="Noord")
    assert area.members == ["WK036300", "WK036301"]
    response = client.post(
        page(world, "own_area_edit", code=area.code),
        {"name": "Noord-Oost", "kind": "wijkgroep", "members": "WK036300\nWK036301"},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "Noord-Oost"


@pytest.mark.parametrize("persona", ["raadslid", "partner", "outsider"])
def test_readers_and_other_gemeenten_cannot_edit_areas(world, persona):
    noord = define(world.project, world.users["ambtenaar"], "Noord", "wijkgroep", "WK036300")
    client = world.client(persona)
    expected = 404 if persona == "outsider" else 403
    assert client.get(page(world, "own_areas")).status_code == expected
    data = {"name": "Zuid", "kind": "wijkgroep", "members": "WK036302"}
    assert client.post(page(world, "own_areas"), data).status_code == expected
    edit = page(world, "own_area_edit", code=noord.code)
    assert client.post(edit, {**data, "name": "Anders"}).status_code == expected
    delete = page(world, "own_area_delete", code=noord.code)
    assert client.post(delete, {"confirmed": "1"}).status_code == expected
    noord.refresh_from_db()
    assert noord.name == "Noord"
    assert list(Area.objects.filter(gemeente=world.gemeente).values_list("name", flat=True)) == [
        "Noord"
    ]


def test_another_gemeentes_area_is_not_found_from_ones_own_project(world):
    """The outsider edits in their own gemeente, but never an area of Amsterdam."""
    noord = define(world.project, world.users["ambtenaar"], "Noord", "wijkgroep", "WK036300")
    client = world.client("outsider")
    url = page(world, "own_area_edit", project=world.other_project, code=noord.code)
    assert client.get(url).status_code == 404
    delete = page(world, "own_area_delete", project=world.other_project, code=noord.code)
    assert client.post(delete, {"confirmed": "1"}).status_code == 404
    assert Area.objects.filter(pk=noord.pk).exists()


def _square(code, name, west):
    ring = [[west, 52.30], [west + 0.02, 52.30], [west + 0.02, 52.32], [west, 52.32]]
    ring.append(ring[0])
    return {
        "type": "Feature",
        "properties": {"wijkcode": code, "wijknaam": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


WIJK_MAP = {
    "type": "FeatureCollection",
    "features": [
        _square("WK036300", "Nul", 4.90),
        _square("WK036301", "Een", 4.92),
        _square("WK036302", "Twee", 4.94),
    ],
}


def test_the_wijkgroup_is_drawn_as_the_union_of_its_wijken(survey_project, world, areas):
    noord, oostrand = areas
    import_buurten(survey_project)
    services.wijkmap_save(
        actor=None,
        project=survey_project,
        upload=SimpleUploadedFile("wijken.geojson", json.dumps(WIJK_MAP).encode()),
    )
    html = world.client("ambtenaar").get(page(world, "indicator", code=ONV)).content.decode()
    # The map of own areas: one path titled with the group and its value, 2.5 / 4.5 = 55,6%
    assert "per eigen gebied, 2023" in html
    assert re.search(r'<path d="M[^"]+"[^>]*><title>wijkgroep Noord: 55,6%</title></path>', html)
    assert "Niet op de kaart, want er zijn geen grenzen van: buurtgroep Oostrand." in html
    # The table lists the own areas by kind and name beside the wijken.
    assert '<th scope="row">buurtgroep Oostrand</th>' in html
    # The union: two 0.02° squares side by side become one rectangle twice as wide.
    collection, unmapped = own_area_geojson(WIJK_MAP, "wijkcode", [noord, oostrand])
    assert unmapped == [oostrand]
    geometry = collection["features"][0]["geometry"]
    assert geometry["type"] == "Polygon"
    xs = [point[0] for point in geometry["coordinates"][0]]
    assert (min(xs), max(xs)) == pytest.approx((4.90, 4.94))


def test_theme_page_offers_own_areas_and_shows_their_figures(survey_project, world, areas):
    noord, _oostrand = areas
    import_buurten(survey_project)
    client = world.client("ambtenaar")
    html = client.get(page(world, "theme", theme_code="1.4")).content.decode()
    assert f'<option value="{noord.code}">wijkgroep Noord</option>' in html
    html = client.get(page(world, "theme", theme_code="1.4") + f"?gebied={noord.code}")
    assert "55,6%" in html.content.decode()


def test_drafts_speak_of_own_areas_by_kind_and_name(survey_project, world, areas):
    from analysis.narrative.models import GeneratedDraft
    from analysis.narrative.services import analysis_ensure

    noord, _oostrand = areas
    analysis_ensure(project=survey_project)
    import_buurten(survey_project)
    draft = GeneratedDraft.objects.get(project=survey_project, area=noord)
    assert any("in wijkgroep Noord in 2023" in text for text in draft.paragraphs)
    html = world.client("ambtenaar").get(page(world, "va_wijk", code=noord.code)).content.decode()
    assert "Gebiedsprofiel wijkgroep Noord" in html


def test_a_standing_out_own_area_is_named_with_its_kind():
    """Gemeente 20% (se 1) and kern Haven 40% (se 2): z = 20 / sqrt(1 + 4) = 8.9, significant;
    wijkgroep Noord 21% (se 2): z = 1 / sqrt(5) = 0.45, not."""
    gemeente = Figure(
        year=2023, series="vm2021", estimate=20.0, ci_low=18.0, ci_high=22.0, se=1.0, n=900
    )
    facts = IndicatorFacts(
        code=ONV,
        name="Voelt zich weleens onveilig",
        unit="percent",
        direction="higher_is_worse",
        trend=[gemeente],
        own_areas=[
            ("kern Haven", Figure(year=2023, series="vm2021", estimate=40.0, se=2.0, n=200)),
            ("wijkgroep Noord", Figure(year=2023, series="vm2021", estimate=21.0, se=2.0, n=200)),
            ("buurtgroep Oost", Figure(year=2023, series="vm2021", estimate=None, suppressed=True)),
        ],
    )
    text = " ".join(theme_draft([facts], area_name="Amsterdam"))
    assert (
        "In kern Haven (40,0%) ligt het cijfer significant hoger dan in Amsterdam als geheel, "
        "en dat is ongunstig." in text
    )
    assert "wijkgroep Noord" not in text
    # Said once per theme, after the indicators, not inside each indicator's paragraph.
    assert (
        "In buurtgroep Oost waren bij deze indicator te weinig respondenten voor een "
        "betrouwbaar cijfer." in text
    )
