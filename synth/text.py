"""Rendering known report values as each text layout: for tests and the benchmark corpus.

A spec has the shape of the gold files (report, areas, questions, bullets). The
renderers write what a report of that content looks like as a PDF transcript or
a Word export, with page breaks falling where a seeded random choice puts them
(inside lists and tables too), so that extraction can be checked against values
known in advance.
"""

from __future__ import annotations

import random

PUBLISHER = "Sveriges Kommuner och Landsting"
CHAPTER1 = (
    "Kommunkompassen är ett verktyg för utvärdering och analys av kommuners sätt att arbeta. "
    "Sveriges Kommuner och Landsting använder verktyget sedan år 2002. Kommunkompassen reviderades "
    "år 2010 och 2016 för att kunna fånga upp nya viktiga utvecklingstrender. Bedömningarna görs med "
    "utgångspunkt från åtta huvudområden. Varje huvudområde består av flera delområden inom vilka ett "
    "antal frågor belyses."
)
PROSE = (
    "Området handlar om hur kommunen arbetar med frågorna i ett helhetsperspektiv. Utvärderarna har "
    "tagit del av dokument och genomfört intervjuer med politiker och tjänstemän. Det finns flera goda "
    "exempel men också utvecklingsområden som beskrivs nedan."
)


def display_name(spec: dict) -> tuple[str, str]:
    """The municipality as the report writes it: ("Tranås", "kommun") -> "Tranås kommun"."""
    rep = spec["report"]
    name, typ = rep["municipality"], rep.get("municipality_type") or "kommun"
    return (f"Region {name}" if typ == "region" else f"{name} {typ}"), typ


def evaluator_parts(spec: dict) -> list[str]:
    """Each evaluator as a title page writes one: "Lars Strid, senior konsult (SKL)"."""
    parts = []
    for e in spec["report"].get("evaluators") or []:
        text = e["name"]
        if e.get("role") and e.get("affiliation"):
            text += f", {e['role']} ({e['affiliation']})"
        elif e.get("affiliation"):
            text += f", {e['affiliation']}"
        parts.append(text)
    return parts


def evaluator_text(spec: dict) -> str:
    parts = evaluator_parts(spec)
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " och " + parts[-1]
    return "".join(parts)


def _chart_labels(scores: list[int], rng: random.Random) -> list[int]:
    """Bar labels mixed with axis ticks, as a transcript reads a bar chart."""
    top = [80, 60] if rng.random() < 0.7 else [80]
    rest = [t for t in (80, 60, 40, 20, 0) if t not in top]
    return top + scores + rest


def area_sections(spec: dict) -> list[tuple[int, dict, list[str], list[str]]]:
    out = []
    for area in spec["areas"]:
        no = area["area_no"]
        strengths = [b["text"] for b in spec["bullets"] if b["area_no"] == no and b["kind"] == "strength"]
        improvements = [b["text"] for b in spec["bullets"] if b["area_no"] == no and b["kind"] == "improvement"]
        out.append((no, area, strengths, improvements))
    return out


def printed_date(spec: dict) -> str:
    """The report date the page headers print: the spec's, else a fixed day of its year."""
    rep = spec["report"]
    return rep.get("report_date") or f"{rep['year']}-05-10"


def printed_score(area: dict) -> str:
    """What chapter 3's "Poäng" cell prints: the score, unless the spec says otherwise ("" for unreadable)."""
    return str(area.get("score_printed", area["score"]))


def area_questions(spec: dict, no: int) -> list[dict]:
    return [q for q in spec["questions"] if q["area_no"] == no]


def _total(area: dict) -> tuple[int, int]:
    return area["table_total"], 100


# -- PDF transcript -----------------------------------------------------------


