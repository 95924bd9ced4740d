"""Demo content: the centre's news, an award and information pages, in Polish and English.

Written for the demo from the facts of a real article of the centre's site. The photos are
generated placeholders that name what the real photo shows; their alt text says the same.
``load()`` is idempotent: an item whose Polish slug exists already is left as it is.
"""

from __future__ import annotations

import io
import textwrap
from datetime import UTC, date, datetime
from functools import cache

import sqlalchemy as sa
from flask import current_app
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from slugify import slugify

from .accessibility import demo as required_content
from .awards.models import Award, AwardTranslation
from .content import SOURCE_LANGUAGE
from .extensions import db
from .html import sanitize
from .images import processing
from .images.models import Image, ImageTranslation
from .news.models import Article, ArticleTranslation
from .pages.models import Page, PageTranslation

CERTIFICATE_SLUG = "mops-z-certyfikatem-jakosci-przyjazny-urzad"

GALLERY = [
    # (Polish alt, Polish caption, English alt, English caption)
    (
        "Oprawiony certyfikat jakości „Przyjazny Urząd” 2022 wystawiony dla Ośrodka.",
        "Certyfikat „Przyjazny Urząd” 2022 dla naszego Ośrodka.",
        "The framed 2022 Friendly Office quality certificate issued to the centre.",
        "The 2022 Friendly Office certificate awarded to our centre.",
    ),
    (
        "Kierownictwo Ośrodka pozuje z certyfikatem w dłoniach.",
        "Kierownictwo Ośrodka z certyfikatem.",
        "The centre's management posing with the certificate in their hands.",
        "The centre's management with the certificate.",
    ),
    (
        "Przedstawiciel organizatora wręcza certyfikat dyrektor Ośrodka na scenie.",
        "Wręczenie certyfikatu przez organizatora konkursu.",
        "A representative of the organiser hands the certificate to the centre's director on stage.",
        "The contest organiser presents the certificate.",
    ),
    (
        "Dyrekcja Ośrodka na tle ścianki konkursowej, z certyfikatem.",
        "Dyrekcja Ośrodka podczas gali.",
        "The centre's directors in front of the contest backdrop, holding the certificate.",
        "The centre's directors at the gala.",
    ),
    (
        "Dyrektor i zastępczyni dyrektora trzymają certyfikat i statuetkę.",
        "Dyrektor Ośrodka i jej zastępczyni z wyróżnieniem.",
        "The director and the deputy director holding the certificate and the statuette.",
        "The centre's director and her deputy with the distinction.",
    ),
    (
        "Wspólne zdjęcie laureatów gali na schodach pałacu.",
        "Zdjęcie grupowe laureatów.",
        "A group photograph of the gala's laureates on the palace stairs.",
        "Group photograph of the laureates.",
    ),
    (
        "Muzycy grają na skrzypcach i fortepianie podczas gali.",
        "Oprawa muzyczna uroczystości.",
        "Musicians playing the violin and the piano during the gala.",
        "Music at the ceremony.",
    ),
    (
        "Sala Kolumnowa Pałacu Radziwiłłów w Krakowie-Balicach podczas wręczania certyfikatów.",
        "Uroczystość w Pałacu Radziwiłłów w Krakowie-Balicach.",
        "The Column Hall of the Radziwiłł Palace in Kraków-Balice during the award ceremony.",
        "The ceremony at the Radziwiłł Palace in Kraków-Balice.",
    ),
    (
        "Goście gali siedzą przy stołach w sali balowej i słuchają przemówień.",
        "Uczestnicy gali VII edycji konkursu.",
        "Guests of the gala seated at tables in the ballroom, listening to the speeches.",
        "Participants of the contest's seventh gala.",
    ),
]

