"""The demo partnership as plain data, drawn from the seed documents (seeds/README.md).

11 MILLION's six Spotlight areas and their Buddy Groups (seed 000), Nottingham's Participation in
Governance programme (seed 003), Cambridgeshire's Youth Assembly and partners (seed 001) and
Norfolk's Young Commissioners, In Care Council and inclusive provision reviewers (seed 004). Every
organisation, worker and young person here is fictional. The loader turns this into records through
the services; nothing here touches the database.

Dates are "days ago", so the demo always looks current and its counts never depend on the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from heard.core.roles import AgeBand, HearByRightStandard, Role
from heard.groups.models import Group, GroupTheme
from heard.participation.models import Attendance, Degree, Session
from heard.people.models import Organisation
from heard.plans.models import Progress
from heard.privacy.models import (
    CareStatus,
    Characteristic,
    Ethnicity,
    Gender,
    Religion,
    SexualOrientation,
    YesNo,
)

#: The fixed seed for every random choice: the year 11 MILLION's Buddy Groups began.
DEMO_SEED = 2007

#: One shared password for the demo logins; long enough for Django's validators (12 characters).
DEMO_PASSWORD = "heard-demo-2026"  # noqa: S105 - a published demo password, printed by the command
#: The published demo two-factor key (hex, as django-otp stores it), for the demo logins of the
#: roles that must use two-factor sign-in. Its base32 form, printed by ``heard load_demo``, goes
#: into any authenticator app. Never use it for real accounts.
DEMO_TOTP_KEY = b"heard-demo-totp-2026".hex()

#: How far back the participation log goes.
HISTORY_DAYS = 300

# --------------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    kind: str
    area: str
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    notes: str = ""
    #: Emails of staff (from STAFF) who champion participation in this organisation.
    champions: tuple[str, ...] = ()


K = Organisation.Kind

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    # 11 MILLION and the partners hosting its Buddy Groups (seed 000).
    OrganisationSpec(
        "11million",
        "11 MILLION",
        K.COMMISSIONER,
        "England",
        "Participation Team",
        "participation@11million.demo.heard.test",
        notes="The Children's Commissioner's office: runs the Spotlight areas and the Buddy "
        "Groups.",
    ),
    OrganisationSpec(
        "riverside_yos",
        "Riverside Youth Offending Service",
        K.LOCAL_AUTHORITY,
        "Leeds",
        "Dean Whitfield",
        "dean.whitfield@riverside-yos.demo.heard.test",
        "0113 496 0101",
    ),
    OrganisationSpec(
        "second_chance",
        "Second Chance Youth Project",
        K.VOLUNTARY,
        "Manchester",
        "Shona McBride",
        "shona@secondchance.demo.heard.test",
        "0161 496 0102",
        notes="Detached youth work and restorative justice with young people on the edge of "
        "offending.",
    ),
    OrganisationSpec(
        "harbour",
        "Harbour Refugee Children's Project",
        K.VOLUNTARY,
        "London",
        "Sam Okoro",
        "sam.okoro@harbour.demo.heard.test",
        "020 7946 0103",
        notes="Supports unaccompanied asylum-seeking children and young people who have been "
        "trafficked.",
    ),
    OrganisationSpec(
        "safe_passage",
        "Safe Passage Young Migrants Service",
        K.VOLUNTARY,
        "Kent",
        "Miriam Tesfay",
        "miriam@safepassage.demo.heard.test",
        "01227 496 104",
    ),
    OrganisationSpec(
        "northgate_carers",
        "Northgate Young Carers",
        K.VOLUNTARY,
        "Sheffield",
        "Paula Greaves",
        "paula@northgatecarers.demo.heard.test",
        "0114 496 0105",
    ),
    OrganisationSpec(
        "fenland_traveller",
        "Fenland Traveller Education Service",
        K.LOCAL_AUTHORITY,
        "Cambridgeshire",
        "Bridget Lovell",
        "bridget.lovell@fenland-tes.demo.heard.test",
        "01354 496 106",
    ),
    OrganisationSpec(
        "clearwater_camhs",
        "Clearwater Child and Adolescent Mental Health Service",
        K.HEALTH,
        "Bristol",
        "Dr Nia Probert",
        "participation@clearwater-camhs.demo.heard.test",
        "0117 496 0107",
    ),
    OrganisationSpec(
        "open_door",
        "Open Door Young People's Counselling",
        K.VOLUNTARY,
        "Newcastle",
        "Gareth Lowe",
        "gareth@opendoor.demo.heard.test",
        "0191 496 0108",
    ),
    OrganisationSpec(
        "eastfield",
        "Eastfield Academy",
        K.SCHOOL,
        "Birmingham",
        "Mrs Joanne Pike",
        "j.pike@eastfield.demo.heard.test",
        "0121 496 0109",
    ),
    OrganisationSpec(
        "parkside",
        "Parkside Youth Club",
        K.YOUTH_SERVICE,
        "Nottingham",
        "Leon Barrett",
        "leon@parkside.demo.heard.test",
        "0115 496 0110",
    ),
    OrganisationSpec(
        "lantern",
        "Lantern Project for Young People",
        K.VOLUNTARY,
        "Liverpool",
        "Cathy Rourke",
        "cathy@lantern.demo.heard.test",
        "0151 496 0111",
        notes="Specialist support for young people at risk of sexual exploitation.",
    ),
    OrganisationSpec(
        "hillcrest",
        "Hillcrest Disabled Children's Forum",
        K.VOLUNTARY,
        "Derby",
        "Lorna Pryce",
        "lorna@hillcrestforum.demo.heard.test",
        "01332 496 118",
    ),
    # Nottingham: the Participation in Governance programme (seed 003).
    OrganisationSpec(
        "nottingham_participation",
        "Nottingham City Council Participation Team",
        K.LOCAL_AUTHORITY,
        "Nottingham",
        "Kerry Ashworth",
        "participation@nottinghamcity.demo.heard.test",
        "0115 496 0112",
        notes="Runs the Participation in Governance programme: Youth Cabinet, Youth Council, "
        "Primary Parliament and the Children in Care Council.",
    ),
    OrganisationSpec(
        "nottingham_care",
        "Nottingham City Children in Care Team",
        K.LOCAL_AUTHORITY,
        "Nottingham",
        "Marcia Thompson",
        "cic.team@nottinghamcity.demo.heard.test",
        "0115 496 0113",
    ),
    OrganisationSpec(
        "castle_view",
        "Castle View Primary School",
        K.SCHOOL,
        "Nottingham",
        "Mr Ian Doyle",
        "office@castleview.demo.heard.test",
    ),
    OrganisationSpec(
        "riverbank",
        "Riverbank Primary School",
        K.SCHOOL,
        "Nottingham",
        "Ms Sarah Quinn",
        "office@riverbank.demo.heard.test",
    ),
    OrganisationSpec(
        "sherwood_rise",
        "Sherwood Rise Primary School",
        K.SCHOOL,
        "Nottingham",
        "Mrs Anita Bose",
        "office@sherwoodrise.demo.heard.test",
    ),
    # Cambridgeshire (seed 001).
    OrganisationSpec(
        "cambs_cc",
        "Cambridgeshire County Council Participation Service",
        K.LOCAL_AUTHORITY,
        "Cambridgeshire",
        "Claire Bentley",
        "participation@cambridgeshire.demo.heard.test",
        "01223 496 114",
        notes="Supports the County Children and Young People's Assembly: three Assemblies a year.",
        champions=("board@demo.heard.test",),
    ),
    OrganisationSpec(
        "ouse_valley",
        "Ouse Valley Youth Trust",
        K.VOLUNTARY,
        "Cambridgeshire",
        "Graham Holt",
        "graham@ousevalley.demo.heard.test",
        "01480 496 115",
        notes="Voluntary youth organisation running youth clubs in Huntingdonshire and the Fens.",
    ),
    OrganisationSpec(
        "fenland_college",
        "Fenland Sixth Form College",
        K.SCHOOL,
        "Cambridgeshire",
        "Mr Rob Chandler",
        "student.voice@fenlandcollege.demo.heard.test",
    ),
    # Norfolk (seed 004).
    OrganisationSpec(
        "norfolk_cs",
        "Norfolk County Council Children's Services",
        K.LOCAL_AUTHORITY,
        "Norfolk",
        "Andrea Catton",
        "involvement@norfolk.demo.heard.test",
        "01603 496 116",
        notes="Supports the Youth Advisory Boards, the Young Commissioners and the In Care "
        "Council.",
    ),
    OrganisationSpec(
        "broadland_inclusion",
        "Broadland Inclusive Youth Network",
        K.VOLUNTARY,
        "Norfolk",
        "Pete Rudd",
        "pete@broadlandinclusive.demo.heard.test",
        "01603 496 117",
        notes="Voluntary sector network of clubs for children and young people with disabilities.",
    ),
)

# --------------------------------------------------------------------------------------------------
# Staff: one demo login per role, and the other Spotlight area leads (no password: no sign-in)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffSpec:
    email: str
    full_name: str
    role: str
    job_title: str
    #: Key of the organisation they belong to (required for partner workers).
    organisation: str | None = None
    #: A demo login: gets DEMO_PASSWORD and is listed in the table the command prints.
    login: bool = False


R = Role

ADMIN_EMAIL = "admin@demo.heard.test"
LEAD_EMAIL = "lead@demo.heard.test"
OFFICER_EMAIL = "officer@demo.heard.test"
THEME_LEAD_EMAIL = "theme@demo.heard.test"
PARTNER_EMAIL = "partner@demo.heard.test"
SAFEGUARDING_EMAIL = "safeguarding@demo.heard.test"
BOARD_EMAIL = "board@demo.heard.test"

#: Created before the organisations (so board members can be champions), except partner workers.
STAFF: tuple[StaffSpec, ...] = (
    StaffSpec(ADMIN_EMAIL, "Alex Morgan", R.ADMINISTRATOR, "Systems administrator", login=True),
    StaffSpec(
        LEAD_EMAIL, "Helen Carter", R.PARTICIPATION_LEAD, "Head of Participation", login=True
    ),
    StaffSpec(
        OFFICER_EMAIL, "Jamal Hussain", R.PARTICIPATION_OFFICER, "Participation officer", login=True
    ),
    StaffSpec(
        THEME_LEAD_EMAIL,
        "Priya Raman",
        R.THEME_LEAD,
        "Policy officer: Mental health",
        "11million",
        login=True,
    ),
    StaffSpec(
        PARTNER_EMAIL,
        "Sam Okoro",
        R.PARTNER_WORKER,
        "Youth worker and Buddy Group contact",
        "harbour",
        login=True,
    ),
    StaffSpec(
        SAFEGUARDING_EMAIL,
        "Ruth Kowalski",
        R.SAFEGUARDING_LEAD,
        "Designated safeguarding lead",
        login=True,
    ),
    StaffSpec(
        BOARD_EMAIL,
        "Cllr Margaret Finch",
        R.BOARD_MEMBER,
        "Lead member for children's services and participation champion",
        login=True,
    ),
    StaffSpec(
        "marcus.bell@demo.heard.test",
        "Marcus Bell",
        R.THEME_LEAD,
        "Policy officer: Youth justice",
        "11million",
    ),
    StaffSpec(
        "amina.yusuf@demo.heard.test",
        "Amina Yusuf",
        R.THEME_LEAD,
        "Policy officer: Asylum and trafficking",
        "11million",
    ),
    StaffSpec(
        "rachel.doherty@demo.heard.test",
        "Rachel Doherty",
        R.THEME_LEAD,
        "Policy officer: A fair life",
        "11million",
    ),
    StaffSpec(
        "tom.hargreaves@demo.heard.test",
        "Tom Hargreaves",
        R.THEME_LEAD,
        "Policy officer: Education and leisure",
        "11million",
    ),
    StaffSpec(
        "grace.mensah@demo.heard.test",
        "Grace Mensah",
        R.THEME_LEAD,
        "Policy officer: Staying safe",
        "11million",
    ),
)

# --------------------------------------------------------------------------------------------------
# Spotlight areas (seed 000: "Currently our six Spotlight areas are ...")
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeSpec:
    title: str
    lead: str
    description: str
    #: What sessions on this theme talked about: the first half of a session's notes.
    topics: tuple[str, ...]
    #: Quarterly reviews: (days ago, summary, decision).
    reviews: tuple[tuple[int, str, str], ...] = ()


CONTINUE = "continue"
CHANGE = "change"

THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec(
        "Youth justice and anti-social behaviour",
        "marcus.bell@demo.heard.test",
        "How the youth justice system, dispersal orders and anti-social behaviour measures feel to "
        "the young people on the receiving end, and what would help them stay out of trouble.",
        (
            "Talked about experiences of stop and search",
            "Mapped the places in town where young people feel moved on",
            "Looked at the draft guidance on dispersal orders",
            "Discussed what a good youth offending worker does",
            "Role-played a referral order panel",
            "Planned questions for a visit from the police and crime commissioner",
        ),
        (
            (
                125,
                "Both Buddy Groups are meeting monthly; stop and search is the strongest issue.",
                CONTINUE,
            ),
            (
                35,
                "Young people asked that the area also covers what happens after custody.",
                CONTINUE,
            ),
        ),
    ),
    ThemeSpec(
        "Asylum and trafficking",
        "amina.yusuf@demo.heard.test",
        "The experiences of children seeking asylum, unaccompanied children and children who have "
        "been trafficked: age assessments, support, school and the asylum process.",
        (
            "Shared experiences of age assessment interviews",
            "Talked about what helped in the first weeks in the UK",
            "Reviewed the child-friendly guide to the asylum process",
            "Discussed access to college and English classes",
            "Drew maps of the journey and the people who helped",
            "Prepared a short film for the Commissioner",
        ),
        (
            (125, "Interpreters are needed at every session; budget for them is agreed.", CONTINUE),
            (35, "Evidence on age assessments is ready for the Policy Team's response.", CONTINUE),
        ),
    ),
    ThemeSpec(
        "A fair life",
        "rachel.doherty@demo.heard.test",
        "Poverty, inequality and discrimination: what being treated fairly means to young carers, "
        "Gypsy, Roma and Traveller children and others who are often least heard.",
        (
            "Talked about what being treated fairly means",
            "Discussed the cost of school trips and uniforms",
            "Shared what it is like to be a young carer at school",
            "Looked at how services ask about money worries",
            "Ranked the changes that would make life fairer",
            "Planned a message to local councillors",
        ),
        ((125, "Young carers and Traveller children are now both represented.", CONTINUE),),
    ),
    ThemeSpec(
        "Mental health",
        THEME_LEAD_EMAIL,
        "Young people's emotional wellbeing and mental health services: waiting times, being "
        "listened to, and help at school.",
        (
            "Talked about waiting times for CAMHS",
            "Discussed what makes a counsellor easy to talk to",
            "Reviewed the leaflet for young people starting therapy",
            "Mapped where to get help at school and online",
            "Planned a wellbeing survey for their school",
            "Gave views on the transition to adult services",
        ),
        (
            (
                125,
                "Three groups are active; the CAMHS group wants to look at transition at 18.",
                CONTINUE,
            ),
            (35, "Adding transition to adult services as a strand of this area.", CHANGE),
        ),
    ),
    ThemeSpec(
        "Enjoying education and leisure",
        "tom.hargreaves@demo.heard.test",
        "School, play and leisure: what makes learning enjoyable, what there is to do locally and "
        "what stops young people taking part.",
        (
            "Talked about what makes a lesson enjoyable",
            "Mapped what there is to do in the evenings and at weekends",
            "Discussed the cost of clubs and activities",
            "Surveyed friends about the youth club's opening hours",
            "Planned a youth-led activity day",
            "Gave views on the new homework policy",
        ),
        (
            (
                125,
                "Both groups established; the youth club group is leading its own survey.",
                CONTINUE,
            ),
        ),
    ),
    ThemeSpec(
        "Staying safe",
        "grace.mensah@demo.heard.test",
        "Feeling and being safe at home, online and in the community, including exploitation and "
        "bullying.",
        (
            "Talked about staying safe online",
            "Mapped the places that feel safe and unsafe",
            "Discussed what to do when a friend is at risk",
            "Reviewed the anti-bullying policy in plain language",
            "Shared what makes it easier to tell an adult",
            "Planned a poster campaign about exploitation",
        ),
        ((35, "Exploitation work moving to the young people's own poster campaign.", CONTINUE),),
    ),
)

# --------------------------------------------------------------------------------------------------
# Young people: names and needs to draw from
# --------------------------------------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Aaliyah", "Aarav", "Abdi", "Adam", "Aisha", "Alfie", "Amara", "Amelia", "Amir", "Archie",
    "Ava", "Ayaan", "Bartek", "Bethany", "Caleb", "Callum", "Chloe", "Connor", "Daisy", "Daniel",
    "Darnell", "Dev", "Eden", "Efe", "Elif", "Ella", "Ellie", "Emeka", "Emily", "Erin", "Ethan",
    "Evie", "Faisal", "Fatima", "Finley", "Freya", "Gabriel", "Georgia", "Grace", "Hamza", "Hana",
    "Harley", "Harriet", "Harvey", "Hassan", "Hawa", "Ibrahim", "Imani", "Isaac", "Isla", "Jack",
    "Jacob", "Jade", "Jayden", "Jessica", "Jordan", "Kacper", "Kai", "Keira", "Kezia", "Kian",
    "Kofi", "Layla", "Leah", "Leo", "Lewis", "Liam", "Lily", "Logan", "Lucy", "Maisie", "Maryam",
    "Mason", "Maya", "Mia", "Mohammed", "Nadia", "Nathan", "Niamh", "Noah", "Olivia", "Omar",
    "Oscar", "Phoebe", "Poppy", "Rhys", "Riley", "Rosie", "Ruby", "Ryan", "Samuel", "Sana",
    "Scarlett", "Senait", "Sophie", "Tariq", "Theo", "Tomasz", "Tyler", "Yonas", "Yusuf", "Zainab",
    "Zara", "Zoe",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Abbott", "Adeyemi", "Ahmed", "Ali", "Armstrong", "Bailey", "Begum", "Bennett", "Brown",
    "Campbell", "Chen", "Clarke", "Cooper", "Davies", "Dixon", "Edwards", "Evans", "Fisher",
    "Foster", "Gill", "Graham", "Green", "Haile", "Hall", "Harris", "Hughes", "Hussain", "Islam",
    "Jackson", "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "Kowalczyk", "Lee", "Lewis",
    "Lovell", "Mahmood", "Marshall", "Mensah", "Miah", "Mitchell", "Moore", "Murphy", "Nowak",
    "Nwosu", "O'Brien", "Okafor", "Owen", "Palmer", "Patel", "Price", "Rahman", "Reid", "Roberts",
    "Robinson", "Shah", "Singh", "Smith", "Stewart", "Taylor", "Tesfaye", "Thomas", "Turner",
    "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
)  # fmt: skip

#: Short names some young people prefer to be called.
PREFERRED_NAMES: dict[str, str] = {
    "Mohammed": "Mo",
    "Samuel": "Sam",
    "Jessica": "Jess",
    "Nathan": "Nate",
    "Daniel": "Dan",
    "Elif": "Ellie",
}

#: (communication needs, access needs) pairs; an empty string is "none".
GENERAL_NEEDS: tuple[tuple[str, str], ...] = (
    ("British Sign Language interpreter", ""),
    ("Easy read materials", ""),
    ("", "Wheelchair access"),
    ("Large print materials", ""),
    ("", "A quiet room to take breaks in"),
    ("Easy read materials", "Needs a worker to travel with them"),
)
INTERPRETER_NEEDS: tuple[tuple[str, str], ...] = (
    ("Interpreter: Arabic", ""),
    ("Interpreter: Tigrinya", ""),
    ("Interpreter: Dari", ""),
    ("Interpreter: Kurdish Sorani", ""),
    ("Easy read materials in plain English", ""),
)
DISABILITY_NEEDS: tuple[tuple[str, str], ...] = (
    ("British Sign Language interpreter", "Step-free venue"),
    ("Uses Makaton signs and symbols", ""),
    ("Easy read materials", "Wheelchair access and an accessible toilet"),
    ("", "Wheelchair access"),
    ("Extra time to answer; questions one at a time", "A quiet room to take breaks in"),
)

#: The consents recorded for every demo young person when they first joined a group (in writing;
#: by a parent or carer below the partnership's consent age, else by the young person): taking
#: part, quotes and publishing, so their views may be quoted and published; and photographs,
#: except for every ``PHOTOGRAPHS_NOT_GIVEN_EVERY``-th young person, whose images stay withheld.
CONSENT_PURPOSES: tuple[str, ...] = ("taking_part", "quotes", "publishing")
PHOTOGRAPHS_NOT_GIVEN_EVERY = 6

# --------------------------------------------------------------------------------------------------
# Groups
# --------------------------------------------------------------------------------------------------

B = AgeBand
G = Group.Kind
S = Group.Stage
C = Group.Cadence
AFFECTED = GroupTheme.Relationship.AFFECTED_BY
WORKING = GroupTheme.Relationship.WORKING_ON


@dataclass(frozen=True)
class GroupSpec:
    key: str
    name: str
    kind: str
    host: str
    description: str
    lead: str
    #: The stage reached: Buddy Groups walk the lifecycle to it, standing groups start there.
    stage: str
    start_days_ago: int
    cadence: str
    #: How many new young people join it, and the age bands they come from.
    members: int
    bands: tuple[str, ...]
    #: Spotlight area (title) and how the group relates to it.
    theme: str | None = None
    relationship: str = WORKING
    #: Organisations (keys) supporting its young people; the host when empty.
    supporters: tuple[str, ...] = ()
    #: Members of earlier groups who also join this one: (group key, how many).
    shared_from: tuple[tuple[str, int], ...] = ()
    #: Leave the last visit or meeting well past due, so the calendar shows it overdue.
    overdue: bool = False
    needs: tuple[tuple[str, str], ...] = GENERAL_NEEDS
    needs_rate: float = 0.06
    #: What meetings talk about (standing groups; Buddy Groups use their theme's topics).
    topics: tuple[str, ...] = ()
    #: Partner staff usually present.
    partner_staff: str = ""


def _buddy(
    key: str,
    name: str,
    host: str,
    theme: str,
    lead: str,
    *,
    stage: str = S.ACTIVE,
    start: int,
    members: int,
    bands: tuple[str, ...],
    relationship: str = WORKING,
    description: str,
    partner_staff: str,
    shared_from: tuple[tuple[str, int], ...] = (),
    overdue: bool = False,
    needs: tuple[tuple[str, str], ...] = GENERAL_NEEDS,
    needs_rate: float = 0.06,
) -> GroupSpec:
    """A Buddy Group: monthly visits to a partner's group working on or affected by a theme."""
    return GroupSpec(
        key=key,
        name=name,
        kind=G.BUDDY_GROUP,
        host=host,
        description=description,
        lead=lead,
        stage=stage,
        start_days_ago=start,
        cadence=C.MONTHLY,
        members=members,
        bands=bands,
        theme=theme,
        relationship=relationship,
        shared_from=shared_from,
        overdue=overdue,
        needs=needs,
        needs_rate=needs_rate,
        partner_staff=partner_staff,
    )


