"""The true persons: who exists, before anyone writes them down.

Every attribute is a numpy array over persons; names are lexicon indices (0 = none).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from access.records.synthetic import data_names as data
from access.records.synthetic.lexicon import ORIGINS, Category, Lexicon, lexicon

CITIZENSHIPS = ("us_born", "naturalized", "lawful_permanent_resident", "noncitizen")
FOREIGN_BORN_STATUS_P = np.array([0.08, 0.30, 0.62])  # naturalized, LPR, noncitizen
REFERENCE_DATE = np.datetime64("2025-01-01")
FAMILY_FIRST = (ORIGINS.index("vietnamese"), ORIGINS.index("chinese"))

# Share of persons in each constructed collision.
TWIN_SHARE = 0.010
JUNIOR_SHARE = 0.010
NAMESAKE_SHARE = 0.005


@dataclass
class Truth:
    origin: np.ndarray
    sex: np.ndarray  # "M" / "F"
    country: np.ndarray
    given: np.ndarray
    middle: np.ndarray
    family1: np.ndarray
    family2: np.ndarray
    dob: np.ndarray  # datetime64[D]
    place: np.ndarray
    street: np.ndarray
    city: np.ndarray
    state: np.ndarray
    postcode: np.ndarray
    citizenship: np.ndarray  # index into CITIZENSHIPS
    criminal: np.ndarray
    junior: np.ndarray
    related: np.ndarray  # index of the twin / parent / namesake, or -1
    relation: np.ndarray  # "", "twin", "junior", "namesake"
    ids: dict[str, np.ndarray] = field(default_factory=dict)  # normalised values, "" = none

    def __len__(self) -> int:
        return len(self.origin)

    def take(self, idx: np.ndarray) -> Truth:
        values = {name: getattr(self, name)[idx] for name in _ARRAYS}
        return Truth(**values, ids={k: v[idx] for k, v in self.ids.items()})


_ARRAYS = [
    "origin",
    "sex",
    "country",
    "given",
    "middle",
    "family1",
    "family2",
    "dob",
    "place",
    "street",
    "city",
    "state",
    "postcode",
    "citizenship",
    "criminal",
    "junior",
    "related",
    "relation",
]


def sample(n: int, rng: np.random.Generator) -> Truth:
    lex = lexicon()
    shares = np.array([data.ORIGIN_SHARES[o] for o in ORIGINS])
    origin = rng.choice(len(ORIGINS), size=n, p=shares / shares.sum()).astype(np.int8)
    sex = np.where(rng.random(n) < 0.78, "M", "F").astype(object)  # bookings skew male
    country = np.empty(n, dtype=object)
    for o, name in enumerate(ORIGINS):
        idx = np.flatnonzero(origin == o)
        codes, p = lex.countries[name]
        country[idx] = codes[rng.choice(len(codes), size=len(idx), p=p)]
    truth = Truth(
        origin=origin,
        sex=sex,
        country=country,
        given=np.zeros(n, np.int32),
        middle=np.zeros(n, np.int32),
        family1=np.zeros(n, np.int32),
        family2=np.zeros(n, np.int32),
        dob=_dates_of_birth(n, rng),
        place=_places(country, lex, rng),
        street=np.empty(n, object),
        city=np.empty(n, object),
        state=np.empty(n, object),
        postcode=np.empty(n, object),
        citizenship=np.zeros(n, np.int8),
        criminal=np.zeros(n, bool),
        junior=np.zeros(n, bool),
        related=np.full(n, -1, np.int64),
        relation=np.full(n, "", dtype=object),
    )
    everyone = np.arange(n)
    _given_names(truth, everyone, lex, rng)
    _family_names(truth, everyone, lex, rng)
    _addresses(truth, lex, rng)
    foreign = truth.country != "US"
    status = rng.choice(3, size=n, p=FOREIGN_BORN_STATUS_P) + 1
    truth.citizenship = np.where(foreign, status, 0).astype(np.int8)
    truth.criminal = rng.random(n) < np.where(foreign, 0.55, 0.9)
    return truth


def _dates_of_birth(n: int, rng: np.random.Generator) -> np.ndarray:
    age_days = (18 + np.minimum(rng.gamma(2.2, 8.5, n), 67)) * 365.2425
    return REFERENCE_DATE - age_days.astype(np.int64).astype("timedelta64[D]")


def _places(country: np.ndarray, lex: Lexicon, rng: np.random.Generator) -> np.ndarray:
    place = np.empty(len(country), dtype=object)
    for code in np.unique(country):
        idx = np.flatnonzero(country == code)
        names = lex.places[code]
        place[idx] = names[rng.integers(0, len(names), len(idx))]
    return place


def _pick(
    cat: Category, size: int, rng: np.random.Generator, form: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Entries by weight, then a spelling: the usual one mostly, a variant sometimes."""
    entry = rng.choice(len(cat.p), size=size, p=cat.p)
    if form is None:
        n_forms = cat.n_forms[entry]
        variant = 1 + (rng.random(size) * np.maximum(n_forms - 1, 1)).astype(np.int32)
        form = np.where((n_forms > 1) & (rng.random(size) < 0.35), variant, 0)
    return entry, cat.forms[entry, form]