CERTIFICATE_ARTICLE = {
    "published": datetime(2022, 4, 26, 9, 0, tzinfo=UTC),
    "pl": {
        "slug": CERTIFICATE_SLUG,
        "title": "MOPS z certyfikatem jakości „Przyjazny Urząd”",
        "summary": "Nasz Ośrodek znalazł się wśród instytucji wyróżnionych w VII edycji "
        "ogólnopolskiego konkursu jakości „Przyjazny Urząd”.",
        "body": """
<p>Z radością informujemy, że Miejski Ośrodek Pomocy Społecznej otrzymał wyróżnienie
w ogólnopolskim konkursie jakości „Przyjazny Urząd”.</p>
<p>Gala VII edycji Ogólnopolskiego Konkursu dla Instytucji Administracji Publicznej odbyła się
23 kwietnia 2022 roku w Sali Kolumnowej Pałacu Radziwiłłów w Krakowie-Balicach. Zarząd
Quality Institute, organizator konkursu, wręczył laureatom certyfikaty i statuetki. Nasz Ośrodek
był jednym z trzech urzędów z województwa podkarpackiego, które znalazły się wśród wyróżnionych.</p>
<h2>O konkursie</h2>
<p>Konkurs promuje instytucje publiczne, dla których najważniejsza jest jakość kontaktu
z mieszkańcami: kultura pracy, nowoczesne zarządzanie, profesjonalizm i rzetelność. Wyróżnienie
pokazuje urzędy otwarte na potrzeby obywateli, solidne, kompetentne i życzliwe.</p>
<h2>Podziękowania</h2>
<p>To nagroda dla wszystkich pracowników Ośrodka: ich codzienne zaangażowanie sprawiło, że możemy
dziś posługiwać się certyfikatem „Przyjazny Urząd”. Jesteśmy dumni z wyróżnienia i traktujemy je
jako zobowiązanie do dalszego podnoszenia jakości naszych usług.</p>
""",
    },
    "en": {
        "slug": "friendly-office-quality-certificate",
        "title": "The centre receives the “Friendly Office” quality certificate",
        "summary": "Our centre was among the institutions distinguished in the seventh "
        "national “Friendly Office” (Przyjazny Urząd) quality contest.",
        "body": """
<p>We are glad to announce that the Municipal Social Welfare Centre has been distinguished in the
national “Friendly Office” (Przyjazny Urząd) quality contest.</p>
<p>The gala of the contest's seventh edition, held for public administration institutions across
Poland, took place on 23 April 2022 in the Column Hall of the Radziwiłł Palace in Kraków-Balice.
The board of the Quality Institute, which organises the contest, presented certificates and
statuettes to the laureates. Our centre was one of three offices from the Podkarpackie
province among those distinguished.</p>
<h2>About the contest</h2>
<p>The contest promotes public institutions that put the quality of their contact with residents
first: a high standard of work, modern management, professionalism and reliability. The
distinction marks offices that are open to citizens' needs, dependable, competent and kind.</p>
<h2>Thank you</h2>
<p>The award belongs to everyone who works at the centre: their daily commitment is why we can
now carry the “Friendly Office” certificate. We are proud of it, and we take it as a duty to
keep improving the services we provide.</p>
""",
    },
}

