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
    GEMEENTE = "gemeente", "gemeente"
    WIJK = "wijk", "wijk"


class RegionKind(models.TextChoices):
    NEDERLAND = "nl", "Nederland"
    LANDSDEEL = "ld", "landsdeel"
    PROVINCIE = "pv", "provincie"
    VEILIGHEIDSREGIO = "vr", "veiligheidsregio"
    GEMEENTE = "gm", "gemeente"

    @classmethod
    def for_code(cls, code: str) -> "RegionKind | None":
        prefix = code[:2].upper()
        return {
            "NL": cls.NEDERLAND,
            "LD": cls.LANDSDEEL,
            "PV": cls.PROVINCIE,
            "VR": cls.VEILIGHEIDSREGIO,
            "GM": cls.GEMEENTE,
        }.get(prefix)


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
        return self in (
            ImportStatus.READING,
            ImportStatus.QUEUED,
            ImportStatus.RUNNING,
            ImportStatus.STORING,
        )


# A proportion is stored as a percentage, as reports show it.
PERCENT_SCALE = 100.0
