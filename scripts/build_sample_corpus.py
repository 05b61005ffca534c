"""Build the shipped sample corpus from ../shared/data (freely licensed text only).

- Wikinews (CC BY 2.5): the security/diplomacy subset listed in corpus/wikinews/README.md,
  written as one JSON Lines file with url, title, published and text (the text as published).
- U.S. Central Command strike releases (U.S. federal public domain): the saved release page
  nov2.html as is, and daily releases reassembled from the scraped strike lines of all.csv for a
  span of days, one plain-text file per release day.

Run: python scripts/build_sample_corpus.py [--data ../shared/data] [--out src/wirewatch/sample]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from collections import defaultdict
from datetime import datetime
from pathlib import Path

WIKINEWS_CORE = [
    "2019:15", "2019:16", "2019:19", "2019:20", "2019:103", "2019:106", "2019:108", "2019:114",
    "2019:133", "2019:137", "2019:138", "2019:143", "2019:157", "2019:163", "2020:1", "2020:2",
    "2020:6", "2020:8", "2020:15", "2020:72", "2020:90",
]
WIKINEWS_BORDERLINE = [
    "2019:24", "2019:41", "2019:122", "2019:156", "2020:3", "2020:5", "2020:62", "2020:69",
    "2020:84",
]
CENTCOM_DAYS = 45  # the most recent release days in all.csv

NOTICE = """wirewatch sample corpus — sources and licences
=============================================

articles/wikinews_security.jsonl
  {n_wikinews} articles from English Wikinews (https://en.wikinews.org), 2019–2020, each with its
  article URL. Licence: Creative Commons Attribution 2.5 (https://creativecommons.org/licenses/by/2.5/).
  Attribution: Wikinews contributors. Taken from the CSV export in the GitHub repository
  vanatteveldt/wikinews (commit 347254178bf343f3801aac1d03c41cc09c35decb); the text is unchanged.

articles/centcom/nov2.html
  The U.S. Central Command press release "Nov. 2: Military airstrikes continue against ISIL
  terrorists in Syria and Iraq" (Release # 20151102-01), a saved web page. A work of the U.S.
  federal government, in the public domain (17 U.S.C. § 105). Via GitHub
  kevinschaul/uscentcom-isil-airstrikes-scraper (test/release/nov2.html).

articles/centcom/release-YYYY-MM-DD.txt
  {n_centcom} daily U.S. Central Command strike summaries (Operation Inherent Resolve),
  {first_day} … {last_day}. The strike lines ("Near <place>, N strikes …") are U.S. federal
  public-domain text, as scraped from centcom.mil by kevinschaul/uscentcom-isil-airstrikes-scraper
  (data/all.csv). wirewatch reassembled each day's lines into one file with a heading and a date
  line of its own, grouped by country as the releases were; the lines themselves are unchanged.
"""


def build_wikinews(data: Path, out: Path) -> int:
    wanted = WIKINEWS_CORE + WIKINEWS_BORDERLINE
    rows: dict[str, dict[str, str]] = {}
    for year in ("2019", "2020"):
        path = data / "corpus" / "wikinews" / f"wikinews_{year}.csv"
        with open(path, newline="", encoding="utf-8") as handle:
            for index, row in enumerate(csv.DictReader(handle)):
                rows[f"{year}:{index}"] = row
    with open(out / "wikinews_security.jsonl", "w", encoding="utf-8") as handle:
        for ident in wanted:
            row = rows[ident]
            record = {
                "url": row["url"].replace("//wiki/", "/wiki/"),
                "title": row["title"],
                "published": row["date"],
                "text": row["text"],
                "license": "CC BY 2.5, Wikinews contributors",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(wanted)


def build_centcom(data: Path, out: Path) -> tuple[int, str, str]:
    source = data / "corpus" / "centcom"
    target = out / "centcom"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "nov2.html", target / "nov2.html")
    by_day: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(source / "all.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["country"] not in ("Syria", "Iraq"):
                continue
            day = datetime.strptime(row["date"], "%m/%d/%Y").date()
            by_day[day.isoformat()][row["country"]].append(row["line"].strip())
    days = sorted(by_day)[-CENTCOM_DAYS:]
    for day in days:
        date = datetime.fromisoformat(day)
        lines = [
            "Military airstrikes continue against ISIL terrorists in Syria and Iraq",
            "",
            f"{date:%B} {date.day}, {date.year}",
            "",
            "U.S. Central Command",
            "",
        ]
        for country in ("Syria", "Iraq"):
            if by_day[day][country]:
                lines += [country, ""] + by_day[day][country] + [""]
        (target / f"release-{day}.txt").write_text("\n".join(lines), encoding="utf-8")
    return len(days), days[0], days[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parents[2] / "shared" / "data")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parents[1] / "src" / "wirewatch" / "sample")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    articles = args.out / "articles"
    articles.mkdir()
    n_wikinews = build_wikinews(args.data, articles)
    n_centcom, first_day, last_day = build_centcom(args.data, articles)
    (args.out / "NOTICE").write_text(
        NOTICE.format(n_wikinews=n_wikinews, n_centcom=n_centcom, first_day=first_day,
                      last_day=last_day),
        encoding="utf-8",
    )
    print(f"wrote {n_wikinews} Wikinews articles and {n_centcom + 1} CENTCOM releases"
          f" to {args.out}")


if __name__ == "__main__":
    main()