def transcript(
    spec: dict,
    seed: int = 0,
    words_per_page: tuple[int, int] = (180, 320),
    *,
    marker: str = "Transkript:",
    numbered_pages: bool = False,
    site_titles: tuple[str, ...] = (),
    split_rows: int = 0,
) -> str:
    """The spec as a document-sharing site's transcript of the PDF.

    Site variants: `marker` ends the site's preamble ("Transkript:", "Transkript"
    or "" for none); `numbered_pages` opens each page's line with its page number
    ("1 KommunKompassen ANALYS AV ..."); `site_titles` are more documents the
    preamble lists beside "Relevanta dokument" (the report's own title among
    them, as sites repeat it). `split_rows` sub-questions end their page after
    the row's numbers, the rest of their text opening the next page.
    """
    rng = random.Random(seed)
    rep = spec["report"]
    display, typ = display_name(spec)
    upper = display.upper()
    year = rep["year"]
    evaluators = evaluator_text(spec)
    title = f"KommunKompassen ANALYS AV {upper} {year}" + (f" Utvärderare: {evaluators}" if evaluators else "")
    site_title = f"KommunKompassen {upper} {year} ANALYS AV." + (f" Utvärderare: {evaluators}" if evaluators else "")

    toc = (
        "Innehåll 1 Vad är Kommunkompassen?...3 2 "
        + f"{display} i förhållande till Kommunkompassen...4 "
        + " ".join(f"Område {a['area_no']} {a['name']}...{6 + 2 * i}" for i, a in enumerate(spec["areas"]))
        + " 4. Översikt av poängfördelning...22"
    )
    scores = [a["score"] for a in spec["areas"]]
    total = rep.get("total_score") or sum(scores)
    period = rep.get("evaluation_period") or f"april {year}"
    words, _, pyear = period.rpartition(" ")
    ch2 = (
        f"2 {display} i förhållande till Kommunkompassen: En sammanfattande genomgång Utvärderingen "
        f"Utvärderingen av {display} genomfördes i {words} år {pyear} och var kommunens första utvärdering. "
        f"Sammanfattning av resultat Nedan visas {display}s totalpoäng samt poängfördelningen per område. "
        f"100 {display} {year}-{total}p " + " ".join(map(str, _chart_labels(scores, rng)))
    )
    chapter3 = ["3 Detaljerad genomgång i förhållande till Kommunkompassens åtta områden"]
    for no, area, strengths, improvements in area_sections(spec):
        rubriker = " ".join(area["headings"])
        head = (
            f"Rubriker {rubriker} Poäng {printed_score(area)}"
            if rng.random() < 0.7
            else f"Rubriker Poäng {rubriker} {printed_score(area)}"
        )
        chapter3.append(
            f"{_keep(f'Område {no} ' + area['name'])} {head} Allmänt {PROSE} STYRKOR {' '.join(strengths)} "
            f"FÖRBÄTTRINGSOMRÅDEN {' '.join(improvements)}"
        )
    chapter4 = [
        f"4. Översikt av poängfördelning Nedanstående tabeller visar {display}s resultat "
        "fördelat på delfrågor inom respektive område."
    ]
    split = _rows_to_split(spec, split_rows, rng)
    for area in spec["areas"]:
        no = area["area_no"]
        rows = " ".join(_row(q, q["question_no"] in split) for q in area_questions(spec, no))
        achieved, mx = _total(area)
        chapter4.append(
            _keep(f"{no}. {area['table_name']} Uppnått Max Procent")
            + f" {rows} "
            + _keep(f"{achieved} {mx} {round(100 * achieved / mx)}%")
        )

    pages = [title, toc, "1 Vad är Kommunkompassen? " + CHAPTER1, ch2]
    pages += _paginate(" ".join(chapter3), rng, words_per_page)
    pages += _paginate(" ".join(chapter4), rng, words_per_page)
    date = printed_date(spec)
    count = len(pages)
    lines = [pages[0]] + [f"{PUBLISHER} {date} {n} ({count}) {text}" for n, text in enumerate(pages[1:], start=2)]
    if numbered_pages:
        lines = [f"{n} {line}" for n, line in enumerate(lines, start=1)]
    others = ["KommunKompassen NÅGON KOMMUN 2016 ANALYS AV. Utvärderare: Anna Andersson, SKL", *site_titles]
    preamble = f"{site_title}\n\nRelevanta dokument\n" + "\n\n".join(others) + "\n\n"
    return preamble + (f"{marker}\n\n" if marker else "") + "\n\n".join(lines) + "\n"


KEEP = "\u2060"  # joins words a page break must not separate (a heading, a table row)
BREAK = "\u000c"  # a page break the text asks for (a question row split after its numbers)


def _keep(text: str) -> str:
    return text.replace(" ", KEEP)


