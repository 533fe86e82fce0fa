from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from projects.models import Gemeente

from .answers import (
    COUNTED_LABEL,
    MISSING_LABEL,
    AnswerBlock,
    answer_block,
    code_text,
    default_missing,
    proposal_note,
)
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


class Options(list):
    """A select's (value, label) pairs, written as HTML once however many selects offer
    them: every variable choice of a mapping page offers the same few hundred variables."""

    def html(self, chosen: str) -> str:
        if not hasattr(self, "_plain"):
            self._plain = [
                format_html('<option value="{}">{}</option>', value, label) for value, label in self
            ]
            self._position = {str(value): number for number, (value, _) in enumerate(self)}
        parts = self._plain
        number = self._position.get(chosen)
        if number is not None:
            parts = parts.copy()
            parts[number] = format_html('<option value="{}" selected>{}</option>', *self[number])
        return "".join(parts)


class VariableSelect(forms.Select):
    """A select written in one pass. Django renders every option through a template: a
    hundred selects of 300 variables took 3 s that way, a tenth of that so."""

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        chosen = "" if value is None else str(value)
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        options = self.choices if isinstance(self.choices, Options) else Options(self.choices)
        # Every option was written by format_html above: escaped, so safe to join.
        return format_html(
            "<select{}>{}</select>", flatatt(attributes), mark_safe(options.html(chosen))
        )


class PlainTextInput(forms.TextInput):
    """A text input written in one pass, not through a template (a row has several)."""

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        attributes.update(type="text", name=name)
        shown = self.format_value(value)
        if shown:
            attributes["value"] = shown
        return format_html("<input{}>", flatatt(attributes))


