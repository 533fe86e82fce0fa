from django.db import models


class Unit(models.TextChoices):
    PERCENT = "percent", "percentage"
    RAPPORTCIJFER = "rapportcijfer_1_10", "rapportcijfer (1-10)"
    SCHAALSCORE = "schaalscore_0_10", "schaalscore (0-10)"
    SOMSCORE = "somscore", "somscore"
    PER_1000 = "per_1000_inwoners", "per 1.000 inwoners"
    PER_1000_JONGEREN = "per_1000_jongeren_12_17", "per 1.000 jongeren (12-17)"
    COUNT = "count", "aantal"


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", "hoger is gunstiger"
    HIGHER_IS_WORSE = "higher_is_worse", "hoger is ongunstiger"
    NEUTRAL = "neutral", "neutraal"


class Source(models.TextChoices):
    VM = "vm", "Veiligheidsmonitor"
    BBV = "bbv", "BBV-beleidsindicator"
    REGISTRATIE = "registratie", "politieregistratie"
    EXTERN = "extern", "andere bron"
    EIGEN = "eigen", "eigen vraag van de gemeente"


class Series(models.TextChoices):
    """Survey series. Figures from different series are never compared (method breaks)."""

    IVM = "ivm", "Integrale Veiligheidsmonitor (2008-2011)"
    VM2012 = "vm2012", "Veiligheidsmonitor (2012-2019)"
    VM2021 = "vm2021", "Veiligheidsmonitor (vanaf 2021, nieuw ontwerp)"

    @classmethod
    def for_year(cls, year: int) -> "Series":
        if year <= 2011:
            return cls.IVM
        if year <= 2020:
            return cls.VM2012
        return cls.VM2021


class AreaKind(models.TextChoices):
    """CBS areas (the gemeente, its wijken) and the gemeente's own survey areas: a kern or a
    group of wijken or buurten, as agreed for its oversample."""

    GEMEENTE = "gemeente", "gemeente"
    WIJK = "wijk", "wijk"
    KERN = "kern", "kern"
    WIJKGROEP = "wijkgroep", "wijkgroep"
    BUURTGROEP = "buurtgroep", "buurtgroep"


OWN_AREA_KINDS = (AreaKind.KERN, AreaKind.WIJKGROEP, AreaKind.BUURTGROEP)
# Lists show the gemeente, then its wijken, then its own areas (not the alphabet of the kinds).
AREA_KIND_ORDER = {
    AreaKind.GEMEENTE: 0,
    AreaKind.WIJK: 1,
    AreaKind.KERN: 2,
    AreaKind.WIJKGROEP: 3,
    AreaKind.BUURTGROEP: 4,
}


class RegionKind(models.TextChoices):
    """The levels at which CBS publishes Veiligheidsmonitor figures, broadest first.

    Veiligheidsregio is not one of them: a VR row in a benchmark file is skipped with a note
    (it stays an attribute of the gemeente, see projects.Gemeente).
    """

    NEDERLAND = "nl", "Nederland"
    LANDSDEEL = "ld", "landsdeel"
    PROVINCIE = "pv", "provincie"
    POLITIE_EENHEID = "re", "regionale eenheid (politie)"
    POLITIE_DISTRICT = "pd", "politiedistrict"
    BASISTEAM = "bt", "basisteam (politie)"
    GEMEENTE = "gm", "gemeente"

    @classmethod
    def for_code(cls, code: str) -> "RegionKind | None":
        """From the CBS region key's prefix (the StatLine region categories)."""
        return {
            "NL": cls.NEDERLAND,
            "LD": cls.LANDSDEEL,
            "PV": cls.PROVINCIE,
            "RE": cls.POLITIE_EENHEID,
            "PD": cls.POLITIE_DISTRICT,
            "BT": cls.BASISTEAM,
            "GM": cls.GEMEENTE,
        }.get(code[:2].upper())

    @property
    def rank(self) -> int:
        """Order on pages and in drafts: Nederland first, the smaller areas after it."""
        return list(RegionKind).index(self)


def region_rank(kind: str) -> int:
    """The rank of a stored region kind; an unknown one (an old row) goes last."""
    try:
        return RegionKind(kind).rank
    except ValueError:
        return len(RegionKind)


class ImportKind(models.TextChoices):
    SURVEY = "survey", "respondentenbestand"
    BENCHMARK = "benchmark", "vergelijkingscijfers (CBS StatLine)"
    CRIME = "crime", "geregistreerde criminaliteit"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "geüpload"
    READING = "reading", "bestand wordt gelezen"
    MAPPING = "mapping", "koppelen aan indicatoren"
    QUEUED = "queued", "in de wachtrij"
    RUNNING = "running", "wordt berekend"
    PREVIEW = "preview", "controleren voor opslaan"
    STORING = "storing", "wordt opgeslagen"
    DONE = "done", "klaar"
    FAILED = "failed", "mislukt"

    @property
    def busy(self) -> bool:
        # Uploaded: the file waits for its reading task (a worker or the app's background
        # thread, config/background.py), so the page polls from the first moment.
        return self in (
            ImportStatus.UPLOADED,
            ImportStatus.READING,
            ImportStatus.QUEUED,
            ImportStatus.RUNNING,
            ImportStatus.STORING,
        )


# A proportion is stored as a percentage, as reports show it.
PERCENT_SCALE = 100.0

# Where a gemeente's inhabitants aged 15 and over come from (Population15Plus): the population
# the Veiligheidsmonitor's weights stand for.
POPULATION_15PLUS_SOURCE = "CBS StatLine 03759ned, bevolking op 1 januari, 15 jaar en ouder"