NEWS = [
    (
        datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Dyżury pracowników socjalnych w okresie świątecznym",
                "Sprawdź, kiedy w grudniu można załatwić sprawy w Ośrodku.",
                "<p>W dniach 24 i 31 grudnia Ośrodek będzie czynny do godziny 13:00. W pozostałe dni "
                "robocze pracujemy bez zmian, od 7:30 do 15:30.</p><p>W sprawach pilnych, zwłaszcza "
                "dotyczących osób w kryzysie bezdomności, prosimy o kontakt z dyżurnym pracownikiem "
                "socjalnym pod numerem podanym na stronie <strong>Kontakt</strong>.</p>",
            ),
            "en": (
                "Social workers on duty over the holidays",
                "When you can see us in December.",
                "<p>On 24 and 31 December the centre will be open until 1 p.m. On every other "
                "working day our hours stay the same, 7:30 a.m. to 3:30 p.m.</p><p>In urgent "
                "matters, above all for people experiencing homelessness, please call the social "
                "worker on duty at the number on the <strong>Contact</strong> page.</p>",
            ),
        },
    ),
    (
        datetime(2026, 10, 20, 9, 0, tzinfo=UTC),
        {
            "pl": (
                "Ruszają bezpłatne konsultacje psychologiczne",
                "Rozmowa z psychologiem bez skierowania i bez opłat.",
                "<p>Od listopada w siedzibie Ośrodka psycholog przyjmuje we wtorki i czwartki. "
                "Z konsultacji mogą skorzystać mieszkańcy, którzy przeżywają trudny czas: żałobę, "
                "przemoc w rodzinie, utratę pracy.</p><p>Na wizytę można zapisać się telefonicznie "
                "lub w sekretariacie.</p>",
            ),
            "en": (
                "Free psychological consultations begin",
                "Talk to a psychologist with no referral and no fee.",
                "<p>From November a psychologist sees residents at the centre on Tuesdays and "
                "Thursdays. The consultations are open to anyone going through a hard time: "
                "bereavement, domestic violence, the loss of a job.</p><p>Book a visit by phone or "
                "at the front office.</p>",
            ),
        },
    ),
    (
        datetime(2026, 9, 1, 10, 0, tzinfo=UTC),
        {
            "pl": (
                "Klub Seniora zaprasza po wakacjach",
                "Zajęcia ruchowe, warsztaty i spotkania dla osób starszych.",
                "<p>Klub Seniora wraca do zajęć. W programie: gimnastyka, warsztaty z obsługi "
                "telefonu i bankowości internetowej oraz spotkania z dietetykiem.</p>"
                "<ul><li>poniedziałki: gimnastyka,</li><li>środy: warsztaty komputerowe,</li>"
                "<li>piątki: spotkania tematyczne.</li></ul>",
            ),
            "en": (
                "The Seniors' Club is back after the summer",
                "Exercise, workshops and meetings for older residents.",
                "<p>The Seniors' Club resumes its activities. On the programme: gentle exercise, "
                "workshops on using a phone and online banking, and meetings with a "
                "dietitian.</p><ul><li>Mondays: exercise,</li><li>Wednesdays: computer "
                "workshops,</li><li>Fridays: themed meetings.</li></ul>",
            ),
        },
    ),
    (
        datetime(2026, 6, 10, 8, 30, tzinfo=UTC),
        {
            "pl": (
                "Wypoczynek letni dla dzieci z rodzin objętych wsparciem",
                "Zapisy na półkolonie trwają do końca czerwca.",
                "<p>Ośrodek organizuje półkolonie dla dzieci w wieku od 7 do 13 lat z rodzin "
                "korzystających z pomocy społecznej. Udział jest bezpłatny, a dzieci mają "
                "zapewnione wyżywienie.</p><p>Zgłoszenia przyjmują pracownicy socjalni "
                "prowadzący sprawy rodzin.</p>",
            ),
            "en": (
                "Summer activities for children from families we support",
                "Sign-ups for the summer day camp close at the end of June.",
                "<p>The centre runs a summer day camp for children aged 7 to 13 from families "
                "receiving social assistance. It is free of charge and meals are provided.</p>"
                "<p>Please sign up with the social worker who handles your family's case.</p>",
            ),
        },
    ),
    (
        datetime(2025, 11, 21, 9, 0, tzinfo=UTC),
        {
            # Polish only: shows readers of other languages the Polish text with a notice.
            "pl": (
                "Dzień Pracownika Socjalnego w naszym Ośrodku",
                "Dziękujemy pracownikom socjalnym za ich codzienną pracę.",
                "<p>21 listopada obchodzimy Dzień Pracownika Socjalnego. Dziękujemy wszystkim "
                "pracownikom Ośrodka za cierpliwość, empatię i pomoc, której każdego dnia udzielają "
                "mieszkańcom naszego miasta.</p>",
            ),
        },
    ),
    (
        datetime(2025, 3, 3, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Asystent osobisty osoby z niepełnosprawnością",
                "Ośrodek przystąpił do programu asystencji osobistej.",
                "<p>Osoby z orzeczeniem o niepełnosprawności mogą otrzymać wsparcie asystenta "
                "w codziennych czynnościach: w dojazdach do lekarza, w urzędzie czy na "
                "zakupach.</p><p>Wnioski są dostępne w sekretariacie i na stronie "
                "<strong>Formy pomocy</strong>.</p>",
            ),
            "en": (
                "Personal assistants for people with disabilities",
                "The centre has joined the personal assistance programme.",
                "<p>People with a certified disability can get an assistant's help with everyday "
                "tasks: getting to the doctor, dealing with offices, shopping.</p><p>Application "
                "forms are available at the front office and on the <strong>Forms of "
                "help</strong> page.</p>",
            ),
        },
    ),
    (
        datetime(2024, 12, 2, 9, 0, tzinfo=UTC),
        {
            "pl": (
                "Świąteczna zbiórka żywności",
                "Przez cały grudzień zbieramy żywność dla rodzin w potrzebie.",
                "<p>W holu Ośrodka stoi kosz, do którego można przekazać żywność o długim terminie "
                "przydatności: makaron, kaszę, konserwy, olej i słodycze dla dzieci.</p>"
                "<p>Dary trafią do rodzin i osób samotnych przed świętami.</p>",
            ),
            "en": (
                "Holiday food collection",
                "All December we are collecting food for families in need.",
                "<p>There is a basket in the centre's hall for long-life food: pasta, grains, "
                "tinned food, oil and sweets for children.</p><p>Everything collected goes to "
                "families and people living alone before the holidays.</p>",
            ),
        },
    ),
    (
        datetime(2024, 5, 13, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Szkolenie dla kandydatów na rodziny zastępcze",
                "Szukamy osób gotowych stworzyć dom dla dziecka.",
                "<p>Zapraszamy na bezpłatne szkolenie dla kandydatów na rodziny zastępcze. "
                "Zajęcia prowadzą psycholog i pedagog, a uczestnicy otrzymują zaświadczenie.</p>",
            ),
            "en": (
                "Training for prospective foster families",
                "We are looking for people ready to give a child a home.",
                "<p>We invite you to free training for prospective foster families. The sessions "
                "are led by a psychologist and an educator, and participants receive a "
                "certificate.</p>",
            ),
        },
    ),
    (
        datetime(2023, 10, 9, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Bezpłatne porady prawne w Ośrodku",
                "Prawnik dyżuruje w każdy pierwszy poniedziałek miesiąca.",
                "<p>Mieszkańcy mogą bezpłatnie skonsultować sprawy rodzinne, mieszkaniowe "
                "i dotyczące zadłużenia. Obowiązują zapisy telefoniczne.</p>",
            ),
            "en": (
                "Free legal advice at the centre",
                "A lawyer is on duty every first Monday of the month.",
                "<p>Residents can get free advice on family, housing and debt matters. Please "
                "book by phone.</p>",
            ),
        },
    ),
    (
        datetime(2023, 1, 16, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Nowe godziny pracy kasy Ośrodka",
                "Od lutego kasa jest czynna dłużej.",
                "<p>Od 1 lutego kasa Ośrodka jest czynna od poniedziałku do piątku w godzinach "
                "8:00–14:00.</p>",
            ),
            "en": (
                "New opening hours of the centre's cash desk",
                "From February the cash desk stays open longer.",
                "<p>From 1 February the centre's cash desk is open Monday to Friday, "
                "8 a.m. to 2 p.m.</p>",
            ),
        },
    ),
    (
        datetime(2022, 3, 7, 8, 0, tzinfo=UTC),
        {
            "pl": (
                "Punkt informacyjny dla obywateli Ukrainy",
                "Pomagamy osobom, które przybyły z Ukrainy.",
                "<p>W Ośrodku działa punkt informacyjny dla osób, które przybyły z Ukrainy. "
                "Pomagamy w sprawach świadczeń, zakwaterowania i opieki nad dziećmi. Rozmawiamy "
                "po polsku, ukraińsku i rosyjsku.</p>",
            ),
            "en": (
                "Information point for citizens of Ukraine",
                "We help people who have arrived from Ukraine.",
                "<p>The centre runs an information point for people who have arrived from "
                "Ukraine. We help with benefits, housing and childcare. We speak Polish, "
                "Ukrainian and Russian.</p>",
            ),
        },
    ),
]