YJ, ASY, FAIR, MH, EDU, SAFE = (t.title for t in THEMES)

GROUPS: tuple[GroupSpec, ...] = (
    # Six Spotlight areas, each with at least two Buddy Groups (seed 000).
    _buddy(
        "riverside_buddy",
        "Riverside Youth Justice Buddy Group",
        "riverside_yos",
        YJ,
        "marcus.bell@demo.heard.test",
        start=290,
        members=7,
        bands=(B.AGE_14_15, B.AGE_16_17),
        relationship=AFFECTED,
        description="Young people on referral orders who advise on how youth justice feels from "
        "the inside.",
        partner_staff="Dean Whitfield (YOS case manager)",
    ),
    _buddy(
        "second_chance_buddy",
        "Second Chance Buddy Group",
        "second_chance",
        YJ,
        "marcus.bell@demo.heard.test",
        stage=S.ESTABLISHED,
        start=250,
        members=6,
        bands=(B.AGE_14_15, B.AGE_16_17, B.AGE_18_25),
        description="Young people already campaigning on stop and search and being moved on.",
        partner_staff="Shona McBride (project manager)",
        overdue=True,
    ),
    _buddy(
        "harbour_refugees_buddy",
        "Harbour Young Refugees Buddy Group",
        "harbour",
        ASY,
        "amina.yusuf@demo.heard.test",
        start=300,
        members=8,
        bands=(B.AGE_14_15, B.AGE_16_17, B.AGE_18_25),
        relationship=AFFECTED,
        description="Unaccompanied young people who came to the UK alone, advising on the asylum "
        "process.",
        partner_staff="Sam Okoro (youth worker)",
        needs=INTERPRETER_NEEDS,
        needs_rate=0.3,
    ),
    _buddy(
        "safe_passage_buddy",
        "Safe Passage Buddy Group",
        "safe_passage",
        ASY,
        "amina.yusuf@demo.heard.test",
        stage=S.ESTABLISHED,
        start=210,
        members=7,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        relationship=AFFECTED,
        description="Young migrants in Kent, many recently arrived, looking at age assessments and "
        "school.",
        partner_staff="Miriam Tesfay (project worker)",
        needs=INTERPRETER_NEEDS,
        needs_rate=0.3,
    ),
    _buddy(
        "northgate_buddy",
        "Northgate Young Carers Buddy Group",
        "northgate_carers",
        FAIR,
        "rachel.doherty@demo.heard.test",
        start=270,
        members=8,
        bands=(B.AGE_8_10, B.AGE_11_13, B.AGE_14_15),
        relationship=AFFECTED,
        description="Young carers who look after a parent, brother or sister, on fairness at "
        "school.",
        partner_staff="Paula Greaves (young carers worker)",
    ),
    _buddy(
        "fenland_buddy",
        "Fenland Travellers' Buddy Group",
        "fenland_traveller",
        FAIR,
        "rachel.doherty@demo.heard.test",
        stage=S.ESTABLISHED,
        start=110,
        members=6,
        bands=(B.AGE_11_13, B.AGE_14_15),
        relationship=AFFECTED,
        description="Gypsy, Roma and Traveller young people, the newest established group in this "
        "area.",
        partner_staff="Bridget Lovell (Traveller education officer)",
    ),
    _buddy(
        "clearwater_buddy",
        "Clearwater CAMHS Participation Buddy Group",
        "clearwater_camhs",
        MH,
        THEME_LEAD_EMAIL,
        start=280,
        members=7,
        bands=(B.AGE_14_15, B.AGE_16_17, B.AGE_18_25),
        relationship=AFFECTED,
        description="Young people who use or have used CAMHS, advising on waiting times and "
        "transition.",
        partner_staff="Dr Nia Probert (clinical psychologist)",
    ),
    _buddy(
        "open_door_buddy",
        "Open Door Buddy Group",
        "open_door",
        MH,
        THEME_LEAD_EMAIL,
        stage=S.ESTABLISHED,
        start=230,
        members=6,
        bands=(B.AGE_14_15, B.AGE_16_17),
        description="Young people from the counselling service's peer support project.",
        partner_staff="Gareth Lowe (counsellor)",
        overdue=True,
    ),
    _buddy(
        "eastfield_wellbeing_buddy",
        "Eastfield Wellbeing Ambassadors",
        "eastfield",
        MH,
        THEME_LEAD_EMAIL,
        stage=S.PLANNING,
        start=40,
        members=6,
        bands=(B.AGE_11_13, B.AGE_14_15),
        description="Pupils who run the school's wellbeing ambassadors scheme, just starting as a "
        "Buddy Group.",
        partner_staff="Mrs Joanne Pike (head of year)",
    ),
    _buddy(
        "eastfield_buddy",
        "Eastfield Academy School Council Buddy Group",
        "eastfield",
        EDU,
        "tom.hargreaves@demo.heard.test",
        start=260,
        members=7,
        bands=(B.AGE_11_13, B.AGE_14_15),
        description="The school council, working on what makes learning enjoyable.",
        partner_staff="Mrs Joanne Pike (head of year)",
    ),
    _buddy(
        "parkside_buddy",
        "Parkside Youth Club Buddy Group",
        "parkside",
        EDU,
        "tom.hargreaves@demo.heard.test",
        start=240,
        members=8,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        description="Youth club members looking at what there is to do in the evenings and what it "
        "costs.",
        partner_staff="Leon Barrett (senior youth worker)",
    ),
    _buddy(
        "lantern_buddy",
        "Lantern Buddy Group",
        "lantern",
        SAFE,
        "grace.mensah@demo.heard.test",
        start=275,
        members=6,
        bands=(B.AGE_14_15, B.AGE_16_17),
        relationship=AFFECTED,
        description="Young women supported by the Lantern Project, advising on exploitation and "
        "staying safe.",
        partner_staff="Cathy Rourke (project worker)",
    ),
    _buddy(
        "harbour_safe_buddy",
        "Harbour Safe Journeys Buddy Group",
        "harbour",
        SAFE,
        "grace.mensah@demo.heard.test",
        stage=S.ESTABLISHED,
        start=180,
        members=5,
        bands=(B.AGE_14_15, B.AGE_16_17),
        relationship=AFFECTED,
        description="Young people who were trafficked, advising on how services keep them safe.",
        partner_staff="Sam Okoro (youth worker)",
        needs=INTERPRETER_NEEDS,
        needs_rate=0.3,
        shared_from=(("harbour_refugees_buddy", 2),),
    ),
    _buddy(
        "hillcrest_buddy",
        "Hillcrest Young People's Forum Buddy Group",
        "hillcrest",
        SAFE,
        "grace.mensah@demo.heard.test",
        stage=S.PLANNING,
        start=35,
        members=5,
        bands=(B.AGE_11_13, B.AGE_14_15),
        relationship=AFFECTED,
        description="Disabled young people, just starting: planning how they want to work on "
        "staying safe.",
        partner_staff="Lorna Pryce (forum coordinator)",
        needs=DISABILITY_NEEDS,
        needs_rate=0.5,
    ),
    # Nottingham: Participation in Governance (seed 003).
    GroupSpec(
        key="nottingham_youth_council",
        name="Nottingham Youth Council",
        kind=G.YOUTH_COUNCIL,
        host="nottingham_participation",
        description="Termly convention of young people from projects and participation groups "
        "across the city, on the Early Help themes Learning City, Resilient City and Healthy City.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1500,
        cadence=C.TERMLY,
        members=12,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        supporters=("nottingham_participation", "parkside"),
        shared_from=(("parkside_buddy", 3),),
        topics=(
            "Learning City: what would make school and college work better",
            "Resilient City: feeling safe in the neighbourhood",
            "Healthy City: views on the new healthy eating plan",
            "Results of the Have Your Say survey",
            "Questions for the Children's Partnership Board",
        ),
        partner_staff="Kerry Ashworth (participation manager)",
    ),
    GroupSpec(
        key="nottingham_youth_cabinet",
        name="Nottingham Youth Cabinet",
        kind=G.YOUTH_CABINET,
        host="nottingham_participation",
        description="Leadership group for young people aged 16 to 19: members sit on boards and "
        "steering groups and help manage the Participation in Governance programme.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1400,
        cadence=C.TERMLY,
        members=5,
        bands=(B.AGE_16_17, B.AGE_18_25),
        shared_from=(("nottingham_youth_council", 4),),
        topics=(
            "Planning the next Youth Council agenda",
            "Reports back from board and steering group seats",
            "Interview questions for the new Director of Children's Services",
            "Young people's priorities for the Children and Young People's Plan",
        ),
        partner_staff="Kerry Ashworth (participation manager)",
    ),
    GroupSpec(
        key="nottingham_primary_parliament",
        name="Nottingham Primary Parliament",
        kind=G.PRIMARY_PARLIAMENT,
        host="nottingham_participation",
        description="Twice-termly convention of children from city primary schools, on the Youth "
        "Council's agenda with activities for their age.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1300,
        cadence=C.TWICE_TERMLY,
        members=18,
        bands=(B.UNDER_8, B.AGE_8_10, B.AGE_8_10, B.AGE_8_10),
        supporters=("castle_view", "riverbank", "sherwood_rise"),
        topics=(
            "Play parks: what makes a good one",
            "Healthy lunches and what they would change",
            "Feeling safe on the way to school",
            "What they would do with the city's budget",
        ),
        partner_staff="Class teachers from the schools",
    ),
    GroupSpec(
        key="nottingham_cicc",
        name="Nottingham Children in Care Council",
        kind=G.CHILDREN_IN_CARE_COUNCIL,
        host="nottingham_participation",
        description="Participation group for young people in care and care leavers; members sit on "
        "the Corporate Parenting Board.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1450,
        cadence=C.TWICE_TERMLY,
        members=10,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        supporters=("nottingham_care",),
        shared_from=(("nottingham_youth_council", 2),),
        topics=(
            "Reviewing the Children in Care and Care Leavers' Charter",
            "Have Your Say survey results and what to recommend",
            "Questions for the Corporate Parenting Board",
            "Meeting senior officers from Children's Social Care",
        ),
        partner_staff="Marcia Thompson (children in care team)",
    ),
    # Cambridgeshire (seed 001).
    GroupSpec(
        key="cambs_youth_assembly",
        name="Cambridgeshire Youth Assembly",
        kind=G.YOUTH_ASSEMBLY,
        host="cambs_cc",
        description="Open membership assembly, the route into the Children and Young People's "
        "Strategic Partnership: three Assemblies a year.",
        lead=LEAD_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1600,
        cadence=C.TERMLY,
        members=13,
        bands=(B.AGE_14_15, B.AGE_16_17, B.AGE_18_25),
        supporters=("cambs_cc", "ouse_valley", "fenland_college"),
        shared_from=(("fenland_buddy", 2),),
        topics=(
            "Agreeing recommendations for the Strategic Partnership",
            "Reviewing the charter of shared values",
            "Meeting the Participation Champions",
            "Planning audits of services by young people",
        ),
        partner_staff="Claire Bentley (participation manager)",
    ),
    GroupSpec(
        key="junior_just_us",
        name="Junior Just Us",
        kind=G.ADVISORY_GROUP,
        host="ouse_valley",
        description="Monthly group for 8 to 13 year olds, supported by a website.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=900,
        cadence=C.MONTHLY,
        members=8,
        bands=(B.AGE_8_10, B.AGE_11_13),
        topics=(
            "What they want on the website",
            "Games and activities for the summer",
            "Being listened to at school",
        ),
        partner_staff="Graham Holt (youth worker)",
    ),
    # Norfolk (seed 004).
    GroupSpec(
        key="broadland_pip",
        name="Promoting Inclusive Provision Reviewers",
        kind=G.AUDIT_TEAM,
        host="broadland_inclusion",
        description="Disabled young people who review activities and buildings, report "
        "recommendations and revisit to see whether they were acted on.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=700,
        cadence=C.NONE,
        members=6,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        needs=DISABILITY_NEEDS,
        needs_rate=0.7,
        topics=(
            "Review visit to a leisure centre",
            "Writing the report on a holiday club",
            "Revisit: were our recommendations acted on?",
        ),
        partner_staff="Pete Rudd (network coordinator)",
    ),
    GroupSpec(
        key="norfolk_young_commissioners",
        name="South Norfolk Young Commissioners",
        kind=G.YOUNG_COMMISSIONERS,
        host="norfolk_cs",
        description="Trained Young Commissioners of the South Norfolk Youth Advisory Board: set "
        "priorities, approve contracts and monitor projects.",
        lead=LEAD_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1200,
        cadence=C.TWICE_TERMLY,
        members=8,
        bands=(B.AGE_14_15, B.AGE_16_17, B.AGE_18_25),
        shared_from=(("broadland_pip", 3),),
        topics=(
            "Analysing needs data and setting commissioning priorities",
            "Scoring bids for short breaks",
            "Monitoring visit to a commissioned project",
            "Reporting on the sufficiency of the local youth offer",
        ),
        partner_staff="Andrea Catton (involvement officer)",
    ),
    GroupSpec(
        key="norfolk_in_care_council",
        name="Norfolk In Care Council",
        kind=G.CHILDREN_IN_CARE_COUNCIL,
        host="norfolk_cs",
        description="Young people in care who rewrote the pledge as the promise, with foster "
        "carers and councillors.",
        lead=OFFICER_EMAIL,
        stage=S.ACTIVE,
        start_days_ago=1100,
        cadence=C.TERMLY,
        members=8,
        bands=(B.AGE_11_13, B.AGE_14_15, B.AGE_16_17),
        overdue=True,
        topics=(
            "Checking how the promise is delivered by social workers",
            "Pocket money and savings in care",
            "What new foster carers should know",
        ),
        partner_staff="Andrea Catton (involvement officer)",
    ),
)

