"""What each degree and type of participation means, shown as the session form's radio hints."""

from __future__ import annotations

from heard.participation.models import Degree, ParticipationType

#: What each degree means, from the Wheel of Participation (seed 002, after Treseder).
DEGREE_HINTS: dict[str, str] = {
    Degree.CONSULTED_INFORMED: (
        "Consult. Adults design and run the project, but children and young people are consulted. "
        "They understand the process and their opinions are taken seriously."
    ),
    Degree.ASSIGNED_INFORMED: (
        "Inform. Adults decide on the project and young people volunteer for it. They understand "
        "the project and know who decided to involve them and why."
    ),
    Degree.ADULT_INITIATED_SHARED: (
        "Involve. Adults have the initial idea, but young people are involved in every step of "
        "planning and doing it, and in making the decisions."
    ),
    Degree.CYP_INITIATED_SHARED: (
        "Involve. Children and young people have the ideas, set up projects and come to adults for "
        "advice and support. The adults do not direct."
    ),
    Degree.CYP_INITIATED_DIRECTED: (
        "Involve. Children and young people have the idea and decide how it is carried out. Adults "
        "are available but do not take charge."
    ),
}
TYPE_HINTS: dict[str, str] = {
    ParticipationType.INDIVIDUAL: "Decisions about their own care, support or service plan.",
    ParticipationType.SOCIAL: "In their community, school or youth work.",
    ParticipationType.PUBLIC: "Forums, councils, surveys, recruitment, inspection and boards.",
}