PAGES = [
    (
        1,
        {
            "pl": (
                "O Ośrodku",
                "Kim jesteśmy i w czym pomagamy.",
                "<p>Miejski Ośrodek Pomocy Społecznej pomaga mieszkańcom miasta, którzy znaleźli "
                "się w trudnej sytuacji życiowej i nie mogą poradzić sobie z nią samodzielnie.</p>"
                "<h2>W czym pomagamy</h2><ul><li>świadczenia pieniężne i w naturze,</li>"
                "<li>praca socjalna i poradnictwo,</li><li>usługi opiekuńcze,</li>"
                "<li>wsparcie rodzin z dziećmi.</li></ul>",
            ),
            "en": (
                "About the centre",
                "Who we are and how we help.",
                "<p>The Municipal Social Welfare Centre helps residents of the town who are in a "
                "difficult situation they cannot overcome on their own.</p><h2>How we help</h2>"
                "<ul><li>cash and in-kind benefits,</li><li>social work and counselling,</li>"
                "<li>care services,</li><li>support for families with children.</li></ul>",
            ),
        },
    ),
    (
        2,
        {
            "pl": (
                "Formy pomocy",
                "Jakie wsparcie można otrzymać i jak o nie wystąpić.",
                "<p>O pomoc może wystąpić osoba zainteresowana, jej przedstawiciel lub, za jej "
                "zgodą, inna osoba. Pracownik socjalny przeprowadza wywiad środowiskowy i wspólnie "
                "z rodziną ustala plan pomocy.</p>",
            ),
            "en": (
                "Forms of help",
                "What support is available and how to apply.",
                "<p>Help can be requested by the person concerned, their representative, or "
                "another person with their consent. A social worker visits the family and "
                "agrees a plan of support with them.</p>",
            ),
        },
    ),
    (
        3,
        {
            "pl": (
                "Kontakt",
                "Adres, telefony i godziny pracy.",
                "<p>Ośrodek jest czynny od poniedziałku do piątku w godzinach 7:30–15:30.</p>"
                '<p>Telefon: <a href="tel:+48140000000">14 000 00 00</a><br>'
                'E-mail: <a href="mailto:sekretariat@mops.example.pl">'
                "sekretariat@mops.example.pl</a></p>",
            ),
            "en": (
                "Contact",
                "Address, phone numbers and opening hours.",
                "<p>The centre is open Monday to Friday, 7:30 a.m. to 3:30 p.m.</p>"
                '<p>Phone: <a href="tel:+48140000000">+48 14 000 00 00</a><br>'
                'Email: <a href="mailto:sekretariat@mops.example.pl">'
                "sekretariat@mops.example.pl</a></p>",
            ),
        },
    ),
]