class VariableChoiceField(forms.ChoiceField):
    """A column of the file. The options shown may be a page of them; any column is valid."""

    widget = VariableSelect

    def __init__(self, *args, names: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        # (name, label) pairs already: Django's normalising of every choice of every field
        # (on the field and again on its widget) cost as much as writing them.
        options = value if isinstance(value, Options) else Options(value)
        self._choices = self.widget._choices = options

    def valid_value(self, value) -> bool:
        return value == NOT_USED or value in self.names


class CodesInput(forms.TextInput):
    """Ticked answers and typed codes arrive under one name: every value is read."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(part) for part in value)
        return super().format_value(value)


MAX_CODES = 200
LONGEST_CODE = 200


class AnswerCodesField(forms.Field):
    """Answer codes: ticked (one value each) or typed ("1, 2"), as a list of code texts."""

    widget = CodesInput

    def to_python(self, value) -> list[str]:
        parts = value if isinstance(value, list | tuple) else [value or ""]
        codes: list[str] = []
        for part in parts:
            for piece in str(part).replace(";", ",").split(","):
                piece = piece.strip()
                if piece and piece not in codes:
                    codes.append(piece)
        if len(codes) > MAX_CODES or any(len(code) > LONGEST_CODE for code in codes):
            raise ValidationError("Dat zijn te veel of te lange antwoordcodes.")
        return codes


@dataclass
class IndicatorRow:
    """What the mapping page shows of one indicator (or one of the gemeente's own questions)."""

    prefix: str
    title: str
    selects: list  # (bound field, short label) whose change shows other answers
    inputs: list  # (bound field, short label): the row's other fields
    block: AnswerBlock
    note: str = ""


ANSWERS_CHANGED = (
    "U koos een andere variabele dan waarvan de antwoorden getoond werden. Kijk welke "
    "antwoorden meetellen en welke ontbreken, en vink ze opnieuw aan."
)


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
    area = forms.ChoiceField(
        label="Gebied (eigen gebieden)",
        required=False,
        help_text="Kolom met buurtcodes (BU…), wijkcodes of kernnamen, voor de kernen, wijk- en "
        "buurtgroepen van de gemeente.",
    )
    missing_texts = forms.CharField(
        label="Tekstantwoorden die als ontbrekend tellen",
        required=False,
        max_length=1000,
        help_text="Voor kolommen met getallen: gescheiden door komma's, bijvoorbeeld: weet niet, "
        "n.v.t.",
    )
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
        self.variables = {v["name"]: v for v in variables}
        self.proposal = initial_mapping.get("proposal") or {}
        self.proposed = initial_mapping.get("indicators") or {}
        self.paged = shown is not None
        offered = variables if shown is None else shown
        choices = Options(
            [(NOT_USED, "— niet gebruiken —")]
            + [(v["name"], self.labels[v["name"]]) for v in offered]
        )
        self.variable_fields = []
        for name in ("weight", "wijk", "respondent_id", "area"):
            self._variable_field(
                name, self.fields[name].label, choices, initial_mapping.get(name, "")
            )
        self.fields["missing_codes"].initial = _codes_text(initial_mapping.get("missing_codes", []))
        self.fields["missing_texts"].initial = ", ".join(initial_mapping.get("missing_texts") or [])
        self.fields["wijk_labels"].initial = "\n".join(
            f"{label} = {code}"
            for label, code in (initial_mapping.get("wijk_labels") or {}).items()
        )
        chosen = initial_mapping.get("indicators", {})
        self.indicator_rows = [
            (indicator, self._indicator_row(indicator, chosen.get(indicator.code, {}), choices))
            for indicator in indicators
        ]
        self.indicator_of = {prefix: indicator for indicator, prefix in self.indicator_rows}
        catalogue = {indicator.code for indicator in indicators}
        custom = [(code, spec) for code, spec in chosen.items() if code not in catalogue]
        custom += [("", {})] * CUSTOM_ROWS
        self.custom_rows = [
            self._custom_row(number, code, spec, choices)
            for number, (code, spec) in enumerate(custom)
        ]
        if self.paged:
            self._offer_current_choices(choices)
        self._style_row_fields()

    def _style_row_fields(self) -> None:
        """Bootstrap's small inputs for the rows, drawn by the page's own template."""
        for name, field in self.fields.items():
            if name.startswith(("ind__", "own__")) and not field.widget.is_hidden:
                small = isinstance(field.widget, forms.Select)
                field.widget.attrs["class"] = (
                    "form-select form-select-sm" if small else "form-control form-control-sm"
                )

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
            widget=VariableSelect,
            required=False,
            initial=spec.get("kind") or _default_kind(indicator),
        )
        self._answer_fields(prefix, f"voor {name}", spec)
        valid_range = spec.get("valid_range") or []
        self.fields[f"{prefix}__range"] = forms.CharField(
            label=f"Geldig bereik voor {name}",
            widget=PlainTextInput,
            required=False,
            initial="-".join(f"{bound:g}" for bound in valid_range) if valid_range else "",
        )
        return prefix

    def _custom_row(self, number: int, code: str, spec: dict, choices: list) -> str:
        """The fields of one of the gemeente's own questions; returns their prefix."""
        prefix = f"own__{number}"
        which = f"eigen vraag {number + 1}"
        self.fields[f"{prefix}__name"] = forms.CharField(
            label=f"Naam {which}",
            required=False,
            max_length=200,
            initial=spec.get("name", ""),
            widget=PlainTextInput,
        )
        self.fields[f"{prefix}__code"] = forms.CharField(
            label=f"Code {which}",
            required=False,
            max_length=80,
            initial=code,
            widget=PlainTextInput,
        )
        self._variable_field(
            f"{prefix}__variable", f"Variabele {which}", choices, spec.get("variable", "")
        )
        self._answer_fields(prefix, f"voor {which} (leeg: gemiddelde)", spec)
        self.fields[f"{prefix}__direction"] = forms.ChoiceField(
            label=f"Richting {which}",
            choices=Direction.choices,
            widget=VariableSelect,
            required=False,
            initial=spec.get("direction", Direction.NEUTRAL),
        )
        return prefix

    def _answer_fields(self, prefix: str, which: str, spec: dict) -> None:
        """The answers that count, the ones that are missing, and whose answers the page
        showed (a variable changed without showing its answers is caught on submit)."""
        self.fields[f"{prefix}__codes"] = AnswerCodesField(
            label=f"{COUNTED_LABEL} {which}",
            required=False,
            initial=[code_text(c) for c in spec.get("codes", [])],
        )
        self.fields[f"{prefix}__missing"] = AnswerCodesField(
            label=f"{MISSING_LABEL} {which}",
            required=False,
            initial=[code_text(c) for c in spec.get("missing_codes", [])],
        )
        self.fields[f"{prefix}__answers_of"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=spec.get("variable", "")
        )

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

    def _now(self, name: str):
        """What a field holds now: as posted, else as the draft or the mapping has it."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name, self.fields[name].initial)

    def _now_codes(self, name: str) -> list[str]:
        field = self.fields[name]
        if self.is_bound:
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        else:
            value = self.initial.get(name, field.initial)
        try:
            return field.to_python(value)
        except ValidationError:
            return []

    def answers_changed(self, prefix: str) -> bool:
        """The page showed the answers of one variable, and another one is chosen now."""
        key = f"{prefix}__answers_of"
        shown = self.data.get(self.add_prefix(key)) if self.is_bound else self.initial.get(key)
        return shown is not None and shown != (self._now(f"{prefix}__variable") or "")

    def answer_block(self, prefix: str, *, ask_counted: bool, errors: bool = True) -> AnswerBlock:
        """The chosen variable's answers, ticked as posted or as the mapping has them; after a
        change of variable nothing counts yet and its own missing codes are ticked."""
        variable = self.variables.get(self._now(f"{prefix}__variable") or "")
        if self.answers_changed(prefix):
            counted, missing = [], default_missing(variable)
        else:
            counted = self._now_codes(f"{prefix}__codes")
            missing = self._now_codes(f"{prefix}__missing")
        block = answer_block(
            prefix, variable, ask_counted=ask_counted, counted=counted, missing=missing
        )
        block.counted_label = self.fields[f"{prefix}__codes"].label
        block.missing_label = self.fields[f"{prefix}__missing"].label
        if errors and self.is_bound:
            for part in ("codes", "missing"):
                block.errors += list(self.errors.get(f"{prefix}__{part}", []))
        return block

    def typed_values(self) -> dict:
        """What the user filled in, as posted, to keep between pages of the variable list."""
        values: dict = {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if name == "mapping_file" or (name.endswith("__answers_of") and key not in self.data):
                continue
            if isinstance(field, AnswerCodesField):
                values[name] = [str(v)[:LONGEST_CODE] for v in self._posted_list(key)][:MAX_CODES]
            else:
                values[name] = str(self.data.get(key, ""))[:1000]
        return values

    def _posted_list(self, key: str) -> list:
        return self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data.get(key, "")]

    def proposal_note(self, key: str, code: str = "") -> str:
        """Why the proposal chose what it chose, when the proposal says so."""
        if code:
            entry = (self.proposal.get("indicators") or {}).get(code)
            return proposal_note(entry, proposed=code in self.proposed)
        return proposal_note(self.proposal.get(key), proposed=True)

    @property
    def field_notes(self) -> dict[str, str]:
        """The proposal's certainty and reason for the weight, wijk and respondent columns."""
        return {name: self.proposal_note(name) for name in ("weight", "wijk", "respondent_id")}

    def bound_custom_rows(self) -> list[IndicatorRow]:
        return [self.row(prefix) for prefix in self.custom_rows]

    def bound_rows(self) -> list[IndicatorRow]:
        return [self.row(prefix) for _, prefix in self.indicator_rows]

    def row(self, prefix: str, *, errors: bool = True) -> IndicatorRow:
        """One indicator or own question as the page shows it; ValueError for no such row."""
        indicator = self.indicator_of.get(prefix)
        if indicator is not None:
            return IndicatorRow(
                prefix=prefix,
                title=indicator.name,
                selects=self._shown(prefix, variable="Variabele", kind="Soort"),
                inputs=self._shown(prefix, range="Geldig bereik"),
                block=self.answer_block(
                    prefix,
                    ask_counted=self._kind(indicator, prefix) == Kind.PROPORTION,
                    errors=errors,
                ),
                note=self.proposal_note("", indicator.code),
            )
        number = self.custom_rows.index(prefix)
        return IndicatorRow(
            prefix=prefix,
            title=f"Eigen vraag {number + 1}",
            selects=self._shown(prefix, variable="Variabele"),
            inputs=self._shown(prefix, name="Naam", code="Code", direction="Richting"),
            block=self.answer_block(prefix, ask_counted=True, errors=errors),
        )

    def _shown(self, prefix: str, **short_labels: str) -> list[tuple]:
        """(bound field, the start of its label shown): the legend names the indicator, and
        the whole label stays the field's accessible name."""
        return [(self[f"{prefix}__{part}"], short) for part, short in short_labels.items()]

    def _kind(self, indicator, prefix: str) -> str:
        return self._now(f"{prefix}__kind") or _default_kind(indicator)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mapping_file"):
            return cleaned  # the file's mapping replaces what the page shows
        prefixes = [prefix for _, prefix in self.indicator_rows] + self.custom_rows
        for prefix in prefixes:
            if self.answers_changed(prefix) and self._now(f"{prefix}__variable"):
                self.add_error(f"{prefix}__codes", ANSWERS_CHANGED)
                continue
            both = set(cleaned.get(f"{prefix}__codes") or []) & set(
                cleaned.get(f"{prefix}__missing") or []
            )
            if both and self._counts_answers(prefix):
                self.add_error(
                    f"{prefix}__codes",
                    f"Code {', '.join(sorted(both))} kan niet tegelijk meetellen en ontbreken.",
                )
        return cleaned

    def _counts_answers(self, prefix: str) -> bool:
        """Own questions always may; an indicator only as a percentage."""
        indicator = self.indicator_of.get(prefix)
        return indicator is None or self._kind(indicator, prefix) == Kind.PROPORTION

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
            codes = self.cleaned_data.get(f"{prefix}__codes") or []
            indicators[code] = {
                "variable": variable,
                "kind": Kind.PROPORTION if codes else Kind.MEAN,
                "codes": codes,
                "missing_codes": self.cleaned_data.get(f"{prefix}__missing") or [],
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
            if missing := self.cleaned_data.get(f"{prefix}__missing"):
                spec["missing_codes"] = missing
            if kind == Kind.PROPORTION:
                spec["codes"] = self.cleaned_data.get(f"{prefix}__codes") or []
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
            "area": self.cleaned_data.get("area", ""),
            "missing_codes": _parse_codes(self.cleaned_data.get("missing_codes", "")),
            "missing_texts": [
                text.strip()
                for text in self.cleaned_data.get("missing_texts", "").split(",")
                if text.strip()
            ],
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
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
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
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
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


class ManyOptionsSelectMultiple(forms.SelectMultiple):
    """A SelectMultiple that writes its options in Python instead of one template per option:
    the 342 gemeenten took 28 ms of CPU through the templates on every cijfers overview. The
    same HTML as Django's select.html: every value, label and attribute escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in group_choices
            )
            if group_name:
                parts.append(mark_safe("</optgroup>"))  # noqa: S308 - a constant tag
        parts.append(mark_safe("</select>"))  # noqa: S308 - a constant tag
        return mark_safe("".join(parts))  # noqa: S308 - every part came from format_html


class ComparableGemeentenForm(forms.Form):
    gemeenten = forms.ModelMultipleChoiceField(
        label="Vergelijkbare gemeenten",
        queryset=Gemeente.objects.all(),
        required=False,
        help_text="Hun cijfers uit CBS-tabellen verschijnen als vergelijking.",
        widget=ManyOptionsSelectMultiple(attrs={"size": 8}),
    )


class WijkMapForm(forms.Form):
    file = forms.FileField(
        label="Wijkkaart (GeoJSON, GeoPackage of shapefile)",
        help_text="Met per wijk de wijkcode (WKxxxxyy), in RD New of WGS84; een shapefile "
        "gezipt met zijn .dbf, .shx en .prj. Tot 200 MB.",
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