#: Days after the start (first visit) at which a Buddy Group reaches each stage of its lifecycle.
STAGE_OFFSETS: dict[str, int] = {
    S.FIRST_VISIT: 0,
    S.PLANNING: 21,
    S.ESTABLISHED: 60,
    S.ACTIVE: 120,
}
STAGE_ORDER: tuple[str, ...] = (S.FIRST_VISIT, S.PLANNING, S.ESTABLISHED, S.ACTIVE)

#: Buddy Groups run for up to one year (seed 000).
BUDDY_GROUP_DAYS = 364

# --------------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------------

STD = HearByRightStandard


@dataclass(frozen=True)
class SessionStyle:
    """How one kind of session is usually run; the loader picks from it with the one generator."""

    methods: tuple[str, ...]
    standards: tuple[str, ...]
    #: (degree, weight) pairs.
    degrees: tuple[tuple[str, int], ...] = field(default_factory=tuple)


BUDDY_VISIT = SessionStyle(
    methods=(
        "Discussion",
        "Art and drawing",
        "Games",
        "Graffiti wall",
        "Mapping",
        "Ranking and voting",
        "Photography and film",
        "Drama and role play",
    ),
    standards=(STD.SHARED_VALUES, STD.SKILLS_AND_KNOWLEDGE, STD.SYSTEMS, STD.STRATEGY),
    degrees=(
        ("adult_initiated_shared", 35),
        ("cyp_initiated_shared", 30),
        ("consulted_informed", 20),
        ("cyp_initiated_directed", 10),
        ("assigned_informed", 5),
    ),
)
MEETING = SessionStyle(
    methods=(
        "Discussion",
        "Ranking and voting",
        "Questionnaire or survey",
        "Games",
        "Graffiti wall",
    ),
    standards=(STD.STRUCTURES, STD.STRATEGY, STD.STYLE_OF_LEADERSHIP, STD.SHARED_VALUES),
    degrees=(
        ("adult_initiated_shared", 40),
        ("cyp_initiated_shared", 30),
        ("consulted_informed", 20),
        ("cyp_initiated_directed", 10),
    ),
)
REVIEW_VISIT = SessionStyle(
    methods=("Visit to a service", "Photography and film", "Discussion"),
    standards=(STD.SYSTEMS, STD.STAFF),
    degrees=(("cyp_initiated_shared", 50), ("cyp_initiated_directed", 50)),
)
ONE_TO_ONE = SessionStyle(
    methods=("Discussion",),
    standards=(STD.SYSTEMS,),
    degrees=(("adult_initiated_shared", 60), ("consulted_informed", 40)),
)