PALETTE = [(32, 74, 135), (23, 105, 96), (128, 52, 94), (150, 82, 20), (60, 60, 110)]


@cache
def placeholder_photo(number: int, text: str) -> bytes:
    """A generated stand-in for a photo: a coloured card naming what the photo shows."""
    width, height = 1600, 1067
    colour = PALETTE[number % len(PALETTE)]
    image = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, height, 8):  # a soft vertical gradient
        shade = tuple(min(255, c + step // 12) for c in colour)
        draw.rectangle([0, step, width, step + 8], fill=shade)
    draw.ellipse([width - 520, -260, width + 260, 520], outline=(255, 255, 255), width=12)
    try:  # a system font with Polish letters, where the machine has one
        font = ImageFont.truetype("DejaVuSans.ttf", 60)
    except OSError:  # Pillow's own font lacks Polish letters: write them without diacritics
        font = ImageFont.load_default(size=60)
        text = slugify(text, separator=" ", lowercase=False, regex_pattern=r"[^\w\s.,„”-]+")
    lines = textwrap.wrap(text, width=38)
    y = height // 2 - len(lines) * 40
    for line in lines:
        draw.text((120, y), line, fill=(255, 255, 255), font=font)
        y += 80
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _exists(model: type, slug: str) -> bool:
    tr = model.translation_class
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(tr)
            .where(tr.locale == SOURCE_LANGUAGE, tr.slug == slug)
        )
        > 0
    )


