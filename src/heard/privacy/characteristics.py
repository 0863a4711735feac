"""The equality characteristics' choices (M15): gender, ethnicity (the 2021 census's), yes or no,
care status, religion and sexual orientation, each with "Prefer not to say". Their tables
stand in the data module ``heard.privacy.choices``; they keep their names here, and
``heard.privacy.models`` imports every name here."""

from __future__ import annotations

from heard.privacy.choices import PREFER_NOT_TO_SAY as PREFER_NOT_TO_SAY
from heard.privacy.choices import CareStatus as CareStatus
from heard.privacy.choices import Ethnicity as Ethnicity
from heard.privacy.choices import Gender as Gender
from heard.privacy.choices import Religion as Religion
from heard.privacy.choices import SexualOrientation as SexualOrientation
from heard.privacy.choices import YesNo as YesNo