FIRST_VISIT_TITLE = "First visit: what makes 11 MILLION unique"
FIRST_VISIT_NOTES = (
    "Introduced 11 MILLION, the Spotlight areas and how Buddy Groups work. Agreed ground rules, "
    "how we will keep in touch between visits, and that travel costs will be covered."
)
SOCIAL_TITLES: tuple[str, ...] = (
    "Social: bowling and pizza with the group",
    "Social: day trip planned by the young people",
    "Social: meeting another Buddy Group in the same Spotlight area",
)
CONSULTATION_TITLES: tuple[str, ...] = (
    "Short-notice consultation for the Policy Team",
    "Focus group on a draft government guidance",
)

#: Second half of a session's notes: what came of it.
OUTCOMES: tuple[str, ...] = (
    "The group agreed three messages to pass on to the Policy Team.",
    "Young people asked for feedback on what happened to their views last time; fed back in "
    "person.",
    "Two young people volunteered to speak at the annual event.",
    "Views recorded on flipchart and typed up for the participation log.",
    "The group chose the next topic themselves.",
    "Agreed an easy read summary to share with the partner's other groups.",
    "Young people asked for a follow-up with a decision-maker.",
    "Quieter members took part through the graffiti wall.",
)

#: One-to-one reviews with young people in care (seed 003: the voice of the child along a journey).
ONE_TO_ONE_TITLES: tuple[str, ...] = (
    "Review of their care plan: their wishes and feelings",
    "Pathway plan review: what they want next",
    "Placement review: their views before the meeting",
)


