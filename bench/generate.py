"""Generate a valid synthetic newstui timeline of any size, for benchmarks and scale tests.

    python bench/generate.py 100000 -o /tmp/t100k.yaml      # YAML (~850 bytes per event)
    python bench/generate.py 1000 -o /tmp/t1k.json          # the same model as JSON

Events look like hand-curated ones: ~60 countries with real capitals and time zones,
thousands of actors, folded summaries, quotes with typographic punctuation, links to
earlier events, and mixed date precision (year, month, day, time with an offset, local
time in the place's zone). Output is deterministic for a given size and ``--seed``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# (code, capital, lat, lon, IANA zone, UTC offset written on timed events)
PLACES: tuple[tuple[str, str, float, float, str, str], ...] = (
    ("TR", "Ankara", 39.93, 32.86, "Europe/Istanbul", "+03:00"),
    ("IL", "Jerusalem", 31.77, 35.21, "Asia/Jerusalem", "+02:00"),
    ("PS", "Gaza City", 31.50, 34.47, "Asia/Gaza", "+02:00"),
    ("JO", "Amman", 31.95, 35.93, "Asia/Amman", "+03:00"),
    ("IN", "New Delhi", 28.61, 77.21, "Asia/Kolkata", "+05:30"),
    ("JP", "Tokyo", 35.68, 139.69, "Asia/Tokyo", "+09:00"),
    ("KR", "Seoul", 37.57, 126.98, "Asia/Seoul", "+09:00"),
    ("US", "Washington", 38.90, -77.04, "America/New_York", "-05:00"),
    ("CA", "Ottawa", 45.42, -75.70, "America/Toronto", "-05:00"),
    ("MX", "Mexico City", 19.43, -99.13, "America/Mexico_City", "-06:00"),
    ("BR", "Brasília", -15.79, -47.88, "America/Sao_Paulo", "-03:00"),
    ("AR", "Buenos Aires", -34.60, -58.38, "America/Argentina/Buenos_Aires", "-03:00"),
    ("CL", "Santiago", -33.45, -70.67, "America/Santiago", "-03:00"),
    ("CO", "Bogotá", 4.71, -74.07, "America/Bogota", "-05:00"),
    ("PE", "Lima", -12.05, -77.04, "America/Lima", "-05:00"),
    ("GB", "London", 51.51, -0.13, "Europe/London", "+00:00"),
    ("FR", "Paris", 48.86, 2.35, "Europe/Paris", "+01:00"),
    ("DE", "Berlin", 52.52, 13.40, "Europe/Berlin", "+01:00"),
    ("IT", "Rome", 41.90, 12.50, "Europe/Rome", "+01:00"),
    ("ES", "Madrid", 40.42, -3.70, "Europe/Madrid", "+01:00"),
    ("PT", "Lisbon", 38.72, -9.14, "Europe/Lisbon", "+00:00"),
    ("NL", "The Hague", 52.07, 4.30, "Europe/Amsterdam", "+01:00"),
    ("BE", "Brussels", 50.85, 4.35, "Europe/Brussels", "+01:00"),
    ("NO", "Oslo", 59.91, 10.75, "Europe/Oslo", "+01:00"),
    ("SE", "Stockholm", 59.33, 18.07, "Europe/Stockholm", "+01:00"),
    ("FI", "Helsinki", 60.17, 24.94, "Europe/Helsinki", "+02:00"),
    ("PL", "Warsaw", 52.23, 21.01, "Europe/Warsaw", "+01:00"),
    ("UA", "Kyiv", 50.45, 30.52, "Europe/Kyiv", "+02:00"),
    ("RU", "Moscow", 55.76, 37.62, "Europe/Moscow", "+03:00"),
    ("GR", "Athens", 37.98, 23.73, "Europe/Athens", "+02:00"),
    ("CY", "Nicosia", 35.19, 33.38, "Asia/Nicosia", "+02:00"),
    ("EG", "Cairo", 30.04, 31.24, "Africa/Cairo", "+02:00"),
    ("LB", "Beirut", 33.89, 35.50, "Asia/Beirut", "+02:00"),
    ("SY", "Damascus", 33.51, 36.29, "Asia/Damascus", "+03:00"),
    ("IQ", "Baghdad", 33.31, 44.36, "Asia/Baghdad", "+03:00"),
    ("IR", "Tehran", 35.69, 51.39, "Asia/Tehran", "+03:30"),
    ("SA", "Riyadh", 24.71, 46.68, "Asia/Riyadh", "+03:00"),
    ("AE", "Abu Dhabi", 24.45, 54.38, "Asia/Dubai", "+04:00"),
    ("QA", "Doha", 25.29, 51.53, "Asia/Qatar", "+03:00"),
    ("YE", "Sanaa", 15.37, 44.19, "Asia/Aden", "+03:00"),
    ("PK", "Islamabad", 33.68, 73.05, "Asia/Karachi", "+05:00"),
    ("AF", "Kabul", 34.56, 69.21, "Asia/Kabul", "+04:30"),
    ("BD", "Dhaka", 23.81, 90.41, "Asia/Dhaka", "+06:00"),
    ("CN", "Beijing", 39.90, 116.41, "Asia/Shanghai", "+08:00"),
    ("TW", "Taipei", 25.03, 121.57, "Asia/Taipei", "+08:00"),
    ("PH", "Manila", 14.60, 120.98, "Asia/Manila", "+08:00"),
    ("ID", "Jakarta", -6.21, 106.85, "Asia/Jakarta", "+07:00"),
    ("VN", "Hanoi", 21.03, 105.85, "Asia/Ho_Chi_Minh", "+07:00"),
    ("TH", "Bangkok", 13.76, 100.50, "Asia/Bangkok", "+07:00"),
    ("AU", "Canberra", -35.28, 149.13, "Australia/Sydney", "+11:00"),
    ("NZ", "Wellington", -41.29, 174.78, "Pacific/Auckland", "+13:00"),
    ("ZA", "Pretoria", -25.75, 28.19, "Africa/Johannesburg", "+02:00"),
    ("NG", "Abuja", 9.08, 7.40, "Africa/Lagos", "+01:00"),
    ("KE", "Nairobi", -1.29, 36.82, "Africa/Nairobi", "+03:00"),
    ("ET", "Addis Ababa", 9.03, 38.74, "Africa/Addis_Ababa", "+03:00"),
    ("SD", "Khartoum", 15.50, 32.56, "Africa/Khartoum", "+02:00"),
    ("MA", "Rabat", 34.02, -6.84, "Africa/Casablanca", "+01:00"),
    ("SN", "Dakar", 14.72, -17.47, "Africa/Dakar", "+00:00"),
)
KINDS = ("stop", "meeting", "announcement", "statement", "protest", "hearing", "action",
         "incident")
ROLES = ("visitor", "host", "participant", "speaker", "organizer", "target", "subject",
         "mentioned")
RELS = ("part-of", "in-response-to", "follows", "related")
FIRST = ("Antony", "Hakan", "Recep", "Lloyd", "Barbara", "Matthew", "Ayşe", "José", "Søren",
         "Zoë", "Li", "Priya", "Yusuf", "Olena", "Kwame", "Mariana", "Hiroshi", "Fatima",
         "Émile", "Nadia", "Chen", "Rahul", "Ingrid", "Tomás", "Amira", "Dmitri", "Grace")
LAST = ("Blinken", "Fidan", "Erdoğan", "Austin", "Leaf", "Miller", "Jaishankar", "Kishida",
        "Okafor", "Müller", "Núñez", "Kowalski", "Haddad", "Nakamura", "Singh", "Dubois",
        "Andersen", "Petrov", "Mensah", "Silva", "Zhang", "Cohen", "Rahman", "Öztürk")
OFFICES = ("Foreign Minister", "Defense Minister", "Prime Minister", "President",
           "Spokesperson", "Ambassador", "Envoy", "Interior Minister", "Senator",
           "Secretary-General", "Chief of Staff", "Opposition Leader")
ORGS = ("Red Crescent", "Parliament", "Supreme Court", "Armed Forces", "Police",
        "Ministry of Health", "Central Bank", "Election Commission", "Students' Union",
        "Trade Union Federation", "Human Rights Watch chapter", "Coast Guard")
VERBS = ("meets", "warns", "announces", "rejects", "welcomes", "condemns", "visits",
         "proposes", "suspends", "restores", "investigates", "demands", "signs", "opens")
NOUNS = ("ceasefire talks", "humanitarian corridor", "aid convoy", "border crossing",
         "trade agreement", "sanctions package", "peace plan", "hostage deal",
         "election results", "security pact", "fuel deliveries", "refugee quota",
         "evacuation route", "power grid repairs", "grain shipments", "embassy security")
WORDS = ("officials", "said", "the", "talks", "would", "continue", "after", "a", "meeting",
         "in", "capital", "where", "ministers", "discussed", "pauses", "in", "fighting",
         "aid", "civilians", "protesters", "gathered", "outside", "ministry", "police",
         "dispersed", "crowd", "statement", "called", "for", "restraint", "both", "sides",
         "agreed", "to", "meet", "again", "next", "week", "according", "to", "reports",
         "negotiators", "from", "region", "were", "expected", "arrive", "on", "Monday",
         "Tuesday", "Thursday", "delegation", "spokesperson", "declined", "comment",
         "sources", "familiar", "with", "matter", "Türkiye", "São", "Paulo", "café",
         "naïve", "résumé", "Zürich", "Kraków", "Gdańsk", "Reykjavík", "Bogotá")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _when(rng: random.Random, day: date, offset: str) -> tuple[str, str]:
    """(start, precision) text for a date near ``day`` with a realistic precision mix."""
    roll = rng.random()
    if roll < 0.05:
        return str(day.year), "year"
    if roll < 0.15:
        return f"{day.year:04d}-{day.month:02d}", "month"
    if roll < 0.55:
        return day.isoformat(), "day"
    hour, minute = rng.randrange(6, 22), rng.choice((0, 5, 15, 30, 45))
    if roll < 0.85:
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}{offset}", "time"
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}", "local"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def build(count: int, seed: int = 1) -> dict[str, Any]:
    """The whole timeline as plain data (what a YAML or JSON parser would return)."""
    rng = random.Random(seed)
    n_actors = max(40, count // 20)
    n_sources = max(8, count // 50)
    sources: dict[str, Any] = {}
    for i in range(n_sources):
        published = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1800))
        item: dict[str, Any] = {
            "title": f"{rng.choice(NOUNS).capitalize()}: report no. {i} from "
                     f"{rng.choice(PLACES)[1]}",
            "publisher": rng.choice(("Wire Service", "Daily Ledger", "Radio Ankara",
                                     "The Chronicle", "Le Quotidien", "Asahi Evening")),
            "published": published.isoformat(),
        }
        if rng.random() < 0.5:
            item["url"] = f"https://news.example.org/{published.year}/report-{i}"
        if rng.random() < 0.3:
            item["archive"] = f"{i:04d}_report.txt"
        sources[f"src-{i:05d}"] = item
    actors: dict[str, Any] = {}
    for i in range(n_actors):
        code = rng.choice(PLACES)[0]
        roll = rng.random()
        if roll < 0.6:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            actor = {"name": name, "role": f"{rng.choice(OFFICES)} ({code})", "country": code,
                     "kind": "person", "aliases": [name.split()[-1]]}
        elif roll < 0.8:
            actor = {"name": f"Government of {code}", "country": code, "kind": "government"}
        elif roll < 0.95:
            actor = {"name": f"{rng.choice(ORGS)} of {code}", "country": code,
                     "kind": "organization"}
        else:
            actor = {"name": f"Protesters in {code}", "kind": "group"}
        actors[f"actor-{i:05d}"] = actor
    actor_ids, source_ids = list(actors), list(sources)
    events: list[dict[str, Any]] = []
    day0 = date(2019, 1, 1)
    for i in range(count):
        code, city, lat, lon, tz, offset = rng.choice(PLACES)
        day = day0 + timedelta(days=int(i * 2000 / max(count, 1)) + rng.randrange(0, 5))
        start, precision = _when(rng, day, offset)
        verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
        people = rng.sample(actor_ids, rng.randint(1, 4))
        event: dict[str, Any] = {
            "id": f"e{i:06d}-{verb}-{noun.split()[0]}",
            "kind": rng.choice(KINDS),
            "title": f"{actors[people[0]]['name']} {verb} {noun} in {city}",
            "summary": " ".join(_sentence(rng, rng.randint(10, 18)) for _ in range(3)),
            "start": start,
        }
        if precision in ("year", "month"):
            event["approximate"] = True
            event["date_text"] = f"sometime in {start}"
        elif precision == "day" and rng.random() < 0.2:
            event["end"] = (day + timedelta(days=rng.randint(0, 3))).isoformat()
        place: dict[str, Any] = {"name": city, "country": code}
        if rng.random() < 0.7:
            place["lat"], place["lon"] = lat, lon
        if precision == "local" or rng.random() < 0.6:
            place["tz"] = tz
        event["place"] = place
        event["actors"] = [{"id": a, "role": rng.choice(ROLES)} for a in people]
        cited = rng.sample(source_ids, rng.randint(1, 3))
        if rng.random() < 0.4:
            event["quotes"] = [{"speaker": people[0], "text": "We will not accept this; "
                                f"it’s “{_sentence(rng, 8)[:-1]}” — that is all.",
                                "source": cited[0]}]
        event["sources"] = cited
        event["tags"] = [noun.split()[0], code.lower()]
        if i and rng.random() < 0.35:
            event["links"] = [{"rel": rng.choice(RELS),
                               "to": events[rng.randrange(max(0, i - 50), i)]["id"]}]
        if rng.random() < 0.2:
            event["note"] = "Dated from the report's dateline; " + _sentence(rng, 10)
        events.append(event)
    return {"title": f"Synthetic timeline of {count:,} events",
            "description": "Generated by bench/generate.py for benchmarks.",
            "sources": sources, "actors": actors, "events": events}


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in mapping.items()) + "}"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return value if _plain_safe(value) else _quoted(value)


_DATE = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d([+-]\d\d:\d\d)?)?)?)?")


def _plain_safe(value: str) -> bool:
    # Conservative: dates as curators write them (plain), and text made of letters, digits
    # and a few marks; quote anything else.
    if _DATE.fullmatch(value):
        return True
    return bool(value) and value[0].isalpha() and all(
        c.isalnum() or c in " -_./()" for c in value)


def yaml_lines(data: dict[str, Any]) -> Iterator[str]:
    """The timeline as YAML text in the style of the bundled events.yaml."""
    yield "# Synthetic newstui timeline (bench/generate.py)"
    yield f"title: {_quoted(data['title'])}"
    yield f"description: {_quoted(data['description'])}"
    yield "sources:"
    for key, source in data["sources"].items():
        yield f"  {key}:"
        for field, value in source.items():
            yield f"    {field}: {_scalar(value)}"
    yield "actors:"
    for key, actor in data["actors"].items():
        yield f"  {key}:"
        for field, value in actor.items():
            if isinstance(value, list):
                yield f"    {field}: [{', '.join(_scalar(v) for v in value)}]"
            else:
                yield f"    {field}: {_scalar(value)}"
    yield "events:"
    for event in data["events"]:
        yield ""
        first = True
        for field, value in event.items():
            lead = "  - " if first else "    "
            first = False
            if field == "summary":
                yield f"{lead}summary: >-"
                words, line = value.split(" "), "     "
                for word in words:
                    if len(line) + len(word) > 88:
                        yield line.rstrip()
                        line = "     "
                    line += " " + word
                yield line.rstrip()
            elif field == "start" and len(value) == 4 and event["id"][-1] in "aeiou":
                yield f'{lead}start: "{value}"'  # some years quoted, some plain
            elif field == "place":
                yield f"{lead}place: {_flow(value)}"
            elif field in ("actors", "quotes", "links"):
                yield f"{lead}{field}:"
                for item in value:
                    if field == "quotes":
                        yield f"      - speaker: {item['speaker']}"
                        yield f"        text: {_quoted(item['text'])}"
                        yield f"        source: {item['source']}"
                    else:
                        yield f"      - {_flow(item)}"
            elif isinstance(value, list):
                yield f"{lead}{field}: [{', '.join(_scalar(v) for v in value)}]"
            else:
                yield f"{lead}{field}: {_scalar(value)}"


def write(count: int, out: Path, seed: int = 1) -> None:
    """Write ``count`` events to ``out``: JSON if it ends in .json, else YAML."""
    data = build(count, seed)
    with out.open("w", encoding="utf-8") as handle:
        if out.suffix.lower() == ".json":
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        else:
            for line in yaml_lines(data):
                handle.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="file to write (.json for JSON, anything else YAML)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("count must be >= 0")
    write(args.count, args.output, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
