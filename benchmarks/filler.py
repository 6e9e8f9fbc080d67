"""Plain-English filler text for synthetic pages, the same for the same seed.

Sentences are put together from short phrases in the knowledge base's own
register, so pages read like the real ones to the parser, the search indexer
and the reading-level tools, without claiming anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

SUBJECTS = (
    "Many people",
    "Some people",
    "A few people",
    "Doctors",
    "Nurses",
    "Your family",
    "A short walk",
    "Gentle exercise",
    "Regular sleep",
    "A pain diary",
    "A warm bath",
    "Stress at work",
    "Long days",
    "Cold weather",
    "A change in routine",
    "Talking to a friend",
    "Pacing your day",
    "A good night's rest",
    "Bright light",
    "Loud noise",
    "Some medicines",
    "Simple stretches",
    "Time outdoors",
    "A support group",
)
# Modal verbs agree with singular and plural subjects alike.
VERBS = (
    "can help with",
    "can come with",
    "may ease",
    "can make worse",
    "may be linked to",
    "will not always cause",
    "may change",
    "can affect",
    "can be part of",
    "may lower",
    "can bring on",
    "may feel different from",
)
OBJECTS = (
    "pain in the back",
    "pain in the neck",
    "poor sleep",
    "low mood",
    "headaches",
    "daily tasks",
    "work and school",
    "the way you feel",
    "tiredness",
    "stiff joints",
    "sore muscles",
    "a busy mind",
    "memory and focus",
    "how much you can do",
    "time with friends",
    "flare-ups",
    "an upset stomach",
    "attacks of migraine",
    "the start of an attack",
    "the next day",
    "your energy",
    "plans for the week",
)
TAILS = (
    "",
    "",
    "",
    " for some people",
    " over a few weeks",
    " in one study",
    " on most days",
    " in the long run",
    " at night",
    " after a busy day",
    " in older adults",
    " in children",
)
# Nouns for titles and headings; also widen the words the search index holds.
NOUNS = (
    "pain",
    "sleep",
    "rest",
    "mood",
    "work",
    "school",
    "family",
    "exercise",
    "diet",
    "stress",
    "weather",
    "travel",
    "money",
    "driving",
    "memory",
    "focus",
    "triggers",
    "warning signs",
    "medicines",
    "side effects",
    "tests",
    "diagnosis",
    "pacing",
    "posture",
    "stretching",
    "walking",
    "swimming",
    "yoga",
    "massage",
    "heat",
    "cold",
    "light",
    "noise",
    "smell",
    "food",
    "water",
    "coffee",
    "alcohol",
    "screens",
    "hormones",
    "pregnancy",
    "ageing",
    "children",
    "teenagers",
    "partners",
    "carers",
    "friends",
    "support",
    "records",
    "appointments",
    "questions",
    "goals",
    "habits",
    "routines",
    "flare-ups",
    "attacks",
    "recovery",
    "treatment",
    "therapy",
    "research",
)
ADJECTIVES = (
    "Everyday",
    "Common",
    "Early",
    "Gentle",
    "Simple",
    "Daily",
    "Long-term",
    "Short-term",
    "Practical",
    "Safe",
    "Useful",
    "First",
    "Quick",
    "Careful",
    "Regular",
)
#: Glossary terms, as pages link them with {term}.
GLOSSARY_TERMS = (
    "acute treatment",
    "allodynia",
    "analgesic",
    "antidepressant",
    "aura",
    "botulinum toxin",
    "central sensitisation",
    "chronic migraine",
    "cluster headache",
    "cognitive behavioural therapy",
    "comorbidity",
    "diagnostic criteria",
    "dose",
    "episodic migraine",
    "fatigue",
    "fibro fog",
    "fibromyalgia",
    "flare-up",
    "graded exercise",
    "headache diary",
    "hyperalgesia",
    "insomnia",
    "irritable bowel syndrome",
    "medication overuse headache",
    "meta-analysis",
    "migraine",
    "neurologist",
    "neuropathic pain",
    "nociceptor",
    "pacing",
    "placebo",
    "prevalence",
    "preventive treatment",
    "primary headache",
    "prodrome",
    "randomised controlled trial",
    "referred pain",
    "rheumatologist",
    "secondary headache",
    "sensitisation",
    "side effect",
    "sleep hygiene",
    "symptom severity scale",
    "systematic review",
    "tension-type headache",
    "tender point",
    "trigger",
    "trigger point",
    "triptan",
    "widespread pain index",
)


class Filler:
    """Deterministic filler: the same calls on the same generator give the same text."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        """One sentence, without its full stop, so a citation can follow it."""
        pick = self.rng.choice
        return f"{pick(SUBJECTS)} {pick(VERBS)} {pick(OBJECTS)}{pick(TAILS)}"

    def paragraph(self, sentences: int) -> list[str]:
        return [self.sentence() for _ in range(sentences)]

    def title(self) -> str:
        first, second = self.rng.sample(NOUNS, 2)
        return f"{self.rng.choice(ADJECTIVES)} {first} and {second}"

    def headings(self, count: int) -> list[str]:
        """Distinct headings, so no page has two sections with one anchor."""
        nouns = self.rng.sample(NOUNS, count)
        return [f"{noun[0].upper()}{noun[1:]} and your day" for noun in nouns]

    def description(self) -> str:
        # Front matter is YAML: filler never holds ": ", so it needs no quotes.
        return f"{self.sentence()}, and {self.sentence().lower()}."

    def definition(self) -> str:
        return f"{self.sentence()}. {self.sentence()}."
