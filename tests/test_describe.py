"""describe: title, outlet, author, date and language, each with how it was known or why not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.describe import describe
from storyline.language import detect_language
from storyline.records import Cleaned, Metadata, Removed, article_id

BODY = (
    "The regional council voted on the new water plan after a long debate, and the mayor said "
    "that the city would publish the full budget for the project within weeks. Opponents said "
    "the cost was too high for a town of its size."
)
HEAD = "Council Backs Water Plan Despite Cost Fears"


def doc(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


# (case, text, removed, meta, source, expected fields; "unknown" lists the fields left None)
CASES = [
    ("headline then body", doc(HEAD, BODY), (), Metadata(), "a.txt",
     {"title": HEAD, "title_how": "text", "text": BODY, "published": None,
      "unknown": {"outlet", "author", "published"}}),
    ("metadata title matches first line, site suffix", doc(HEAD, BODY), (),
     Metadata(title=HEAD + " | Valley Gazette"), "a.txt",
     {"title": HEAD + " | Valley Gazette", "title_how": "metadata", "text": BODY}),
    ("metadata title differs: first line stays", doc("Other words entirely here", BODY), (),
     Metadata(title=HEAD), "a.txt",
     {"title": HEAD, "title_how": "metadata", "text": doc("Other words entirely here", BODY)}),
    ("first line is a sentence, not a headline", doc("The council met today.", BODY), (),
     Metadata(), "a.txt", {"title": None, "title_how": "unknown"}),
    ("first line is a date, not a headline", doc("March 3, 2024", BODY), (), Metadata(), "a.txt",
     {"title": None, "published": "2024-03-03", "published_how": "text"}),
    ("first line too long for a headline", doc(" ".join(["Word"] * 30), BODY), (), Metadata(),
     "a.txt", {"title": None}),
    ("removed byline with agency", doc(HEAD, BODY),
     (Removed("byline", "By Jane Doe, Example Wire"),), Metadata(), "a.txt",
     {"author": "Jane Doe", "author_how": "text", "outlet": None}),
    ("byline left at the top of the text", doc(HEAD, "By Maria Lopez Garcia", BODY), (),
     Metadata(), "a.txt", {"author": "Maria Lopez Garcia", "author_how": "text"}),
    ("two authors", doc(HEAD, "By Ann Lee and Tom Park", BODY), (), Metadata(), "a.txt",
     {"author": "Ann Lee and Tom Park"}),
    ("By opening a sentence is no byline", doc(HEAD, "By contrast, Tom Park stayed.", BODY), (),
     Metadata(), "a.txt", {"author": None}),
    ("a name after by inside a sentence is no byline",
     doc(HEAD, "The plan was drafted by John Smith last year. " + BODY), (), Metadata(), "a.txt",
     {"author": None, "outlet": None}),
    ("written by a site handle: outlet, not author", doc(HEAD, BODY),
     (Removed("byline", "written by RiverSideDaily"),), Metadata(), "a.txt",
     {"outlet": "RiverSideDaily", "outlet_how": "text", "author": None}),
    ("written by a lowercase account: neither", doc(HEAD, BODY),
     (Removed("byline", "written by autoposter"),), Metadata(), "a.txt",
     {"outlet": None, "author": None}),
    ("meta bar with a site name and a date", doc(HEAD, BODY),
     (Removed("byline_bar", "Share- Examplesite\n- March 5, 2024\n- 2 Comments\n- 3 Views"),),
     Metadata(), "a.txt",
     {"outlet": "Examplesite", "outlet_how": "text", "author": None,
      "published": "2024-03-05", "published_how": "text"}),
    ("meta bar headed by a person", doc(HEAD, BODY),
     (Removed("byline_bar", "Anna Berg\n- 5 March 2024\n- 0 Comments"),), Metadata(), "a.txt",
     {"author": "Anna Berg", "outlet": None, "published": "2024-03-05"}),
    ("site email in the footer suggests the outlet", doc(HEAD, BODY),
     (Removed("footer", "Contact\nEmail: desk@example-daily.org"),), Metadata(), "a.txt",
     {"outlet": "example-daily.org", "outlet_how": "inferred"}),
    ("free-mail address says nothing", doc(HEAD, BODY),
     (Removed("footer", "Email: someone@gmail.com"),), Metadata(), "a.txt", {"outlet": None}),
    ("copyright line names the publisher", doc(HEAD, BODY),
     (Removed("footer", "© 2024 Valley Media Group. All rights reserved."),), Metadata(), "a.txt",
     {"outlet": "Valley Media Group", "outlet_how": "text"}),
    ("copyright line naming a domain", doc(HEAD, BODY),
     (Removed("footer", "Copyright 2023-2024 valley-gazette.example. All rights reserved"),),
     Metadata(), "a.txt", {"outlet": "valley-gazette.example", "outlet_how": "text"}),
    ("accented person name", doc(HEAD, "By Élodie Marchand", BODY), (), Metadata(), "a.txt",
     {"author": "Élodie Marchand"}),
    ("byline handle beats footer email", doc(HEAD, BODY),
     (Removed("byline", "written by HillTopNews"), Removed("footer", "Email: a@other.example")),
     Metadata(), "a.txt", {"outlet": "HillTopNews", "outlet_how": "text"}),
    # The outlet a site names in its own lines (general rules; every name here is invented).
    ("feed title: site before a section", doc(HEAD, BODY), (),
     Metadata(outlet="Valley Gazette » Local Politics"), "a.txt",
     {"outlet": "Valley Gazette", "outlet_how": "metadata"}),
    ("feed title: the part that spells the URL's domain", doc(HEAD, BODY), (),
     Metadata(outlet="Local Politics | Valley Gazette", url="https://valley-gazette.example/a"),
     "a.txt", {"outlet": "Valley Gazette"}),
    ("a name without a section stays whole", doc(HEAD, BODY), (),
     Metadata(outlet="Smith & Sons Weekly"), "a.txt", {"outlet": "Smith & Sons Weekly"}),
    ("footer name that spells the email domain", doc(HEAD, BODY),
     (Removed("footer", "Hill Courier brings you the news\nEmail: tips@hillcourier.example"),),
     Metadata(), "a.txt", {"outlet": "Hill Courier", "outlet_how": "text"}),
    ("house account cut to the domain's spelling", doc(HEAD, BODY),
     (Removed("byline", "written by RiverPostBot"), Removed("footer", "Email: a@riverpost.example")),
     Metadata(), "a.txt", {"outlet": "RiverPost", "outlet_how": "text", "author": None}),
    ("a short domain is not matched by prefix", doc(HEAD, BODY),
     (Removed("byline", "written by NewsHubBot"), Removed("footer", "Email: a@news.example")),
     Metadata(), "a.txt", {"outlet": "NewsHubBot"}),
    ("donation appeal names the outlet", doc(HEAD, BODY),
     (Removed("donation", "Keep Hill Courier independent\nDonate now"),), Metadata(), "a.txt",
     {"outlet": "Hill Courier", "outlet_how": "text"}),
    ("funded-by-readers line names the outlet", doc(HEAD, BODY),
     (Removed("donation", "Hill Courier is funded by its readers, not advertisers."),),
     Metadata(), "a.txt", {"outlet": "Hill Courier"}),
    ("address block headed by the outlet", doc(HEAD, BODY),
     (Removed("footer", "Contact\nHill Courier\n12 Mill Road, Tolmouth"),), Metadata(), "a.txt",
     {"outlet": "Hill Courier"}),
    ("an address line in the footer names the outlet", doc(HEAD, BODY),
     (Removed("footer", "Hill Courier, 12 Mill Road, Tolmouth"),), Metadata(), "a.txt", {"outlet": "Hill Courier"}),
    ("a person's age closing the story is no address", doc(HEAD, BODY, "Tara, 33, was previously engaged to a TV host."),
     (), Metadata(), "a.txt", {"outlet": None}),
    ("an appeal for a cause names no outlet", doc(HEAD, BODY),
     (Removed("donation", "Help keep the lights on\nDonate now"),), Metadata(), "a.txt",
     {"outlet": None}),
    ("a dated line in the footer is no address block", doc(HEAD, BODY),
     (Removed("footer", "Contact\nApril 19, 2024"),), Metadata(), "a.txt", {"outlet": None}),
    ("one-line bar split at its separators", doc(HEAD, BODY),
     (Removed("byline_bar", "Share | Hill Gazette | March 5, 2024 | 2 Comments"),), Metadata(),
     "a.txt", {"outlet": "Hill Gazette", "published": "2024-03-05", "published_how": "text"}),
    ("a bar name that is the site is no author", doc(HEAD, BODY),
     (Removed("byline_bar", "Hill Courier — 5 March 2024"),
      Removed("footer", "Email: desk@hillcourier.example")), Metadata(), "a.txt",
     {"outlet": "Hill Courier", "author": None}),
    ("desk byline: collective author, site outlet", doc(HEAD, "By Tolmouth24 Staff", BODY), (),
     Metadata(), "a.txt", {"author": "Tolmouth24 Staff", "author_how": "text",
                           "outlet": "Tolmouth24", "outlet_how": "text"}),
    ("desk heading a bar", doc(HEAD, BODY),
     (Removed("byline_bar", "By Hill Courier Desk | March 5, 2024 | 4 min read"),), Metadata(),
     "a.txt", {"author": "Hill Courier Desk", "outlet": "Hill Courier"}),
    ("a section desk names no outlet", doc(HEAD, "By Metro Desk", BODY), (), Metadata(), "a.txt",
     {"author": "Metro Desk", "outlet": None}),
    ("a role alone is no desk", doc(HEAD, "By Staff Reporter", BODY), (), Metadata(), "a.txt",
     {"author": None}),
    ("standfirst ending with its author",
     doc(HEAD, "A weekly letter on the river towns and their ferries, by Nora Vance", BODY), (),
     Metadata(), "a.txt", {"author": "Nora Vance", "author_how": "text"}),
    ("a standfirst ending on 'by' and no name",
     doc(HEAD, "The budget, explained step by step, by the numbers", BODY), (), Metadata(),
     "a.txt", {"author": None}),
    ("masthead names the outlet", doc(HEAD, BODY), (Removed("masthead", "Harbour Letter"),),
     Metadata(), "a.txt", {"outlet": "Harbour Letter", "outlet_how": "text"}),
    ("dateline opening the first paragraph", doc(HEAD, "TOLMOUTH, March 4, 2024 — " + BODY), (),
     Metadata(), "a.txt", {"published": "2024-03-04", "published_how": "text"}),
    ("URL gives domain and date", doc(HEAD, BODY), (),
     Metadata(url="https://www.example-news.com/world/2024/03/05/water-plan"), "a.txt",
     {"outlet": "example-news.com", "outlet_how": "url", "published": "2024-03-05",
      "published_how": "url", "url": "https://www.example-news.com/world/2024/03/05/water-plan"}),
    ("URL source with a compact date", doc(HEAD, BODY), (), Metadata(),
     "https://m.example.org/news/20240305-water-plan",
     {"outlet": "example.org", "published": "2024-03-05", "published_how": "url"}),
    ("URL with a month only gives no date", doc(HEAD, BODY), (),
     Metadata(url="https://example.org/2024/03/water-plan"), "a.txt", {"published": None}),
    ("metadata outlet, author, date win", doc(HEAD, BODY),
     (Removed("byline", "By Jane Doe"),),
     Metadata(outlet="Valley Gazette", author="Sam Roe", published="2024-03-06",
              url="https://example.org/2024/03/06/x"), "a.txt",
     {"outlet": "Valley Gazette", "outlet_how": "metadata", "author": "Sam Roe",
      "author_how": "metadata", "published": "2024-03-06", "published_how": "metadata",
      "flags": ()}),
    ("metadata and URL disagree: metadata wins, conflict flagged", doc(HEAD, BODY), (),
     Metadata(published="2024-03-20", url="https://example.org/2024/03/05/x"), "a.txt",
     {"published": "2024-03-20", "published_how": "metadata", "flags": ("date_conflict",)}),
    ("caption date gives an inferred date", doc(HEAD, BODY),
     (Removed("caption", "The mayor speaks at the town hall on April 2, 2024."),), Metadata(),
     "a.txt", {"published": "2024-04-02", "published_how": "inferred",
               "detail": "latest dated reference in the text: April 2, 2024 (caption)"}),
    ("latest of several full dates", doc(HEAD, "It began on 3 January 2023. " + BODY
                                       + " A vote followed on Feb. 9, 2024."), (), Metadata(),
     "a.txt", {"published": "2024-02-09", "published_how": "inferred"}),
    ("a scheduled date is not a lower bound",
     doc(HEAD, "The council met on May 1, 2024. A vote is scheduled for June 3, 2026. " + BODY),
     (), Metadata(), "a.txt", {"published": "2024-05-01", "published_how": "inferred"}),
    ("May as a verb and a month without year", doc(HEAD, "May the plan work, officials said. "
                                                   "They may vote in May. " + BODY),
     (), Metadata(), "a.txt", {"published": None,
                               "reason": "no dated reference in the text"}),
    ("ambiguous numeric date is not guessed", doc(HEAD, "05/11/2024", BODY), (), Metadata(),
     "a.txt", {"published": None}),
    ("numeric date with a day above 12", doc(HEAD, "25/11/2024", BODY), (), Metadata(), "a.txt",
     {"published": "2024-11-25", "published_how": "text"}),
    ("ISO date line with a label and a time", doc(HEAD, "Published: 2024-03-05 10:30", BODY), (),
     Metadata(), "a.txt", {"published": "2024-03-05", "published_how": "text"}),
    ("month-year reference gives a range only", doc(HEAD, "Prices rose in late 2023. " + BODY),
     (), Metadata(), "a.txt",
     {"published": None, "value": "2023-10-01",
      "detail": "range 2023-10-01..2023-12-31 from 'late 2023'",
      "reason": "range 2023-10-01..2023-12-31"}),
    ("year after 'by' looks ahead", doc(HEAD, "The plant will close by 2030. " + BODY), (),
     Metadata(), "a.txt", {"published": None, "reason": "no dated reference in the text"}),
    ("a year after 'the' may be a coming event", doc(HEAD, "Fans wait for the 2030 games. "
                                                   + BODY), (), Metadata(), "a.txt",
     {"published": None, "reason": "no dated reference in the text"}),
    ("a later year than the date line is no conflict",
     doc(HEAD, "March 5, 2024", "Elections are in 2025. " + BODY), (), Metadata(), "a.txt",
     {"published": "2024-03-05", "flags": ()}),
    ("a later exact date than the date line is flagged",
     doc(HEAD, "March 5, 2024", "The vote came on June 10, 2024. " + BODY), (), Metadata(),
     "a.txt", {"published": "2024-03-05", "published_how": "text",
               "flags": ("date_conflict",)}),
    ("an earlier date than the date line is normal",
     doc(HEAD, "March 5, 2024", "The vote came on June 10, 2023. " + BODY), (), Metadata(),
     "a.txt", {"published": "2024-03-05", "flags": ()}),
    ("cleaning flags carried through", doc(HEAD, BODY),
     (Removed("ai_disclaimer", "Parts of this were machine written."),), Metadata(), "a.txt",
     {"flags": ("self_declared_ai",)}),
    ("metadata language wins", doc(HEAD, BODY), (), Metadata(language="de"), "a.txt",
     {"language": "de"}),
    ("metadata language tag keeps its ISO 639-1 part", doc(HEAD, BODY), (),
     Metadata(language="pt-BR"), "a.txt", {"language": "pt"}),
    ("too short for a language", doc(HEAD, "Short body."), (), Metadata(), "a.txt",
     {"language": None, "reason_language": "too short to tell"}),
]


@pytest.mark.parametrize(
    "text, removed, meta, source, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_describe_table(text, removed, meta, source, expected):
    flags = ("self_declared_ai",) if any(r.kind == "ai_disclaimer" for r in removed) else ()
    article = describe(source, Cleaned(text, removed, flags), meta)
    reasons = dict(article.unknown)
    for field, want in expected.items():
        if field == "unknown":
            assert set(reasons) == want
        elif field == "reason":
            assert want in reasons["published"]
        elif field == "reason_language":
            assert reasons["language"] == want
        elif field in ("value", "detail"):
            assert want in [getattr(c, field) for c in article.published_candidates]
        else:
            assert getattr(article, field) == want, field


def test_id_uses_url_else_outlet():
    text = doc(HEAD, BODY)
    by_url = describe("a.txt", Cleaned(text), Metadata(url="https://example.org/x"))
    by_outlet = describe("a.txt", Cleaned(text), Metadata(outlet="Valley Gazette"))
    assert by_url.id == article_id(BODY, "https://example.org/x")
    assert by_outlet.id == article_id(BODY, "Valley Gazette")
    assert by_url.id != by_outlet.id


LANGUAGE_CASES = [
    ("en", BODY),
    ("fr", "Le conseil a voté le nouveau plan pour l'eau après un long débat, et le maire a dit "
           "que la ville publiera le budget du projet dans les semaines qui viennent avec les "
           "détails."),
    ("de", "Der Rat hat nach einer langen Debatte über den neuen Wasserplan abgestimmt, und der "
           "Bürgermeister sagte, dass die Stadt das Budget für das Projekt in den nächsten Wochen "
           "veröffentlichen wird."),
    ("es", "El consejo votó el nuevo plan del agua tras un largo debate, y el alcalde dijo que la "
           "ciudad publicará el presupuesto del proyecto en las próximas semanas con todos los "
           "detalles."),
    ("it", "Il consiglio ha votato il nuovo piano per l'acqua dopo un lungo dibattito, e il "
           "sindaco ha detto che la città pubblicherà il bilancio del progetto nelle prossime "
           "settimane con i dettagli."),
    ("pt", "O conselho votou o novo plano da água depois de um longo debate, e o prefeito disse "
           "que a cidade vai publicar o orçamento do projeto nas próximas semanas com os "
           "detalhes."),
    ("nl", "De raad heeft na een lang debat over het nieuwe waterplan gestemd, en de burgemeester "
           "zei dat de stad de begroting voor het project in de komende weken zal publiceren met "
           "alle details."),
    ("ru", "Совет проголосовал за новый план по воде после долгих дебатов, и мэр сказал, что "
           "город опубликует бюджет проекта в ближайшие недели, и это было ожидаемо для всех "
           "жителей."),
    ("uk", "Рада проголосувала за новий план щодо води після довгих дебатів, і мер сказав, що "
           "місто опублікує бюджет проєкту в найближчі тижні, і це було очікувано для всіх "
           "мешканців."),
    (None, "Too short to say."),
    (None, "Le conseil a voté le plan et le maire a dit que la ville publiera le budget du "
           "projet. The council voted on the plan and the mayor said that the city will publish "
           "the budget."),
    (None, "1234 5678 ### ... " * 20),
]


@pytest.mark.parametrize("want, text", LANGUAGE_CASES)
def test_detect_language(want, text):
    code, reason = detect_language(text)
    assert code == want
    assert (reason is None) == (want is not None)


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
pieces = st.one_of(
    names,
    st.sampled_from(["May 5, 2024", "2024-13-40", "05/11/2024", "By Jane Doe", "written by X",
                     "© 2024 A", "late 2023", "x@y.example", "https://ex.example/2024/02/30/"]),
)


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(pieces, max_size=6),
    removed=st.lists(
        st.tuples(st.sampled_from(["byline", "byline_bar", "footer", "caption", "donation"]),
                  pieces),
        max_size=3,
    ),
    meta=st.builds(Metadata, title=st.none() | names, url=st.none() | pieces,
                   published=st.none() | pieces, outlet=st.none() | names,
                   author=st.none() | names, language=st.none() | names),
    source=pieces,
)
def test_describe_never_raises_and_explains_every_gap(paragraphs, removed, meta, source):
    cleaned = Cleaned("\n\n".join(paragraphs), tuple(Removed(k, t) for k, t in removed))
    article = describe(source, cleaned, meta)
    reasons = dict(article.unknown)
    for field in ("title", "outlet", "author", "published", "language"):
        value = getattr(article, field)
        assert (value is None) == (field in reasons), field
        if value is None:
            assert reasons[field].strip()
    for field in ("title", "outlet", "author", "published"):
        assert (getattr(article, field) is None) == (getattr(article, field + "_how") == "unknown")
    if article.published:
        date.fromisoformat(article.published)
    assert cleaned.text.endswith(article.text)


# What a careful reader of each real sample can establish. Titles are each file's first line.
SEEDS = [
    ("000_8aebd1ac4509cd27.txt",
     {"outlet": None, "author": None, "published": None, "range_from": "2025-10-01"}),
    ("001_8bf0e5fdd33faaff.txt",
     {"outlet": "loveworldcan.ca", "outlet_how": "inferred", "author": None, "published": None}),
    ("002_9c3e07f9840fce72.txt",
     {"outlet": None, "author": None, "published": None}),
    ("003_8d6b6bb6ba073ee2.txt",
     {"outlet": "Nishadil", "outlet_how": "text", "author": None, "published": "2025-11-28",
      "published_how": "text", "flag": "self_declared_ai"}),
    ("004_ab41a119906773bc.txt",
     {"outlet": "TheFeedWire", "outlet_how": "text", "author": None,
      "published": "2025-04-23", "published_how": "inferred"}),
]


@pytest.mark.parametrize("name, expected", SEEDS, ids=[s[0][:3] for s in SEEDS])
def test_describe_real_seeds(seeds_dir, name, expected):
    clean_module = pytest.importorskip("storyline.clean")
    raw = (seeds_dir / name).read_text(encoding="utf-8")
    article = describe(str(seeds_dir / name), clean_module.clean(raw), Metadata())
    assert article.title == raw.strip().split("\n")[0].strip()
    assert article.title_how == "text"
    assert not article.text.startswith(article.title)
    assert article.language == "en"
    reasons = dict(article.unknown)
    for field, want in expected.items():
        if field == "range_from":
            assert [c.value for c in article.published_candidates if c.how == "inferred"] == [want]
            assert "range" in reasons["published"]
        elif field == "flag":
            assert want in article.flags
        else:
            assert getattr(article, field) == want, field
    for field in ("outlet", "author", "published"):
        if getattr(article, field) is None:
            assert reasons[field]


def test_a_writer_plugged_in_the_footer_is_not_the_outlet():
    text = (
        "Council backs the water plan\n\nThe regional council voted on the new water plan after a long "
        "debate, and the mayor said the budget would follow within weeks.\n\n"
        "Follow Mara Lind on Twitter @maralind."
    )
    article = describe("plug.txt", Cleaned(text, (), ()), Metadata())
    assert article.outlet != "Mara Lind"
    site = describe("plug.txt", Cleaned(text.replace("Mara Lind", "Harbour Post"), (), ()), Metadata())
    assert site.outlet == "Harbour Post"