# --- Voice: what young people said in each Spotlight area, and what was done about it ------------


@dataclass(frozen=True)
class VoiceSpec:
    """Four views from one theme's Buddy Group sessions and two responses.

    Views 1 and 2 are answered together (``answer``), fed back to the group and rated; view 3 gets
    ``second`` (fed back when ``second_fed_back``); view 4 stays open.
    """

    theme: str
    views: tuple[tuple[str, str], ...]  # (kind, text)
    answer: tuple[str, str, str, str]  # (outcome, decision-maker, explanation, plain language)
    second: tuple[str, str, str, str]
    second_fed_back: bool


VOICES: tuple[VoiceSpec, ...] = (
    VoiceSpec(
        "Youth justice and anti-social behaviour",
        (
            ("experience", "When the police stop us they never say why, and it feels unfair."),
            ("recommendation", "Officers should give a card saying why you were stopped."),
            ("idea", "Have a youth worker at the station when young people are brought in."),
            ("view", "Dispersal orders just move us on to somewhere less safe."),
        ),
        (
            "partly_changed",
            "Police and crime commissioner",
            "Officers now hand out a card with the reason for every stop; body cameras are on.",
            "When the police stop you, they now give you a card that says why.",
        ),
        (
            "not_possible",
            "Custody manager",
            "Custody rules allow only an appropriate adult or a solicitor in the suite, so a "
            "youth worker cannot be there; the appropriate adult service has been told your view.",
            "A youth worker cannot come into the police station. The rules do not allow it. We "
            "told the people who help young people there what you said.",
        ),
        True,
    ),
    VoiceSpec(
        "Asylum and trafficking",
        (
            ("wish_feeling", "I want someone who speaks my language when I first arrive."),
            ("experience", "The age assessment felt like they did not believe anything I said."),
            ("recommendation", "Give new arrivals a phone with credit for the first month."),
            ("idea", "A welcome pack written by young people who came here before."),
        ),
        (
            "changed",
            "Head of the unaccompanied children team",
            "Interpreters are now booked for every first meeting and for age assessments.",
            "Now someone who speaks your language will be there when you first meet us.",
        ),
        (
            "not_possible",
            "Finance panel",
            "There is no budget for phones this year; free wifi is now on in every placement.",
            "We cannot give out phones this year because there is no money. All homes now "
            "have free wifi.",
        ),
        False,
    ),
    VoiceSpec(
        "A fair life",
        (
            ("view", "Bus fares take most of my money and I cannot get to college."),
            ("recommendation", "Make the bus free for young people in care."),
            ("experience", "School trips cost too much so I stay behind."),
            ("wish_feeling", "I wish I had the same chances as my friends."),
        ),
        (
            "changed",
            "Transport board",
            "Young people under 19 now travel free on council-supported bus routes.",
            "If you are under 19, the bus is now free on most routes.",
        ),
        (
            "still_considering",
            "Schools forum",
            "A fund for school trips is being costed for next year's budget.",
            "We are still looking at money to help with school trips. We will tell you in "
            "the spring.",
        ),
        True,
    ),
    VoiceSpec(
        "Mental health",
        (
            ("experience", "I waited eight months to see someone at CAMHS."),
            ("idea", "Drop-in sessions at school with a counsellor, no referral needed."),
            ("recommendation", "Train youth workers to spot when someone is struggling."),
            ("wish_feeling", "I want to talk to someone at night, not only in the day."),
        ),
        (
            "partly_changed",
            "Mental health commissioning group",
            "Weekly counsellor drop-ins started in four secondary schools this term.",
            "There is now a counsellor you can just drop in to see at four schools.",
        ),
        (
            "not_possible",
            "Mental health commissioning group",
            "A night service would need staff the service does not have; the national "
            "text line is now on every school planner instead.",
            "We cannot run a night service because there are not enough staff. The number "
            "for a free text line is now in your school planner.",
        ),
        True,
    ),
    VoiceSpec(
        "Enjoying education and leisure",
        (
            ("recommendation", "Open the youth club on Saturdays."),
            ("idea", "A skate park in the town centre."),
            ("view", "There is nothing to do after school that does not cost money."),
            ("complaint", "The library closes before we get out of school."),
        ),
        (
            "changed",
            "Head of Youth Services",
            "The youth club now opens every Saturday from 12 to 5, free of charge.",
            "The youth club is now open on Saturdays. It is free.",
        ),
        (
            "not_possible",
            "Planning committee",
            "The only town-centre site is a flood plain where building is not allowed; a "
            "site by the leisure centre is being looked at instead.",
            "We cannot build a skate park in the town centre because the land floods. We are "
            "looking at a place by the leisure centre.",
        ),
        False,
    ),
    VoiceSpec(
        "Staying safe",
        (
            ("experience", "The underpass by the station is dark and scary at night."),
            ("recommendation", "More lights on the way home from the youth club."),
            ("wish_feeling", "I want to know who to tell if something online upsets me."),
            ("idea", "Safe places in shops where you can go if you feel unsafe."),
        ),
        (
            "changed",
            "Community safety partnership",
            "New lights were put in the underpass and along the path to the youth club.",
            "There are new lights in the underpass and on the path to the youth club.",
        ),
        (
            "partly_changed",
            "Safeguarding partnership",
            "Every school now shows who to tell about online harm; a poster is in every club.",
            "Your school now shows you who to tell if something online upsets you.",
        ),
        True,
    ),
)


