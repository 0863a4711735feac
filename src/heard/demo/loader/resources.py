"""The demo's resources library (issue 19, M20), entered through the services as the system: a
few toolkits, session plans, case studies, good practice and a template, tagged by theme, method
and age band, one with a small PDF, one a partner's draft; the latest group session records that
it used the consultation toolkit."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from heard.demo.loader.base import Base
from heard.participation.models import Session
from heard.resources import services as resource_services
from heard.resources.models import Resource

Kind = Resource.Kind
#: A one-page PDF: enough for the download to be a real document.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class ResourceSpec:
    title: str
    kind: str
    summary: str
    themes: int = 0  # how many of the demo's themes, in order
    methods: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    link: str = ""
    with_file: bool = False
    organisation: str | None = None
    published: bool = True


RESOURCES: tuple[ResourceSpec, ...] = (
    ResourceSpec(
        "Consultation toolkit",
        Kind.TOOLKIT,
        "Plan a consultation young people enjoy: questions, activities and feeding back.",
        themes=2,
        age_bands=("11_13", "14_15", "16_17"),
        with_file=True,
    ),
    ResourceSpec(
        "Session plan: spending a pretend million",
        Kind.SESSION_PLAN,
        "A ninety-minute budget game before a participatory budgeting round.",
        themes=1,
        age_bands=("14_15", "16_17"),
        link="https://example.org/budget-game",
    ),
    ResourceSpec(
        "Case study: young people on a recruitment panel",
        Kind.CASE_STUDY,
        "How a youth panel helped recruit a service manager, and what changed after.",
        link="https://example.org/panel-case-study",
    ),
    ResourceSpec(
        "Good practice: feeding back to young people",
        Kind.GOOD_PRACTICE,
        "You said, we did: closing the loop within six weeks, in words young people use.",
        themes=3,
        link="https://example.org/feedback",
    ),
    ResourceSpec(
        "Template: young inspector's visit report",
        Kind.TEMPLATE,
        "A report young inspectors fill in after visiting a service.",
        age_bands=("16_17", "18_25"),
        link="https://example.org/inspector-template",
    ),
    ResourceSpec(
        "Harbour drop-in ideas (draft)",
        Kind.OTHER,
        "Ideas for the harbour drop-in sessions, still being written.",
        link="https://example.org/drop-in",
        organisation="harbour",
        published=False,
    ),
)


class Resources(Base):
    """The resources library and the resources a session used."""

    def _resources(self) -> None:
        themes = list(self.themes.values())
        methods = list(self.methods.values())
        made = []
        for number, spec in enumerate(RESOURCES):
            made.append(
                resource_services.resource_add(
                    actor=None,
                    title=spec.title,
                    kind=spec.kind,
                    summary=spec.summary,
                    organisation=self.organisations[spec.organisation]
                    if spec.organisation
                    else None,
                    themes=themes[: spec.themes],
                    methods=methods[number % len(methods) :][:1] if methods else [],
                    age_bands=list(spec.age_bands),
                    link=spec.link,
                    file=SimpleUploadedFile("toolkit.pdf", PDF) if spec.with_file else None,
                    published=spec.published,
                )
            )
            self.counts["resources"] += 1
        session = Session.objects.filter(group__isnull=False).order_by("-date", "-pk").first()
        if session is not None:
            resource_services.session_resource_add(actor=None, session=session, resource=made[0])
            self.counts["resources used in sessions"] += 1