def _article(published: datetime, texts: dict[str, dict[str, str]]) -> Article:
    article = Article(published_at=published)
    for lang, fields in texts.items():
        article.translations[lang] = ArticleTranslation(
            locale=lang,
            slug=fields["slug"],
            title=fields["title"],
            summary=fields["summary"],
            body=sanitize(fields["body"]),
        )
    return article


def _gallery_image(number: int, alt_pl: str, cap_pl: str, alt_en: str, cap_en: str) -> Image:
    processed = processing.process(
        placeholder_photo(number, cap_pl), current_app.config["MEDIA_ROOT"]
    )
    image = Image(
        position=number,
        key=processed.key,
        width=processed.width,
        height=processed.height,
        renditions=processed.renditions,
    )
    image.translations["pl"] = ImageTranslation(locale="pl", alt=alt_pl, caption=cap_pl)
    image.translations["en"] = ImageTranslation(locale="en", alt=alt_en, caption=cap_en)
    return image


def load(if_empty: bool = False) -> int:
    """Add the demo content that is not there yet; return how many items were added."""
    if if_empty and db.session.scalar(sa.select(sa.func.count()).select_from(Article)):
        return 0
    added = 0
    certificate = db.session.scalar(
        sa.select(Article)
        .join(ArticleTranslation)
        .where(
            ArticleTranslation.locale == SOURCE_LANGUAGE,
            ArticleTranslation.slug == CERTIFICATE_SLUG,
        )
    )
    if certificate is None:
        certificate = _article(
            CERTIFICATE_ARTICLE["published"],
            {k: v for k, v in CERTIFICATE_ARTICLE.items() if k != "published"},
        )
        certificate.images = [_gallery_image(i, *texts) for i, texts in enumerate(GALLERY)]
        db.session.add(certificate)
        added += 1

    award_slug = "certyfikat-przyjazny-urzad-2022"
    if not _exists(Award, award_slug):
        award = Award(
            awarded_on=date(2022, 4, 23),
            published_at=CERTIFICATE_ARTICLE["published"],
            article=certificate,
            certificate_image=certificate.images[0],
        )
        award.translations["pl"] = AwardTranslation(
            locale="pl",
            slug=award_slug,
            title="Certyfikat jakości „Przyjazny Urząd” 2022",
            organiser="Quality Institute",
            edition="VII edycja Ogólnopolskiego Konkursu dla Instytucji Administracji Publicznej",
            place="Sala Kolumnowa Pałacu Radziwiłłów, Kraków-Balice",
            description="Wyróżnienie dla instytucji publicznych, które stawiają na jakość obsługi "
            "mieszkańców, kulturę pracy i nowoczesne zarządzanie.",
        )
        award.translations["en"] = AwardTranslation(
            locale="en",
            slug="friendly-office-certificate-2022",
            title="“Friendly Office” quality certificate 2022",
            organiser="Quality Institute",
            edition="7th national contest for public administration institutions",
            place="Column Hall, Radziwiłł Palace, Kraków-Balice",
            description="A distinction for public institutions that put the quality of service "
            "to residents, a high standard of work and modern management first.",
        )
        db.session.add(award)
        added += 1

    for published, texts in NEWS:
        if _exists(Article, slugify(texts["pl"][0])):
            continue
        db.session.add(
            _article(
                published,
                {
                    lang: {"slug": slugify(title), "title": title, "summary": summary, "body": body}
                    for lang, (title, summary, body) in texts.items()
                },
            )
        )
        added += 1

    for position, texts in PAGES:
        if _exists(Page, slugify(texts["pl"][0])):
            continue
        page = Page(menu_position=position, published_at=datetime(2022, 1, 3, 8, 0, tzinfo=UTC))
        for lang, (title, summary, body) in texts.items():
            page.translations[lang] = PageTranslation(
                locale=lang,
                slug=slugify(title),
                title=title,
                summary=summary,
                body=sanitize(body),
            )
        db.session.add(page)
        added += 1
    added += required_content.load()
    db.session.commit()
    return added
