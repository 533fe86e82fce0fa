from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from projects.models import Gemeente

from .constants import Direction, ImportKind, Unit
from .mapping import MappingError, load_mapping_text
from .models import MappingTemplate
from .stats import Kind

NOT_USED = ""
CUSTOM_ROWS = 3  # empty rows for a gemeente's own questions

# Up to this many variables every variable choice lists them all. Above it the page shows a
# searchable list a page at a time, and each choice offers its own current variable plus that
# page: one select per indicator times 10,000 options made the page 29 MB and 30 s.
MAPPING_LIST_ALL_UP_TO = 300
VARIABLES_PER_PAGE = 50
SEARCH_MAX_LENGTH = 100


def variable_label(variable: dict) -> str:
    return (
        f"{variable['name']} – {variable['label']}" if variable.get("label") else variable["name"]
    )


def search_variables(variables: list[dict], text: str) -> list[dict]:
    """The variables whose name or label holds the text (case-insensitive); all when empty."""
    wanted = text.strip().casefold()[:SEARCH_MAX_LENGTH]
    if not wanted:
        return variables
    return [
        variable
        for variable in variables
        if wanted in variable["name"].casefold()
        or wanted in str(variable.get("label") or "").casefold()
    ]


class VariableSelect(forms.Select):
    """A select of many options written in one pass. Django renders every option through a
    template: a hundred selects of 300 variables took 3 s that way, a tenth of that so."""

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        chosen = "" if value is None else str(value)
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        options = format_html_join(
            "",
            "{}",
            (
                (
                    format_html('<option value="{}" selected>{}</option>', option, label)
                    if str(option) == chosen
                    else format_html('<option value="{}">{}</option>', option, label),
                )
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attributes), options)