# -- Weights and shares the generated history draws from (heard.demo.generator) --------------

GROUP_KINDS = (
    (Group.Kind.BUDDY_GROUP, 30),
    (Group.Kind.ADVISORY_GROUP, 10),
    (Group.Kind.YOUTH_COUNCIL, 10),
    (Group.Kind.YOUTH_CABINET, 4),
    (Group.Kind.PRIMARY_PARLIAMENT, 6),
    (Group.Kind.CHILDREN_IN_CARE_COUNCIL, 8),
    (Group.Kind.SEND_GROUP, 8),
    (Group.Kind.YOUNG_CARERS_FORUM, 8),
    (Group.Kind.YOUTH_ASSEMBLY, 4),
    (Group.Kind.AUDIT_TEAM, 6),
    (Group.Kind.YOUNG_COMMISSIONERS, 6),
)
#: Final stages and their shares; every group walks the lifecycle up to its stage.
GROUP_STAGES = (
    (Group.Stage.PROPOSED, 5),
    (Group.Stage.FIRST_VISIT, 4),
    (Group.Stage.PLANNING, 6),
    (Group.Stage.ESTABLISHED, 20),
    (Group.Stage.ACTIVE, 40),
    (Group.Stage.CLOSED, 25),
)

CADENCES = (
    (Group.Cadence.MONTHLY, 60),
    (Group.Cadence.TWICE_TERMLY, 20),
    (Group.Cadence.TERMLY, 15),
    (Group.Cadence.NONE, 5),
)

