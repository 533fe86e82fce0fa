"""Writes. Each service checks its own invariants, runs in one transaction and audits itself."""

import io
import warnings
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from . import access
from .constants import Role
from .models import AuditEntry, Bureau, Gemeente, Membership, Project
from .updates import audit_changes, model_update


def audit_record(
    *,
    actor,
    action: str,
    obj: Model | None = None,
    gemeente: Gemeente | None = None,
    project: Project | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record who did what to which object. Call inside the transaction of the change."""
    if project is not None and gemeente is None:
        gemeente = project.gemeente
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_label=actor.display_name(gemeente) if is_user else "systeem",
        gemeente=gemeente,
        project=project,
        action=action,
        object_type=obj._meta.verbose_name if obj is not None else "",
        object_id=str(getattr(obj, "uuid", None) or getattr(obj, "pk", "")) if obj else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        detail=detail or {},
    )


def _validate_period(period_start: int, period_end: int) -> None:
    if period_end < period_start:
        raise ValidationError(
            {"period_end": "Het laatste beleidsjaar ligt vóór het eerste beleidsjaar."}
        )
    if period_end - period_start > 7:
        raise ValidationError(
            {"period_end": "Een beleidsperiode duurt hooguit acht jaar (meestal vier)."}
        )


@transaction.atomic
def project_create(
    *,
    actor,
    gemeente: Gemeente,
    name: str,
    scope: str,
    period_start: int,
    period_end: int,
    next_deadline: date | None = None,
    next_deadline_label: str = "",
    new_nota_lead_days: int | None = None,
) -> Project:
    _validate_period(period_start, period_end)
    # The respondent thresholds hold for all the gemeente's figures (figures.services.
    # comparisons.project_thresholds_update): a new plan takes those of the plans before it.
    earlier = Project.objects.filter(gemeente=gemeente).order_by("-id").first()
    thresholds = {"min_n": earlier.min_n, "warn_n": earlier.warn_n} if earlier else {}
    project = Project(
        **thresholds,
        gemeente=gemeente,
        name=name.strip(),
        scope=scope,
        period_start=period_start,
        period_end=period_end,
        next_deadline=next_deadline,
        next_deadline_label=next_deadline_label.strip(),
    )
    if new_nota_lead_days is not None:
        project.new_nota_lead_days = new_nota_lead_days
    project.full_clean()
    project.save()
    # The gemeente's survey editions are there already: a second plan needs no new import.
    from analysis.figures.services.project_editions import project_editions_adopt

    project_editions_adopt(project=project)
    audit_record(
        actor=actor,
        action="project aangemaakt",
        obj=project,
        project=project,
        detail={"omvang": scope, "periode": f"{period_start}-{period_end}"},
    )
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **fields: Any) -> Project:
    allowed = {
        "name",
        "scope",
        "period_start",
        "period_end",
        "next_deadline",
        "next_deadline_label",
        "werkgroep_ends_on",
        "new_nota_lead_days",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Cannot update {sorted(unknown)} here.")
    _validate_period(
        fields.get("period_start", project.period_start),
        fields.get("period_end", project.period_end),
    )
    changes = audit_changes(project, fields)
    old_werkgroep_end = project.werkgroep_ends_on
    project, updated = model_update(instance=project, data=fields)
    if updated:
        audit_record(
            actor=actor, action="project gewijzigd", obj=project, project=project, detail=changes
        )
    if "werkgroep_ends_on" in fields:
        access.werkgroep_end_apply(
            actor=actor, project=project, old=old_werkgroep_end, new=project.werkgroep_ends_on
        )
    return project


# A logo is opened with Pillow and stored re-encoded: never the uploaded bytes. The pixel limit
# is checked on the size in the header, before anything is decoded (5000 x 5000 decodes to
# 100 MB as RGBA, the most a logo may cost); Pillow's own bomb limit is far higher.
LOGO_MAX_PIXELS = 25_000_000
LOGO_MAX_SIDE = 1200
LOGO_FORMATS = ("PNG", "JPEG")
LOGO_NOT_AN_IMAGE = "Dit bestand is geen PNG- of JPEG-afbeelding. Kies een .png of .jpg."
LOGO_BROKEN = "Het logo is beschadigd of onvolledig. Sla het opnieuw op als PNG of JPEG."
LOGO_TOO_MANY_PIXELS = (
    "Het logo heeft te veel pixels: hooguit 25 megapixel (bijvoorbeeld 5000 × 5000). "
    "Verklein het en kies het opnieuw."
)


def logo_as_png(data: bytes) -> bytes:
    """The logo (PNG or JPEG) decoded and re-encoded as a PNG of at most LOGO_MAX_SIDE px on
    its long side, upright, in RGB or RGBA. Raises ValidationError({"logo": ...}) in Dutch for
    anything else: another format, a broken or truncated file, too many pixels."""
    from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

    # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is imported,
    # which would let a truncated logo through; a logo must decode completely.
    truncated_allowed, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=LOGO_FORMATS) as image:
                width, height = image.size
                if width * height > LOGO_MAX_PIXELS:
                    raise ValidationError({"logo": LOGO_TOO_MANY_PIXELS})
                image.verify()  # structure and checksums, before decoding
            with Image.open(io.BytesIO(data), formats=LOGO_FORMATS) as image:
                if image.mode not in ("RGB", "RGBA"):
                    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                    image = image.convert("RGBA" if alpha else "RGB")
                image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))  # decodes; keeps the aspect
                image = ImageOps.exif_transpose(image)
                output = io.BytesIO()
                image.save(output, format="PNG", optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError({"logo": LOGO_TOO_MANY_PIXELS}) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError({"logo": LOGO_NOT_AN_IMAGE}) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # truncated, bad data or CRC
        raise ValidationError({"logo": LOGO_BROKEN}) from exc
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    return output.getvalue()


@transaction.atomic
def gemeente_update_settings(
    *,
    actor,
    gemeente: Gemeente,
    inhabitants: int | None,
    house_colour: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    raadsperiode_ends_on: date | None = None,
    raw_file_retention_days: int | None = None,
) -> Gemeente:
    old_term_end = gemeente.raadsperiode_ends_on
    changes = audit_changes(
        gemeente,
        {
            "inhabitants": inhabitants,
            "house_colour": house_colour,
            "raadsperiode_ends_on": raadsperiode_ends_on,
        },
    )
    gemeente.raadsperiode_ends_on = raadsperiode_ends_on
    if raw_file_retention_days is not None:  # None: left as it is
        changes |= audit_changes(gemeente, {"raw_file_retention_days": raw_file_retention_days})
        gemeente.raw_file_retention_days = raw_file_retention_days
    gemeente.inhabitants = inhabitants
    gemeente.house_colour = house_colour.lower()
    old_logo_name = gemeente.logo.name if gemeente.logo else ""
    if logo is not None:
        png = logo_as_png(logo.read())  # before anything is stored
        gemeente.logo.save("logo.png", ContentFile(png), save=False)
        changes["logo"] = {"van": old_logo_name, "naar": gemeente.logo.name}
    elif remove_logo and old_logo_name:
        gemeente.logo = ""
        changes["logo"] = {"van": old_logo_name, "naar": ""}
    gemeente.full_clean()
    gemeente.save()
    if "logo" in changes or "house_colour" in changes:
        from reports.services import renders_mark_outdated  # reports builds on projects

        renders_mark_outdated(gemeente=gemeente, formats=["pdf", "docx"])
    if old_logo_name and "logo" in changes:
        # Only once the new state is committed does the old file go.
        storage = gemeente.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo_name))
    access.raadsperiode_apply(
        actor=actor, gemeente=gemeente, old=old_term_end, new=raadsperiode_ends_on
    )
    if changes:
        audit_record(
            actor=actor,
            action="instellingen gewijzigd",
            obj=gemeente,
            gemeente=gemeente,
            detail=changes,
        )
    return gemeente


@transaction.atomic
def membership_add(
    *,
    actor,
    gemeente: Gemeente,
    email: str,
    role: str,
    organisation: str = "",
    full_name: str = "",
    ends_on: date | None = None,
) -> tuple[Membership, bool]:
    """Give a person a role in the gemeente, creating the account if needed. Without an
    end date a raadslid's access ends with the raadsperiode (projects/access.py).

    Returns the membership and whether a new account was made (which then needs an
    invitation to choose a password).
    """
    if ends_on is not None and ends_on < timezone.localdate():
        raise ValidationError({"ends_on": "Kies vandaag of een latere datum."})
    ends_on = ends_on or access.raadslid_default_end(gemeente, role)
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name.strip()}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if Membership.objects.filter(user=user, gemeente=gemeente).exists():
        raise ValidationError({"email": "Deze persoon is al lid van deze gemeente."})
    membership = Membership.objects.create(
        user=user, gemeente=gemeente, role=role, organisation=organisation.strip(), ends_on=ends_on
    )
    detail = {"e-mail": email, "rol": role, "nieuw account": created}
    if ends_on:
        detail["toegang tot en met"] = ends_on.isoformat()
    audit_record(
        actor=actor, action="lid toegevoegd", obj=membership, gemeente=gemeente, detail=detail
    )
    return membership, created


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    if membership.gemeente is None:
        raise ValidationError("Leden van een bureau beheert u bij het bureau.")
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError("U kunt uzelf niet verwijderen.")
    audit_record(
        actor=actor,
        action="lid verwijderd",
        obj=membership,
        gemeente=membership.gemeente,
        detail={"e-mail": membership.user.email, "rol": membership.role},
    )
    membership.delete()


@transaction.atomic
def user_provision(
    *,
    email: str,
    role: str,
    gemeente_code: str | None = None,
    bureau_slug: str | None = None,
    password: str | None = None,
    full_name: str = "",
) -> tuple[Any, Membership]:
    """Create (or find) a user and give them a role; used by `manage.py create_user`."""
    if bool(gemeente_code) == bool(bureau_slug):
        raise ValidationError("Geef óf een gemeente (GMxxxx) óf een bureau op.")
    if role not in Role.values:
        raise ValidationError(f"Onbekende rol '{role}'. Kies uit: {', '.join(Role.values)}.")
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    try:
        User._meta.get_field("email").run_validators(email)
    except ValidationError as exc:
        raise ValidationError(f"Ongeldig e-mailadres: {email}") from exc
    target: dict[str, Any]
    if gemeente_code:
        gemeente = Gemeente.objects.filter(cbs_code=gemeente_code.upper()).first()
        if gemeente is None:
            raise ValidationError(f"Geen gemeente met CBS-code {gemeente_code}.")
        target = {"gemeente": gemeente}
    else:
        bureau = Bureau.objects.filter(slug=bureau_slug).first()
        if bureau is None:
            raise ValidationError(f"Geen bureau met slug '{bureau_slug}'.")
        if role != Role.ADVISEUR:
            raise ValidationError("Leden van een bureau zijn altijd adviseur.")
        target = {"bureau": bureau}
    user, _created = User.objects.get_or_create(email=email)
    if full_name:
        user.full_name = full_name
    if password:
        from django.contrib.auth.password_validation import validate_password

        validate_password(password, user)
        user.set_password(password)
    elif _created:
        user.set_unusable_password()
    user.save()
    membership, _ = Membership.objects.update_or_create(
        user=user, **target, defaults={"role": role}
    )
    audit_record(
        actor=None,
        action="gebruiker ingericht",
        obj=membership,
        gemeente=target.get("gemeente"),
        detail={"e-mail": email, "rol": role},
    )
    return user, membership


def membership_send_invitation(*, membership_uuid: str, domain: str, use_https: bool) -> int:
    """Mail the link to choose a first password. Sends nothing once a password is set,
    so a retried task does not mail twice after the person has already started."""
    from accounts.forms import AccountPasswordResetForm

    membership = (
        Membership.objects.filter(uuid=membership_uuid, gemeente__isnull=False)
        .select_related("user", "gemeente")
        .first()
    )
    if membership is None or membership.user.has_usable_password():
        return 0
    form = AccountPasswordResetForm({"email": membership.user.email})
    if not form.is_valid():
        return 0
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name="accounts/email/invitation_subject.txt",
        email_template_name="accounts/email/invitation.txt",
        extra_email_context={"gemeente": membership.gemeente},
    )
    return 1