class VariableChoiceField(forms.ChoiceField):
    """A column of the file. The options shown may be a page of them; any column is valid."""

    widget = VariableSelect

    def __init__(self, *args, names: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names

    def valid_value(self, value) -> bool:
        return value == NOT_USED or value in self.names


class ImportStartForm(forms.Form):
    kind = forms.ChoiceField(
        label="Wat leest u in?",
        choices=ImportKind.choices,
        initial=ImportKind.SURVEY,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="Bestand",
        help_text="Respondentenbestand: .sav, .csv of .xlsx. Tabellen van CBS: .csv.",
    )
    year = forms.IntegerField(
        label="Editie (jaar van de Veiligheidsmonitor)",
        required=False,
        help_text="Alleen bij een respondentenbestand.",
    )
    template = forms.ModelChoiceField(
        label="Koppelsjabloon",
        queryset=MappingTemplate.objects.none(),
        required=False,
        empty_label="— een voorstel op basis van het bestand —",
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates
        this_year = timezone.localdate().year
        self.fields["year"].min_value = 2005
        self.fields["year"].max_value = this_year
        self.fields["year"].widget.attrs.update(min=2005, max=this_year)

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if cleaned.get("kind") == ImportKind.SURVEY and not year and "year" not in self.errors:
            self.add_error("year", "Van welk jaar is deze Veiligheidsmonitor?")
        if year and not 2005 <= year <= timezone.localdate().year:
            self.add_error("year", f"Kies een jaar tussen 2005 en {timezone.localdate().year}.")
        return cleaned


def _codes_text(codes) -> str:
    return ", ".join(f"{code:g}" if isinstance(code, float) else str(code) for code in codes)


def _parse_codes(text: str) -> list:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _default_kind(indicator) -> str:
    return Kind.PROPORTION if indicator.unit == Unit.PERCENT else Kind.MEAN


class MappingForm(forms.Form):
    """The mapping page: weight, wijk and id columns, then one row per indicator."""

    weight = forms.ChoiceField(label="Weegfactor", required=False)
    wijk = forms.ChoiceField(label="Wijk", required=False)
    respondent_id = forms.ChoiceField(label="Respondentnummer", required=False)
    missing_codes = forms.CharField(
        label="Codes voor ‘weet niet / geen antwoord’",
        required=False,
        help_text="Gescheiden door komma's, bijvoorbeeld 98, 99.",
    )
    wijk_labels = forms.CharField(
        label="Wijknamen koppelen aan wijkcodes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alleen als de wijkkolom namen bevat: één per regel, zoals ‘Centrum = WK036300’.",
    )
    mapping_file = forms.FileField(
        label="Of: een koppelbestand (YAML of JSON)",
        required=False,
        help_text="Vervangt wat hieronder is ingevuld.",
    )
    template_name = forms.CharField(
        label="Opslaan als sjabloon met de naam", required=False, max_length=150
    )

    def __init__(self, *args, variables, indicators, initial_mapping, shown=None, **kwargs):
        """`shown`: the variables on the current page of a long list; None lists them all."""
        super().__init__(*args, **kwargs)
        self.labels = {v["name"]: variable_label(v) for v in variables}
        self.paged = shown is not None
        offered = variables if shown is None else shown
        choices = [(NOT_USED, "— niet gebruiken —")] + [
            (v["name"], self.labels[v["name"]]) for v in offered
        ]
        self.variable_fields = []
        for name in ("weight", "wijk", "respondent_id"):
            self._variable_field(
                name, self.fields[name].label, choices, initial_mapping.get(name, "")
            )
        self.fields["missing_codes"].initial = _codes_text(initial_mapping.get("missing_codes", []))
        self.fields["wijk_labels"].initial = "\n".join(
            f"{label} = {code}"
            for label, code in (initial_mapping.get("wijk_labels") or {}).items()
        )
        chosen = initial_mapping.get("indicators", {})
        self.indicator_rows = [
            (indicator, self._indicator_row(indicator, chosen.get(indicator.code, {}), choices))
            for indicator in indicators
        ]
        catalogue = {indicator.code for indicator in indicators}
        custom = [(code, spec) for code, spec in chosen.items() if code not in catalogue]
        custom += [("", {})] * CUSTOM_ROWS
        self.custom_rows = [
            self._custom_row(number, code, spec, choices)
            for number, (code, spec) in enumerate(custom)
        ]
        if self.paged:
            self._offer_current_choices(choices)

    def _variable_field(self, name: str, label: str, choices: list, initial: str) -> None:
        self.fields[name] = VariableChoiceField(
            label=label,
            choices=choices,
            required=False,
            names=frozenset(self.labels),
            initial=initial,
        )
        self.variable_fields.append(name)

    def _indicator_row(self, indicator, spec: dict, choices: list) -> str:
        """The fields of one catalogue indicator; returns their prefix."""
        prefix = f"ind__{indicator.code}"
        name = indicator.name
        self._variable_field(
            f"{prefix}__variable", f"Variabele voor {name}", choices, spec.get("variable", "")
        )
        self.fields[f"{prefix}__kind"] = forms.ChoiceField(
            label=f"Soort voor {name}",
            choices=[(Kind.PROPORTION, "percentage"), (Kind.MEAN, "gemiddelde")],
            required=False,
            initial=spec.get("kind") or _default_kind(indicator),
        )
        self.fields[f"{prefix}__codes"] = forms.CharField(
            label=f"Antwoordcodes die meetellen voor {name}",
            required=False,
            initial=_codes_text(spec.get("codes", [])),
        )
        valid_range = spec.get("valid_range") or []
        self.fields[f"{prefix}__range"] = forms.CharField(
            label=f"Geldig bereik voor {name}",
            required=False,
            initial="-".join(f"{bound:g}" for bound in valid_range) if valid_range else "",
        )
        return prefix

    def _custom_row(self, number: int, code: str, spec: dict, choices: list) -> str:
        """The fields of one of the gemeente's own questions; returns their prefix."""
        prefix = f"own__{number}"
        which = f"eigen vraag {number + 1}"
        self.fields[f"{prefix}__name"] = forms.CharField(
            label=f"Naam {which}", required=False, max_length=200, initial=spec.get("name", "")
        )
        self.fields[f"{prefix}__code"] = forms.CharField(
            label=f"Code {which}", required=False, max_length=80, initial=code
        )
        self._variable_field(
            f"{prefix}__variable", f"Variabele {which}", choices, spec.get("variable", "")
        )
        self.fields[f"{prefix}__codes"] = forms.CharField(
            label=f"Antwoordcodes {which} (leeg: gemiddelde)",
            required=False,
            initial=_codes_text(spec.get("codes", [])),
        )
        self.fields[f"{prefix}__direction"] = forms.ChoiceField(
            label=f"Richting {which}",
            choices=Direction.choices,
            required=False,
            initial=spec.get("direction", Direction.NEUTRAL),
        )
        return prefix

    def _offer_current_choices(self, page_choices: list) -> None:
        """In a long list each choice offers the page plus the variable it holds now (chosen,
        suggested, or typed on an earlier page), so nothing is lost between pages."""
        for name in self.variable_fields:
            field = self.fields[name]
            current = (
                self.data.get(self.add_prefix(name))
                if self.is_bound
                else self.initial.get(name, field.initial)
            )
            if current and current in self.labels and current not in dict(page_choices):
                field.choices = [page_choices[0], (current, self.labels[current])] + page_choices[
                    1:
                ]

    def typed_values(self) -> dict[str, str]:
        """What the user filled in, as posted, to keep between pages of the variable list."""
        return {
            name: str(self.data.get(self.add_prefix(name), ""))[:1000]
            for name in self.fields
            if name != "mapping_file"
        }

    def bound_custom_rows(self):
        parts = ("name", "code", "variable", "codes", "direction")
        return [[self[f"{prefix}__{part}"] for part in parts] for prefix in self.custom_rows]

    def bound_rows(self):
        return [
            (
                indicator,
                [self[f"{prefix}__{part}"] for part in ("variable", "kind", "codes", "range")],
            )
            for indicator, prefix in self.indicator_rows
        ]

    def to_mapping(self) -> dict:
        """The mapping the user filled in, or the uploaded file's."""
        upload = self.cleaned_data.get("mapping_file")
        if upload:
            try:
                text = upload.read().decode("utf-8-sig")
                return load_mapping_text(text, name=upload.name)
            except UnicodeDecodeError:
                raise MappingError("Het koppelbestand is geen UTF-8-tekst.") from None
        indicators = {}
        for prefix in self.custom_rows:
            variable = self.cleaned_data.get(f"{prefix}__variable")
            name = self.cleaned_data.get(f"{prefix}__name", "").strip()
            if not variable and not name:
                continue
            code = self.cleaned_data.get(f"{prefix}__code", "").strip() or slugify(
                f"eigen {name}"
            ).replace("-", "_")
            codes = _parse_codes(self.cleaned_data.get(f"{prefix}__codes", ""))
            indicators[code] = {
                "variable": variable,
                "kind": Kind.PROPORTION if codes else Kind.MEAN,
                "codes": codes,
                "name": name,
                "unit": Unit.PERCENT if codes else Unit.SCHAALSCORE,
                "direction": self.cleaned_data.get(f"{prefix}__direction") or Direction.NEUTRAL,
            }
        for indicator, prefix in self.indicator_rows:
            variable = self.cleaned_data.get(f"{prefix}__variable")
            if not variable:
                continue
            kind = self.cleaned_data.get(f"{prefix}__kind") or _default_kind(indicator)
            spec = {"variable": variable, "kind": kind}
            if kind == Kind.PROPORTION:
                spec["codes"] = _parse_codes(self.cleaned_data.get(f"{prefix}__codes", ""))
            else:
                bounds = self.cleaned_data.get(f"{prefix}__range", "").replace(" ", "")
                if bounds:
                    parts = bounds.replace(",", ".").split("-")
                    if len(parts) != 2:
                        raise MappingError(
                            f"Geldig bereik bij {indicator.name}: schrijf het als 1-10."
                        )
                    spec["valid_range"] = parts
            indicators[indicator.code] = spec
        wijk_labels = {}
        for line in self.cleaned_data.get("wijk_labels", "").splitlines():
            if not line.strip():
                continue
            label, separator, code = line.rpartition("=")
            if not separator or not label.strip():
                raise MappingError(
                    f"Schrijf de wijkkoppeling als ‘Centrum = WK036300’, niet ‘{line.strip()}’."
                )
            wijk_labels[label.strip()] = code.strip().upper()
        return {
            "wijk_labels": wijk_labels,
            "weight": self.cleaned_data.get("weight", ""),
            "wijk": self.cleaned_data.get("wijk", ""),
            "respondent_id": self.cleaned_data.get("respondent_id", ""),
            "missing_codes": _parse_codes(self.cleaned_data.get("missing_codes", "")),
            "indicators": indicators,
        }


class BenchmarkColumnsForm(forms.Form):
    def __init__(self, *args, columns, indicators, suggested, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_USED, "— niet gebruiken —")] + [(i.code, i.name) for i in indicators]
        self.column_names = columns
        for position, column in enumerate(columns):
            self.fields[f"col_{position}"] = forms.ChoiceField(
                label=column,
                choices=choices,
                required=False,
                initial=suggested.get(column, ""),
            )

    def to_columns(self) -> dict[str, str]:
        return {
            column: self.cleaned_data.get(f"col_{position}", "")
            for position, column in enumerate(self.column_names)
        }


class ThresholdsForm(forms.Form):
    min_n = forms.IntegerField(
        label="Niet tonen onder (respondenten)", min_value=1, max_value=10_000
    )
    warn_n = forms.IntegerField(
        label="Waarschuwen onder (respondenten)", min_value=1, max_value=10_000
    )
    # The plausibility check before an edition is stored (analysis/figures/plausibility.py).
    flag_change_points = forms.FloatField(
        label="Signaal bij een verandering groter dan (procentpunt)",
        min_value=0.1,
        max_value=100,
        error_messages={
            "min_value": "Kies ten minste 0,1 procentpunt.",
            "max_value": "Kies ten hoogste 100 procentpunt.",
        },
        help_text="Ten opzichte van de vorige editie. Bij een gemiddelde hetzelfde deel van de "
        "schaal: 10 procentpunt is 0,9 op een rapportcijfer 1–10.",
    )
    flag_change_margins = forms.FloatField(
        label="of groter dan (× de marge van de verandering)",
        min_value=1,
        max_value=50,
        error_messages={
            "min_value": "Kies ten minste 1 × de marge.",
            "max_value": "Kies ten hoogste 50 × de marge.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("min_n") and cleaned.get("warn_n") and cleaned["warn_n"] < cleaned["min_n"]:
            self.add_error("warn_n", "De waarschuwingsgrens ligt niet onder het minimum.")
        return cleaned


class ComparableGemeentenForm(forms.Form):
    gemeenten = forms.ModelMultipleChoiceField(
        label="Vergelijkbare gemeenten",
        queryset=Gemeente.objects.all(),
        required=False,
        help_text="Hun cijfers uit CBS-tabellen verschijnen als vergelijking.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class WijkMapForm(forms.Form):
    file = forms.FileField(
        label="Wijkkaart (GeoJSON)",
        help_text="Een export van de CBS/PDOK wijk- en buurtkaart in WGS84, met per wijk de "
        "wijkcode (WKxxxxyy): alleen uw gemeente, of het landelijke bestand als zipbestand "
        "(tot 200 MB). Alleen de wijken van uw gemeente worden bewaard.",
    )


class InhabitantsForm(forms.Form):
    """Inhabitants per wijk, for crime rates per 1,000 (CBS Kerncijfers wijken en buurten)."""

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = forms.IntegerField(
                label=f"Inwoners {area.name}",
                required=False,
                min_value=0,
                max_value=2_000_000,
                initial=area.inhabitants,
            )

    def values(self) -> dict:
        return {area: self.cleaned_data.get(f"area_{area.pk}") for area in self.areas}