def _rows_to_split(spec: dict, n: int, rng: random.Random) -> set[str]:
    """Sub-questions whose text wraps (four words or more), the last row of some table among them."""
    if not n:
        return set()
    long = [q for q in spec["questions"] if len(q["text"].split()) >= 4]
    last = {area_questions(spec, a["area_no"])[-1]["question_no"] for a in spec["areas"]}
    ends = [q["question_no"] for q in long if q["question_no"] in last]
    picked = set(rng.sample(ends, min(1, len(ends))))
    rest = [q["question_no"] for q in long if q["question_no"] not in picked]
    return picked | set(rng.sample(rest, min(n - len(picked), len(rest))))


def _row(q: dict, split: bool) -> str:
    """A chapter 4 row as a transcript reads it; split: the text's second line opens the next page,
    as when the row breaks across pages ("5.2 Tydliggör ... kostnader 12 20 62%" / "och resultat ...")."""
    numbers = f"{q['achieved']} {q['max']} {q['percent']}%"
    if not split:
        return _keep(f"{q['question_no']} {q['text']} {numbers}")
    words = q["text"].split()
    cut = len(words) // 2
    first, second = " ".join(words[:cut]), " ".join(words[cut:])
    return _keep(f"{q['question_no']} {first} {numbers}") + f" {BREAK} " + _keep(second)


def _paginate(text: str, rng: random.Random, words_per_page: tuple[int, int]) -> list[str]:
    """Break text into pages at spaces, never inside a run joined by _keep(), and at every BREAK."""
    pages = []
    for chunk in text.split(f" {BREAK} "):
        words = chunk.split(" ")
        i = 0
        while i < len(words):
            n = rng.randint(*words_per_page)
            pages.append(" ".join(words[i : i + n]).replace(KEEP, " "))
            i += n
    return pages


# -- Word export ----------------------------------------------------------------


def word_export(spec: dict, seed: int = 0) -> str:
    """The spec as Word's plain-text export: no title page, tab-led table cells."""
    rng = random.Random(seed)
    display, _ = display_name(spec)
    rep = spec["report"]
    period = rep.get("evaluation_period") or f"april {rep['year']}"
    words, _, pyear = period.rpartition(" ")
    out = [" 1\tVad är Kommunkompassen?", CHAPTER1, "· Intervjuer", "· Officiella dokument", "", ""]
    out += [
        f"[bookmark: _Toc1]2\t{display} i förhållande till Kommunkompassen: En sammanfattande genomgång",
        "[bookmark: _Toc2]Utvärderingen",
        f"Utvärderingen av {display} genomfördes i {words} år {pyear} och var kommunens första utvärdering.",
        "Sammanfattning av resultat",
        f"Nedan visas {display}s totalpoäng samt poängfördelningen per område.",
        "",
        "",
        "",
        "[bookmark: _Toc3]3\tDetaljerad genomgång i förhållande till Kommunkompassens åtta områden",
        "",
    ]
    for no, area, strengths, improvements in area_sections(spec):
        out += [f"[bookmark: _Toc1{no}]Område {no}\t{area['name']}", "\tRubriker", "\tPoäng", ""]
        out += [f"\t· {area['headings'][0]}"] + [f"· {h}" for h in area["headings"][1:]]
        out += ([""] if rng.random() < 0.3 else []) + [f"\t{printed_score(area)}", "", ""]
        out += ["Allmänt" if rng.random() < 0.8 else "", PROSE, "", "STYRKOR"]
        out += [f"· {b}" for b in strengths] + ["", "FÖRBÄTTRINGSOMRÅDEN"]
        out += [f"· {b}" for b in improvements] + ["", "", ""]
    out += [
        "[bookmark: _Toc9]",
        "4. Översikt av poängfördelning",
        f"Nedanstående tabeller visar {display}s resultat fördelat på delfrågor inom respektive område. ",
        "",
    ]
    for area in spec["areas"]:
        no = area["area_no"]
        out += [f"\t{no}. ", f"\t{area['table_name']}", "\tUppnått", "\tMax", "\tProcent", ""]
        for q in area_questions(spec, no):
            out += [
                f"\t{q['question_no']}",
                f"\t{q['text']}",
                f"\t{q['achieved']}",
                f"\t{q['max']}",
                f"\t{q['percent']}%",
                "",
            ]
        achieved, mx = _total(area)
        out += ["\t", "\t\u00a0", f"\t{achieved}", f"\t{mx}", f"\t{round(100 * achieved / mx)}%", "", "", ""]
    return "\n".join(out) + "\n"
