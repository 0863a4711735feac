"""What young people say and what they are told back: the words of generated views,
responses and ratings (a data module)."""

from __future__ import annotations

from heard.voice.models import Response, View

_K = View.Kind
#: What young people say, by theme topic (and for views with no theme): (kind, text).
VIEW_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Mental health": (
        (
            _K.EXPERIENCE,
            "I waited months to see someone about my mental health and nobody checked on me.",
        ),
        (
            _K.IDEA,
            "Have a drop-in at school where you can talk to a counsellor without a referral.",
        ),
        (_K.RECOMMENDATION, "Teachers should be trained to notice when someone is struggling."),
        (
            _K.WISH_AND_FEELING,
            "I wish there was someone to talk to in the evenings, not only in the day.",
        ),
    ),
    "Staying safe": (
        (
            _K.VIEW,
            "The park by the shops does not feel safe after dark because the lights are broken.",
        ),
        (_K.RECOMMENDATION, "Put more street lights on the walk home from the youth club."),
        (_K.EXPERIENCE, "Older kids hang around the bus station and younger ones get picked on."),
        (_K.COMPLAINT, "We reported the broken lights months ago and nothing has happened."),
    ),
    "A fair life": (
        (_K.VIEW, "Bus fares take most of my money and I cannot get to college."),
        (_K.RECOMMENDATION, "Make the bus free for young people in care."),
        (_K.EXPERIENCE, "School trips cost too much so I stay behind."),
        (_K.WISH_AND_FEELING, "I wish I had the same chances as my friends."),
    ),
    "Enjoying education and leisure": (
        (_K.IDEA, "Open the sports hall at weekends so we have somewhere to go."),
        (_K.VIEW, "There is nothing to do round here for people our age."),
        (_K.RECOMMENDATION, "Let young people help choose what the youth centre spends money on."),
        (_K.COMPLAINT, "The library shuts early on Saturdays and that is when we can go."),
    ),
    "Youth justice and anti-social behaviour": (
        (_K.EXPERIENCE, "When the police stop us they never say why, and it feels unfair."),
        (_K.RECOMMENDATION, "Officers should give a card saying why you were stopped."),
        (_K.IDEA, "Have a youth worker at the station when young people are brought in."),
        (_K.VIEW, "Dispersal orders just move us on to somewhere less safe."),
    ),
    "Asylum and trafficking": (
        (_K.WISH_AND_FEELING, "I want someone who speaks my language when I first arrive."),
        (_K.EXPERIENCE, "The age assessment felt like they did not believe anything I said."),
        (_K.RECOMMENDATION, "Give new arrivals a phone with credit for the first month."),
        (_K.IDEA, "A welcome pack written by young people who came here before."),
    ),
    "Transport and getting around": (
        (_K.COMPLAINT, "The last bus leaves at seven so I cannot stay for after-school clubs."),
        (_K.IDEA, "A young person's bus pass that works on every company's buses."),
        (_K.EXPERIENCE, "Drivers sometimes do not stop for us when we are in school uniform."),
        (_K.RECOMMENDATION, "Put a bus shelter at the stop outside the college."),
    ),
    "Leaving care": (
        (_K.WISH_AND_FEELING, "I want to keep the same worker after I turn 18."),
        (_K.EXPERIENCE, "When I moved into my flat I did not know how to pay the bills."),
        (_K.RECOMMENDATION, "Teach cooking and budgeting before young people leave care."),
        (_K.VIEW, "Care leavers should not pay council tax until they are 25."),
    ),
    "Young carers": (
        (_K.EXPERIENCE, "I look after my mum and I am often late for school because of it."),
        (_K.RECOMMENDATION, "Teachers should know who the young carers are so they understand."),
        (_K.WISH_AND_FEELING, "I wish I could have a break sometimes and do things for me."),
        (_K.IDEA, "A young carers card to show at school and at the chemist."),
    ),
    "Online safety": (
        (_K.VIEW, "Adults only warn us about strangers, but it is often people we know."),
        (
            _K.EXPERIENCE,
            "Someone shared a photo of my friend and the school did not know what to do.",
        ),
        (_K.RECOMMENDATION, "Make reporting things online quick, with someone who replies."),
        (_K.IDEA, "Older pupils could teach younger ones about staying safe online."),
    ),
    "Climate and green spaces": (
        (_K.IDEA, "Plant trees on the school field and let pupils look after them."),
        (_K.COMPLAINT, "The playground by the flats is full of litter and broken glass."),
        (_K.RECOMMENDATION, "Put more recycling bins in the town centre."),
        (_K.VIEW, "Young people care about the climate and want a say in the council's plans."),
    ),
    "Cost of living": (
        (_K.EXPERIENCE, "Some days there is no food at home before school."),
        (_K.RECOMMENDATION, "A free breakfast club for every pupil who wants it."),
        (_K.WISH_AND_FEELING, "I worry about money a lot and it stops me sleeping."),
        (_K.IDEA, "A swap shop for school uniform and sports kit."),
    ),
    "Health services": (
        (_K.COMPLAINT, "The doctor talked to my dad and not to me."),
        (_K.RECOMMENDATION, "Let young people book appointments by text message."),
        (_K.EXPERIENCE, "I did not know I could see the school nurse on my own."),
        (_K.IDEA, "A health clinic for young people in the youth centre once a week."),
    ),
    "Jobs and training": (
        (_K.WISH_AND_FEELING, "I want a job but nobody will give me a chance without experience."),
        (_K.IDEA, "Work experience with the council for young people in care."),
        (_K.RECOMMENDATION, "Careers advice should start earlier, not just in year 11."),
        (_K.VIEW, "Apprenticeships are hard to find and the pay is too low to live on."),
    ),
    "": (
        (_K.VIEW, "I like coming to the group because people listen to what I say."),
        (_K.EXPERIENCE, "My review was better because I could say what I wanted first."),
        (_K.WISH_AND_FEELING, "I want to see my brother more often."),
        (_K.RECOMMENDATION, "Meetings about me should be when I am not at school."),
        (_K.COMPLAINT, "Nobody told me my social worker had changed."),
        (_K.IDEA, "Let young people write part of their own plan."),
    ),
}
_O = Response.Outcome
#: (outcome, weight, ((explanation, plain language), ...)); explanations name the decision-maker.
RESPONSE_TEXTS: tuple[tuple[str, int, tuple[tuple[str, str], ...]], ...] = (
    (
        _O.CHANGED,
        35,
        (
            (
                "The {maker} agreed the change and it is now in place; the service plan was "
                "updated to say so.",
                "You told us what needed to change. We changed it. Thank you for telling us.",
            ),
            (
                "The {maker} took this to the next planning meeting, which agreed it; it starts "
                "this term.",
                "We listened to you. The change starts this term.",
            ),
        ),
    ),
    (
        _O.PARTLY_CHANGED,
        25,
        (
            (
                "The {maker} agreed part of this; the rest needs money that is not in this "
                "year's budget and will be asked for next year.",
                "We did some of what you asked. We will ask for money to do the rest next year.",
            ),
            (
                "A smaller version is being tried in two areas first, agreed by the {maker}; if "
                "it works it will be used everywhere.",
                "We are trying your idea in two places first. If it works, we will do it "
                "everywhere.",
            ),
        ),
    ),
    (
        _O.NOT_POSSIBLE,
        20,
        (
            (
                "Not possible: the rules the {maker} must follow do not allow it, and changing "
                "them is for the government, which has been told what you said.",
                "We cannot do this. The rules do not let us. We told the people who make the "
                "rules what you said.",
            ),
            (
                "Not possible this year: there is no money for it in the budget. The {maker} "
                "has noted it so it is looked at again when next year's budget is set.",
                "We cannot do this now because there is no money for it. We will look at it "
                "again next year.",
            ),
            (
                "Not possible: the building belongs to another organisation, which said no. The "
                "{maker} asked them why and has passed on their reasons.",
                "We cannot do this. The building is not ours and the owners said no. We asked "
                "them why and will tell you.",
            ),
        ),
    ),
    (
        _O.STILL_CONSIDERING,
        20,
        (
            (
                "The {maker} is looking at the cost and will decide at the next meeting.",
                "We are still thinking about this. We will tell you what we decide.",
            ),
            (
                "This has gone to the {maker}, who meets next month to decide.",
                "The people in charge will decide next month. We will come back and tell you.",
            ),
        ),
    ),
)
DECISION_MAKERS = (
    "Head of Participation",
    "Director of Children's Services",
    "Cabinet Member for Children and Young People",
    "Youth Services Manager",
    "Headteachers' forum",
    "Transport board",
    "Head of Leaving Care",
    "Community Safety Partnership",
    "Children's health commissioner",
    "Parks and green spaces manager",
)
RATING_COMMENTS = (
    "Thank you for telling us.",
    "Good that something happened.",
    "I still think it should change.",
    "I did not understand the answer.",
)
#: Views older than this (the partnership's default target) are mostly answered (about 70%).