GROUP_SESSION_KINDS = (
    (Session.Kind.VISIT, 35),
    (Session.Kind.GROUP_SESSION, 35),
    (Session.Kind.MEETING, 12),
    (Session.Kind.EVENT, 8),
    (Session.Kind.CONSULTATION, 6),
    (Session.Kind.PANEL, 4),
)
DEGREES = (
    (Degree.CONSULTED_INFORMED, 30),
    (Degree.ASSIGNED_INFORMED, 10),
    (Degree.ADULT_INITIATED_SHARED, 35),
    (Degree.CYP_INITIATED_SHARED, 18),
    (Degree.CYP_INITIATED_DIRECTED, 7),
)
ATTENDANCE_STATUSES = (
    (Attendance.Status.ATTENDED, 85),
    (Attendance.Status.APOLOGIES, 10),
    (Attendance.Status.ABSENT, 5),
)

#: Progress at a review, by how far into the plan it is: (progress, weight).
MID_YEAR = (
    (Progress.ON_TRACK, 50),
    (Progress.NOT_STARTED, 15),
    (Progress.AT_RISK, 15),
    (Progress.OFF_TRACK, 5),
    (Progress.DONE, 15),
)
YEAR_END = (
    (Progress.DONE, 60),
    (Progress.ON_TRACK, 10),
    (Progress.AT_RISK, 15),
    (Progress.OFF_TRACK, 15),
)