def _chinese_form(country: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Pinyin in the PRC, Wade-Giles in Taiwan, Cantonese in Hong Kong; U.S.-born: either."""
    us_form = np.where(rng.random(len(country)) < 0.5, 0, 2)
    return np.select([country == "TW", country == "HK", country == "US"], [1, 2, us_form], 0)


def _given_names(truth: Truth, idx: np.ndarray, lex: Lexicon, rng: np.random.Generator) -> None:
    for o, origin in enumerate(ORIGINS):
        for sex, kind in (("M", "male"), ("F", "female")):
            sub = idx[(truth.origin[idx] == o) & (truth.sex[idx] == sex)]
            if not len(sub):
                continue
            n = len(sub)
            form = _chinese_form(truth.country[sub], rng) if origin == "chinese" else None
            truth.given[sub] = _pick(lex.categories[(origin, kind)], n, rng, form)[1]
            middle = np.zeros(n, np.int32)
            if origin == "hispanic":
                pair = lex.categories[(origin, kind + "2")]
                middle = np.where(rng.random(n) < 0.45, _pick(pair, n, rng)[1], 0)
            elif origin == "vietnamese":
                mids = lex.categories[(origin, kind + "_middle")]
                middle = np.where(rng.random(n) < 0.95, _pick(mids, n, rng)[1], 0)
            elif origin == "arabic":  # the father's name
                fathers = lex.categories[(origin, "male")]
                middle = np.where(rng.random(n) < 0.5, _pick(fathers, n, rng)[1], 0)
            elif origin != "chinese":
                share = {"anglo": 0.55, "slavic": 0.1}.get(origin, 0.3)
                same = lex.categories[(origin, kind)]
                middle = np.where(rng.random(n) < share, _pick(same, n, rng)[1], 0)
            middle = np.where(middle == truth.given[sub], 0, middle)
            truth.middle[sub] = middle


def _family_names(truth: Truth, idx: np.ndarray, lex: Lexicon, rng: np.random.Generator) -> None:
    for o, origin in enumerate(ORIGINS):
        sub = idx[truth.origin[idx] == o]
        if not len(sub):
            continue
        n = len(sub)
        cat = lex.categories[(origin, "family")]
        form = _chinese_form(truth.country[sub], rng) if origin == "chinese" else None
        entry, family = _pick(cat, n, rng, form)
        female = truth.sex[sub] == "F"
        if origin == "slavic":
            usual = family == cat.forms[entry, 0]
            family = np.where(female & usual, cat.female_forms[entry], family)
        if origin == "south_asian":
            kaur = female & (family == lex.index("Singh")) & (rng.random(n) < 0.7)
            family = np.where(kaur, lex.index("Kaur"), family)
        truth.family1[sub] = family
        if origin == "hispanic":
            share = np.where(truth.country[sub] == "US", 0.45, 0.8)
            maternal = _pick(cat, n, rng)[1]
            keep = (rng.random(n) < share) & (maternal != family)
            truth.family2[sub] = np.where(keep, maternal, 0)


def _addresses(truth: Truth, lex: Lexicon, rng: np.random.Generator) -> None:
    n = len(truth)
    city, state, zip3, p = lex.cities
    which = rng.choice(len(city), size=n, p=p)
    numbers = rng.integers(1, 9999, n).tolist()
    streets = np.array(data.STREETS, dtype=object)[rng.integers(0, len(data.STREETS), n)].tolist()
    types = np.array(data.STREET_TYPES, dtype=object)[
        rng.integers(0, len(data.STREET_TYPES), n)
    ].tolist()
    truth.street = np.array(
        [f"{a} {b} {c}" for a, b, c in zip(numbers, streets, types, strict=True)], dtype=object
    )
    truth.city = city[which]
    truth.state = state[which]
    tails = rng.integers(0, 100, n).tolist()
    truth.postcode = np.array(
        [f"{z}{t:02d}" for z, t in zip(zip3[which].tolist(), tails, strict=True)], dtype=object
    )


def add_collisions(truth: Truth, rng: np.random.Generator) -> None:
    """Twins, fathers and sons with the same name, and namesakes born the same day elsewhere."""
    n = len(truth)
    if n < 10:
        return
    lex = lexicon()
    taken = np.zeros(n, bool)

    def choose(share: float) -> np.ndarray:
        k = max(1, int(n * share))
        picked = rng.choice(np.arange(1, n), size=k, replace=False)
        picked = picked[~taken[picked] & ~taken[picked - 1]]
        taken[picked] = True
        taken[picked - 1] = True
        return np.sort(picked)

    # Twins: same family, birth date, place, home; their own given names.
    twins = choose(TWIN_SHARE)
    sibling = twins - 1
    for name in ("origin", "country", "family1", "family2", "dob", "place", "street", "city"):
        getattr(truth, name)[twins] = getattr(truth, name)[sibling]
    for name in ("state", "postcode", "citizenship", "criminal"):
        getattr(truth, name)[twins] = getattr(truth, name)[sibling]
    truth.sex[twins] = np.where(rng.random(len(twins)) < 0.5, "M", "F")
    _given_names(truth, twins, lex, rng)
    same = truth.given[twins] == truth.given[sibling]
    truth.given[twins[same]] = truth.middle[sibling[same]]
    truth.related[twins], truth.relation[twins] = sibling, "twin"

    # Juniors: a son with his father's full name, 20-35 years younger, same home.
    juniors = choose(JUNIOR_SHARE)
    fathers = juniors - 1
    truth.sex[fathers] = "M"
    truth.sex[juniors] = "M"
    for name in ("origin", "given", "middle", "family1", "family2", "street", "city", "state"):
        getattr(truth, name)[juniors] = getattr(truth, name)[fathers]
    truth.postcode[juniors] = truth.postcode[fathers]
    latest = np.datetime64("2006-12-31")
    truth.dob[fathers] = np.minimum(truth.dob[fathers], latest - np.timedelta64(20 * 365, "D"))
    gap = (rng.integers(20, 36, len(juniors)) * 365.2425).astype(np.int64)
    truth.dob[juniors] = np.minimum(truth.dob[fathers] + gap.astype("timedelta64[D]"), latest)
    born_here = rng.random(len(juniors)) < 0.6
    truth.country[juniors] = np.where(born_here, "US", truth.country[fathers])
    truth.place[juniors] = _places(truth.country[juniors], lex, rng)
    truth.citizenship[juniors] = np.where(born_here, 0, truth.citizenship[fathers])
    truth.junior[juniors] = True
    truth.related[juniors], truth.relation[juniors] = fathers, "junior"

    # Namesakes: same name and birth date as someone of the same origin; another place.
    namesakes = choose(NAMESAKE_SHARE)
    for o in range(len(ORIGINS)):
        mine = namesakes[truth.origin[namesakes] == o]
        pool = np.flatnonzero((truth.origin == o) & ~taken)
        if not len(mine) or not len(pool):
            continue
        other = pool[rng.integers(0, len(pool), len(mine))]
        for name in ("sex", "given", "middle", "family1", "family2", "dob"):
            getattr(truth, name)[mine] = getattr(truth, name)[other]
        truth.related[mine], truth.relation[mine] = other, "namesake"


IDENTIFIER_SHARES = {
    # (kind, share among the foreign-born, share among U.S.-born), before criminal history.
    "a_number": (0.92, 0.0),
    "fingerprint_id": (0.85, 0.05),
    "passport": (0.55, 0.40),
    "driver_licence": (0.55, 0.75),
}


def assign_identifiers(truth: Truth, rng: np.random.Generator) -> None:
    """Unique identifiers, normalised (the A-number as 9 digits); not everyone has each."""
    n = len(truth)
    foreign = truth.citizenship != 0
    citizen = truth.citizenship <= 1
    has = {
        kind: rng.random(n) < np.where(foreign, f, u) for kind, (f, u) in IDENTIFIER_SHARES.items()
    }
    has["fbi_number"] = truth.criminal & (rng.random(n) < 0.9)
    has["state_id"] = truth.criminal & (rng.random(n) < 0.8)
    ssn_share = np.select([citizen, truth.citizenship == 2], [0.6, 0.45], 0.05)
    has["ssn"] = rng.random(n) < ssn_share
    old = rng.random(n) < 0.3  # A-numbers issued before the 9-digit series: 8 digits
    a_new = _unique(n, 200_000_000, 250_000_000, rng)
    a_old = _unique(n, 10_000_000, 99_999_999, rng)
    truth.ids["a_number"] = _fmt(np.where(old, a_old, a_new), "{:09d}", has["a_number"])
    truth.ids["fingerprint_id"] = _fmt(
        _unique(n, 1_000_000_000, 9_999_999_999, rng), "{:010d}", has["fingerprint_id"]
    )
    fbi = _unique(n, 0, 1_000_000 * 676, rng)
    letters = np.array([chr(65 + i) for i in range(26)], dtype=object)
    check = rng.integers(0, 10, n)
    fbi_values = [
        f"{v // 676:06d}{letters[(v % 676) // 26]}{letters[v % 26]}{c}"
        for v, c in zip(fbi.tolist(), check.tolist(), strict=True)
    ]
    truth.ids["fbi_number"] = np.where(has["fbi_number"], np.array(fbi_values, object), "")
    sid = _unique(n, 10_000_000, 99_999_999, rng).tolist()
    truth.ids["state_id"] = np.where(
        has["state_id"],
        np.array([f"{s}{v}" for s, v in zip(truth.state.tolist(), sid, strict=True)], object),
        "",
    )
    us_passport = _unique(n, 500_000_000, 599_999_999, rng).tolist()
    foreign_passport = _unique(n, 10_000_000, 99_999_999, rng).tolist()
    initials = letters[rng.integers(0, 26, n)].tolist()
    passports = [
        f"{u}" if c == "US" else f"{i}{f}"
        for c, u, i, f in zip(
            truth.country.tolist(), us_passport, initials, foreign_passport, strict=True
        )
    ]
    truth.ids["passport"] = np.where(has["passport"], np.array(passports, object), "")
    dl = _unique(n, 1_000_000, 9_999_999, rng).tolist()
    dl_letter = letters[rng.integers(0, 26, n)].tolist()
    truth.ids["driver_licence"] = np.where(
        has["driver_licence"],
        np.array([f"{a}{b}" for a, b in zip(dl_letter, dl, strict=True)], object),
        "",
    )
    ssn = _unique(n, 1_010_001, 899_999_999, rng)
    truth.ids["ssn"] = _fmt(ssn, "{:09d}", has["ssn"])


def _unique(n: int, low: int, high: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct numbers in [low, high) that look random: an affine bijection modulo the span."""
    span = high - low
    multiplier = int(rng.integers(span // 3, span // 2)) | 1
    while math.gcd(multiplier, span) != 1:
        multiplier += 2
    start = int(rng.integers(0, span))
    x = (start + np.arange(n, dtype=np.int64)) % span
    return (
        low + (x * multiplier) % span
        if span < 3_000_000_000
        else low + _mulmod(x, multiplier, span)
    )


def _mulmod(x: np.ndarray, a: int, m: int) -> np.ndarray:
    """(x * a) % m without int64 overflow (splits ``a`` into 16-bit limbs)."""
    result = np.zeros_like(x)
    shift = 0
    while a:
        limb = a & 0xFFFF
        term = (x * limb) % m
        for _ in range(shift):
            term = (term * 65536) % m
        result = (result + term) % m
        a >>= 16
        shift += 1
    return result


def _fmt(values: np.ndarray, pattern: str, present: np.ndarray) -> np.ndarray:
    out = np.full(len(values), "", dtype=object)
    where = np.flatnonzero(present)
    out[where] = [pattern.format(v) for v in values[where].tolist()]
    return out
