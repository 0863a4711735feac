"""Young people, staff and partner organisations (M1, M2)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core.fields import organisation_link
from heard.core.models import TimeStampedModel
from heard.core.roles import AgeBand, Role
from heard.core.validators import validate_single_line
from heard.people.choices import OrganisationKind, YoungPersonContactPreference
from heard.people.search import changed_fields, search_text_of


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A staff member needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff: signs in with email and password and acts in one role."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = organisation_link(
        "staff",
        optional=True,
        help_text=_("Required for partner workers: the organisation whose records they keep."),
    )
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("May use the Django admin site."))
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner_worker") | models.Q(organisation__isnull=False),
                name="partner_worker_has_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        validate_single_line(self, ("full_name", "job_title"))


class Organisation(TimeStampedModel):
    """A partner organisation, agency or service in the partnership (M2)."""

    LABEL_FIELD = "name"  # what __str__ returns: QuickSelect reads drop-downs' labels from it

    Kind = OrganisationKind

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.VOLUNTARY)
    area = models.CharField(max_length=100, blank=True, help_text=_("For example Cambridgeshire."))
    contact_name = models.CharField(_("point of contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    champions = models.ManyToManyField(
        User,
        blank=True,
        related_name="championed_organisations",
        help_text=_(
            "Participation champions: staff who champion participation in this organisation."
        ),
    )
    is_active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="organisation_name_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_single_line(self, ("name", "area", "contact_name", "contact_phone"))


def new_reference() -> str:
    """A pseudonymous reference for lists and exports: no name, no date of birth.

    One draw of 887 million: it may already be taken (see ``unused_references``).
    """
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "YP-" + "".join(secrets.choice(alphabet) for _ in range(6))


#: Rounds of drawing before ``unused_references`` gives up (only a broken generator gets there).
REFERENCE_ROUNDS = 20


def unused_references(count: int) -> list[str]:
    """``count`` distinct new references that no young person has, drawn again while any is taken.

    With 200,000 young people on the register a draw collides about once in 4,400 (an import of
    10,000 rows hits one nine times in ten), and a taken reference fails the unique constraint.
    Each round checks every draw in one query.
    """
    chosen: dict[str, None] = {}  # kept in the order drawn
    for _round in range(REFERENCE_ROUNDS):
        wanted = count - len(chosen)
        if wanted <= 0:
            break
        draws = dict.fromkeys(new_reference() for _ in range(wanted))
        drawn = [ref for ref in draws if ref not in chosen]
        taken = set(
            YoungPerson.objects.filter(reference__in=drawn).values_list("reference", flat=True)
        )
        chosen.update((ref, None) for ref in drawn if ref not in taken)
    if len(chosen) < count:
        raise RuntimeError(f"Could not draw {count} unused references.")
    return list(chosen)[:count]


def unused_reference() -> str:
    """One new reference that no young person has."""
    return unused_references(1)[0]


class YoungPerson(TimeStampedModel):
    """A child or young person taking part (M1). Lists show the reference, not the name."""

    ContactPreference = YoungPersonContactPreference

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    date_of_birth = models.DateField(null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="young_people",
        verbose_name=_("supporting organisation"),
    )
    area = models.CharField(max_length=100, blank=True)
    communication_needs = models.TextField(blank=True)
    access_needs = models.TextField(blank=True)
    contact_preference = models.CharField(
        max_length=16, choices=ContactPreference.choices, default=ContactPreference.VIA_WORKER
    )
    # Where Heard may message them (heard.messaging), only with a current "contact" consent.
    contact_email = models.EmailField(blank=True, default="")
    is_active = models.BooleanField(default=True)
    # Text, not a bounded string: NFKD can lengthen a name ("ß" is "ss", a ligature two letters).
    search_text = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text=_(
            "Names and reference as search compares them (heard.people.search); kept by save()."
        ),
    )
    possible_duplicate_of = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="+",
        help_text=_("Records that looked like the same young person when this one was added."),
    )

    class Meta:
        ordering = ["reference"]
        verbose_name_plural = _("young people")
        indexes = [
            models.Index(fields=["organisation", "age_band"]),
            models.Index(Lower("first_name"), "age_band", "organisation", name="yp_duplicate_idx"),
            # The list's order (``young_people_listed``): a page is the index's first rows.
            models.Index(Lower("first_name"), Lower("last_name"), "reference", name="yp_name_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        validate_single_line(self, ("first_name", "last_name", "preferred_name", "area"))

    def set_search_text(self) -> None:
        """Bring the search text up to date with the names and reference (before a
        ``bulk_create``, which skips ``save()``)."""
        self.search_text = search_text_of(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved with its search text; a save of some fields that changes a name (an update, an
        anonymisation) writes the search text too, so no old name stays searchable."""
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = changed_fields(kwargs["update_fields"])
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name to use with the young person: their preferred name when they gave one."""
        if self.preferred_name:
            return self.preferred_name
        return f"{self.first_name} {self.last_name}".strip()


class CalendarFeed(models.Model):
    """A staff member's private calendar subscription (their visits and due dates), for Outlook
    or a phone to read without signing in. Only a keyed hash of the address's token is kept
    (``heard.people.services.calendar_feeds``): the address is shown once, when it is made.
    Making a new one replaces the hash; turning it off deletes the row. Either way the old
    address stops working at once."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar subscription of {self.user}"

    @staticmethod
    def hash_of(token: str) -> str:
        """The keyed hash (HMAC-SHA256 with the secret key) a token is kept and found as."""
        key = settings.SECRET_KEY.encode()
        message = f"heard-calendar-feed:{token}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()