PREFER = "prefer_not_to_say"
#: Answers as young people who take part give them; "" is a question left unanswered.
GENDERS = (
    (Gender.GIRL_OR_WOMAN, 47),
    (Gender.BOY_OR_MAN, 44),
    (Gender.NON_BINARY, 2),
    (Gender.ANOTHER_WAY, 1),
    (PREFER, 3),
    ("", 3),
)
ETHNICITIES = (
    (Ethnicity.WHITE_BRITISH, 64),
    (Ethnicity.WHITE_IRISH, 0.5),
    (Ethnicity.WHITE_GYPSY_TRAVELLER, 0.4),
    (Ethnicity.WHITE_ROMA, 0.4),
    (Ethnicity.WHITE_OTHER, 5),
    (Ethnicity.MIXED_WHITE_ASIAN, 1.5),
    (Ethnicity.MIXED_WHITE_BLACK_AFRICAN, 1),
    (Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN, 1.5),
    (Ethnicity.MIXED_OTHER, 1.5),
    (Ethnicity.ASIAN_BANGLADESHI, 1.5),
    (Ethnicity.ASIAN_CHINESE, 0.7),
    (Ethnicity.ASIAN_INDIAN, 3),
    (Ethnicity.ASIAN_PAKISTANI, 4),
    (Ethnicity.ASIAN_OTHER, 1.5),
    (Ethnicity.BLACK_AFRICAN, 3.5),
    (Ethnicity.BLACK_CARIBBEAN, 1),
    (Ethnicity.BLACK_OTHER, 0.7),
    (Ethnicity.OTHER_ARAB, 0.7),
    (Ethnicity.OTHER_ANY, 1.2),
    (PREFER, 2),
    ("", 4),
)
YES_NO = {
    "disability": ((YesNo.YES, 10), (YesNo.NO, 78), (PREFER, 5), ("", 7)),
    "send": ((YesNo.YES, 20), (YesNo.NO, 70), (PREFER, 4), ("", 6)),
    "young_carer": ((YesNo.YES, 7), (YesNo.NO, 83), (PREFER, 4), ("", 6)),
}
CARE_STATUSES = (
    (CareStatus.NOT_IN_CARE, 82),
    (CareStatus.IN_CARE, 7),
    (CareStatus.CARE_LEAVER, 4),
    (PREFER, 3),
    ("", 4),
)
RELIGIONS = (
    (Religion.NONE, 44),
    (Religion.CHRISTIAN, 32),
    (Religion.MUSLIM, 11),
    (Religion.HINDU, 2),
    (Religion.SIKH, 1.5),
    (Religion.BUDDHIST, 0.6),
    (Religion.JEWISH, 0.6),
    (Religion.OTHER, 1),
    (PREFER, 4),
    ("", 3.3),
)
#: Asked only of young people aged 16 and over.
SEXUAL_ORIENTATIONS = (
    (SexualOrientation.STRAIGHT, 72),
    (SexualOrientation.GAY_OR_LESBIAN, 4),
    (SexualOrientation.BISEXUAL, 8),
    (SexualOrientation.OTHER, 3),
    (PREFER, 9),
    ("", 4),
)

#: Population shares (%) of children and young people (5 to 25) for the benchmarks, by
#: characteristic, and where they come from.
BENCHMARKS: tuple[tuple[str, tuple[tuple[str, float], ...], str], ...] = (
    (
        Characteristic.AGE_BAND,
        (
            (AgeBand.UNDER_8, 13),
            (AgeBand.AGE_8_10, 15),
            (AgeBand.AGE_11_13, 15),
            (AgeBand.AGE_14_15, 10),
            (AgeBand.AGE_16_17, 9.5),
            (AgeBand.AGE_18_25, 37.5),
        ),
        "ONS mid-year population estimates",
    ),
    (
        Characteristic.GENDER,
        (
            (Gender.GIRL_OR_WOMAN, 48.7),
            (Gender.BOY_OR_MAN, 50.5),
            (Gender.NON_BINARY, 0.6),
            (Gender.ANOTHER_WAY, 0.2),
        ),
        "Census 2021",
    ),
    (
        Characteristic.ETHNICITY,
        tuple((value, float(weight)) for value, weight in ETHNICITIES if value not in (PREFER, "")),
        "Census 2021, ages 0 to 24",
    ),
    (Characteristic.DISABILITY, ((YesNo.YES, 9), (YesNo.NO, 91)), "Census 2021"),
    (Characteristic.SEND, ((YesNo.YES, 18.4), (YesNo.NO, 81.6)), "DfE Special educational needs"),
    (
        Characteristic.CARE_STATUS,
        ((CareStatus.NOT_IN_CARE, 98.7), (CareStatus.IN_CARE, 0.7), (CareStatus.CARE_LEAVER, 0.6)),
        "DfE Children looked after",
    ),
    (Characteristic.YOUNG_CARER, ((YesNo.YES, 5), (YesNo.NO, 95)), "Census 2021"),
    (
        Characteristic.RELIGION,
        tuple((value, float(weight)) for value, weight in RELIGIONS if value not in (PREFER, "")),
        "Census 2021",
    ),
)
