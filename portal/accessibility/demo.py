"""Demo content for what the law requires: the accessibility statement and the required pages.

Written for the demo; the centre's real texts replace it. ``load()`` is idempotent: a page whose
key exists and a statement that exists are left as they are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from slugify import slugify

from ..extensions import db
from ..html import sanitize
from ..pages.models import Page, PageKey, PageTranslation
from .models import (
    AccessibilityStatement,
    AccessibilityStatementTranslation,
    Assessment,
    Compliance,
)

PUBLISHED = datetime(2022, 1, 3, 8, 0, tzinfo=UTC)
CONTACT_SLUG = "kontakt"  # the contact page of the general demo content

REQUIRED_PAGES = {
    PageKey.EASY_TO_READ: {
        "pl": {
            "title": "Tekst łatwy do czytania",
            "summary": "Krótko i prosto o tym, czym zajmuje się nasz Ośrodek.",
            "body": """
<h2>Kim jesteśmy?</h2>
<p>Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej.</p>
<p>Krótko mówimy na nas: MOPS.</p>
<p>Pomagamy mieszkańcom miasta, którym jest trudno.</p>
<h2>Komu pomagamy?</h2>
<ul>
<li>Osobom, które mają mało pieniędzy.</li>
<li>Osobom starszym i chorym.</li>
<li>Osobom z niepełnosprawnością.</li>
<li>Rodzinom z dziećmi, które mają kłopoty.</li>
<li>Osobom, które nie mają domu.</li>
</ul>
<h2>Jak pomagamy?</h2>
<ul>
<li>Dajemy pieniądze na jedzenie, leki albo opał.</li>
<li>Pracownik socjalny rozmawia z Tobą i radzi, co zrobić.</li>
<li>Opiekunka może przychodzić do Twojego domu.</li>
<li>Psycholog i prawnik udzielają porad za darmo.</li>
</ul>
<h2>Jak nas znaleźć?</h2>
<p>Biuro jest otwarte od poniedziałku do piątku.</p>
<p>Godziny: od 7:30 do 15:30.</p>
<p>Przy wejściu jest podjazd dla wózków.</p>
<h2>Jak się z nami skontaktować?</h2>
<ul>
<li>Zadzwoń: <a href="tel:+48140000000">14 000 00 00</a>.</li>
<li>Napisz e-mail:
<a href="mailto:sekretariat@mops.example.pl">sekretariat@mops.example.pl</a>.</li>
<li>Przyjdź do nas. Możesz przyjść z kimś bliskim.</li>
</ul>
""",
        },
        "en": {
            "title": "Easy to read",
            "summary": "What our centre does, told simply.",
            "body": """
<h2>Who are we?</h2>
<p>We are the Municipal Social Welfare Centre.</p>
<p>People call us MOPS for short.</p>
<p>We help people in our town who are having a hard time.</p>
<h2>Who do we help?</h2>
<ul>
<li>People who do not have enough money.</li>
<li>Older people and people who are ill.</li>
<li>People with disabilities.</li>
<li>Families with children who have problems.</li>
<li>People who have no home.</li>
</ul>
<h2>How do we help?</h2>
<ul>
<li>We give money for food, medicine or heating.</li>
<li>A social worker talks with you and helps you decide what to do.</li>
<li>A carer can come to your home.</li>
<li>A psychologist and a lawyer give advice for free.</li>
</ul>
<h2>How to find us?</h2>
<p>Our office is open from Monday to Friday.</p>
<p>Hours: from 7:30 a.m. to 3:30 p.m.</p>
<p>There is a ramp for wheelchairs at the entrance.</p>
<h2>How to contact us?</h2>
<ul>
<li>Call: <a href="tel:+48140000000">+48 14 000 00 00</a>.</li>
<li>Send an email:
<a href="mailto:sekretariat@mops.example.pl">sekretariat@mops.example.pl</a>.</li>
<li>Come and see us. You can come with someone close to you.</li>
</ul>
""",
        },
    },
    PageKey.SIGN_LANGUAGE: {
        "pl": {
            "title": "Informacja w polskim języku migowym",
            "summary": "Film w PJM o tym, czym zajmuje się Ośrodek, i jak załatwić sprawę "
            "z pomocą tłumacza.",
            "body": """
<p>Osoba głucha lub słabosłysząca może załatwić sprawę w Ośrodku z pomocą tłumacza polskiego
języka migowego (PJM), systemu językowo-migowego (SJM) lub sposobu komunikowania się osób
głuchoniewidomych (SKOGN).</p>
<h2>Jak zamówić tłumacza?</h2>
<p>Zgłoś potrzebę co najmniej 3 dni robocze przed wizytą: e-mailem na adres
<a href="mailto:sekretariat@mops.example.pl">sekretariat@mops.example.pl</a>, SMS-em lub
osobiście. Tłumacz jest bezpłatny.</p>
""",
            "video_text": """
<p>Dzień dobry. Jesteśmy Miejskim Ośrodkiem Pomocy Społecznej. Pomagamy mieszkańcom miasta
w trudnej sytuacji: osobom z niskimi dochodami, starszym, chorym, z niepełnosprawnością,
rodzinom z dziećmi i osobom w kryzysie bezdomności.</p>
<p>W Ośrodku możesz złożyć wniosek o zasiłek, porozmawiać z pracownikiem socjalnym albo
umówić się z psychologiem lub prawnikiem. Jesteśmy czynni od poniedziałku do piątku od 7:30
do 15:30.</p>
<p>Jeśli potrzebujesz tłumacza PJM, SJM lub SKOGN, napisz do nas e-mail albo SMS co najmniej
3 dni robocze przed wizytą. Tłumacz jest bezpłatny.</p>
""",
        },
        "en": {
            "title": "Information in Polish Sign Language",
            "summary": "A film in Polish Sign Language (PJM) about what the centre does and how "
            "to see us with an interpreter.",
            "body": """
<p>A Deaf or hard-of-hearing person can deal with the centre with the help of an interpreter of
Polish Sign Language (PJM), signed Polish (SJM) or the communication methods of deafblind people
(SKOGN).</p>
<h2>How to book an interpreter?</h2>
<p>Let us know at least 3 working days before your visit: by email to
<a href="mailto:sekretariat@mops.example.pl">sekretariat@mops.example.pl</a>, by text message or
in person. The interpreter is free of charge.</p>
""",
            "video_text": """
<p>Hello. We are the Municipal Social Welfare Centre. We help residents of the town who are in a
difficult situation: people on low incomes, older people, people who are ill or have a
disability, families with children and people experiencing homelessness.</p>
<p>At the centre you can apply for a benefit, talk to a social worker, or book a meeting with a
psychologist or a lawyer. We are open Monday to Friday, 7:30 a.m. to 3:30 p.m.</p>
<p>If you need a PJM, SJM or SKOGN interpreter, send us an email or a text message at least 3
working days before your visit. The interpreter is free of charge.</p>
""",
        },
    },
    PageKey.PRIVACY: {
        "pl": {
            "title": "Ochrona danych osobowych",
            "summary": "Kontakt z inspektorem ochrony danych i klauzula informacyjna RODO.",
            "body": """
<h2>Inspektor ochrony danych</h2>
<p>W sprawach dotyczących Twoich danych osobowych możesz skontaktować się z naszym inspektorem
ochrony danych: e-mail <a href="mailto:iod@mops.example.pl">iod@mops.example.pl</a>, telefon
<a href="tel:+48140000009">14 000 00 09</a>, albo listownie na adres Ośrodka z dopiskiem
„Inspektor ochrony danych”.</p>
<h2>Klauzula informacyjna</h2>
<p>Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 (RODO)
informujemy, że:</p>
<ul>
<li>administratorem Twoich danych osobowych jest Miejski Ośrodek Pomocy Społecznej, reprezentowany
przez dyrektora;</li>
<li>przetwarzamy dane, aby wykonywać zadania pomocy społecznej i inne zadania, które nakładają na
nas przepisy prawa (art. 6 ust. 1 lit. c i e oraz art. 9 ust. 2 lit. b, g i h RODO);</li>
<li>dane mogą otrzymać tylko podmioty uprawnione na podstawie przepisów prawa oraz firmy, które
świadczą nam usługi (np. informatyczne) na podstawie umowy powierzenia;</li>
<li>przechowujemy dane przez czas określony w przepisach o archiwizacji dokumentów;</li>
<li>masz prawo dostępu do swoich danych, ich sprostowania, ograniczenia przetwarzania, a w
przypadkach określonych w RODO także do ich usunięcia i do sprzeciwu;</li>
<li>możesz złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych;</li>
<li>podanie danych jest obowiązkiem wynikającym z przepisów, gdy ubiegasz się o świadczenie;
bez nich nie możemy rozpatrzyć sprawy;</li>
<li>nie podejmujemy decyzji w sposób zautomatyzowany i nie profilujemy Twoich danych.</li>
</ul>
""",
        },
        "en": {
            "title": "Personal data protection",
            "summary": "How to contact our data protection officer, and how we use your data "
            "under the GDPR.",
            "body": """
<h2>Data protection officer</h2>
<p>For anything about your personal data you can contact our data protection officer: by email
at <a href="mailto:iod@mops.example.pl">iod@mops.example.pl</a>, by phone at
<a href="tel:+48140000009">+48 14 000 00 09</a>, or by post to the centre's address marked
“Data protection officer”.</p>
<h2>Information clause</h2>
<p>Under Article 13 of Regulation (EU) 2016/679 of the European Parliament and of the Council
(GDPR), we inform you that:</p>
<ul>
<li>the controller of your personal data is the Municipal Social Welfare Centre, represented by
its director;</li>
<li>we process the data to carry out the social assistance tasks and other duties that the law
gives us (Article 6(1)(c) and (e) and Article 9(2)(b), (g) and (h) GDPR);</li>
<li>the data may be disclosed only to bodies entitled to it by law and to companies that provide
services to us (for example IT services) under a data processing agreement;</li>
<li>we keep the data for the periods set by the rules on archiving documents;</li>
<li>you have the right to access and correct your data, to restrict its processing and, where the
GDPR provides for it, to have it erased and to object;</li>
<li>you may lodge a complaint with the President of the Personal Data Protection Office;</li>
<li>giving your data is required by law when you apply for a benefit; without it we cannot deal
with your case;</li>
<li>we make no automated decisions and do no profiling with your data.</li>
</ul>
""",
        },
    },
    PageKey.COOKIES: {
        "pl": {
            "title": "Pliki cookie",
            "summary": "Jakie pliki cookie zapisuje nasza strona, i dlaczego tak mało.",
            "body": """
<p>Czytając naszą stronę, nie dostajesz od nas żadnego pliku cookie. Nie używamy narzędzi
statystycznych, reklam ani wtyczek serwisów społecznościowych, które mogłyby Cię śledzić.</p>
<p>Plik cookie zapisujemy tylko wtedy, gdy sam wybierzesz ustawienie: język strony, wielkość
tekstu albo wersję kontrastową. Plik pamięta Twój wybór na kolejnych stronach i przy następnej
wizycie. Wszystkie takie pliki wymienia lista poniżej.</p>
<p>Pliki wielkości tekstu i kontrastu znikają, gdy wrócisz do ustawień domyślnych (tekst „A”,
zwykły kontrast). Każdy z tych plików możesz też usunąć w przeglądarce.</p>
""",
        },
        "en": {
            "title": "Cookies",
            "summary": "Which cookies our website sets, and why there are so few.",
            "body": """
<p>Reading our website does not give you any cookie from us. We use no statistics tools, no
advertising and no social media plug-ins that could track you.</p>
<p>We set a cookie only when you choose a setting yourself: the language, the text size or the
high-contrast version. The cookie remembers your choice on the next pages and on your next visit.
The list below names every such cookie.</p>
<p>The text size and contrast cookies are removed when you go back to the defaults (text size “A”,
normal contrast). You can also delete any of these cookies in your browser.</p>
""",
        },
    },
}

STATEMENT = {
    "site_url": "",
    "published_on": date(2022, 1, 3),
    "updated_on": date(2026, 11, 25),
    "status": Compliance.PARTIAL,
    "prepared_on": date(2022, 3, 28),
    "reviewed_on": date(2026, 3, 20),
    "assessment": Assessment.SELF,
    "contact_person": "Anna Kowalska",
    "contact_email": "dostepnosc@mops.example.pl",
    "contact_phone": "14 000 00 05",
    "pl": {
        "body_name": "Miejski Ośrodek Pomocy Społecznej",
        "site_name": "Strona internetowa Miejskiego Ośrodka Pomocy Społecznej",
        "noncompliance": """
<ul>
<li>Część zdjęć w galeriach opublikowanych przed 2022 rokiem nie ma opisów alternatywnych.
Uzupełniamy je stopniowo.</li>
<li>Film z informacją o Ośrodku w polskim języku migowym jest w przygotowaniu. Do czasu jego
publikacji ta sama informacja jest dostępna w wersji tekstowej na stronie o języku migowym.</li>
</ul>
""",
        "exemptions": """
<ul>
<li>Część dokumentów w archiwum to skany plików biurowych opublikowanych przed 23 września
2018 r.; nie są one potrzebne do załatwiania bieżących spraw. Na prośbę udostępnimy ich treść
w dostępnej formie.</li>
</ul>
""",
        "shortcuts": "",
        "address": "<p>Miejski Ośrodek Pomocy Społecznej<br>ul. Przykładowa 1<br>00-000 Miasto</p>",
        "architecture": """
<p>Siedziba Ośrodka mieści się w dwukondygnacyjnym budynku przy ul. Przykładowej 1. Do wejścia
głównego prowadzi podjazd dla wózków; drzwi otwierają się automatycznie. Przed budynkiem są dwa
miejsca parkingowe dla osób z niepełnosprawnością.</p>
<p>Sekretariat i punkt przyjęć są na parterze. Na piętro prowadzą schody i winda. Na parterze
jest toaleta dostosowana do potrzeb osób z niepełnosprawnością. Do budynku można wejść z psem
asystującym i psem przewodnikiem.</p>
<p>W budynku nie ma oznaczeń w alfabecie Braille’a ani oznaczeń kontrastowych i w druku
powiększonym dla osób niewidomych i słabowidzących.</p>
""",
        "sign_language": """
<p>W punkcie przyjęć jest pętla indukcyjna. Z tłumacza polskiego języka migowego (PJM), systemu
językowo-migowego (SJM) lub sposobu komunikowania się osób głuchoniewidomych (SKOGN) można
skorzystać bezpłatnie; wystarczy zgłosić to co najmniej 3 dni robocze przed wizytą.</p>
""",
        "mobile_apps": "<p>Ośrodek nie udostępnia aplikacji mobilnych.</p>",
    },
    "en": {
        "body_name": "The Municipal Social Welfare Centre",
        "site_name": "Website of the Municipal Social Welfare Centre",
        "noncompliance": """
<ul>
<li>Some photos in galleries published before 2022 have no text alternative. We are adding it
step by step.</li>
<li>The film with information about the centre in Polish Sign Language is being prepared.
Until it is published, the same information is available as text on the sign language page.</li>
</ul>
""",
        "exemptions": """
<ul>
<li>Some documents in the archive are scans of office files published before 23 September 2018
that are not needed for current matters. On request we will provide their content in an
accessible form.</li>
</ul>
""",
        "shortcuts": "",
        "address": "<p>Municipal Social Welfare Centre<br>ul. Przykładowa 1<br>00-000 Miasto, "
        "Poland</p>",
        "architecture": """
<p>The centre is in a two-storey building at ul. Przykładowa 1. A ramp leads to the main
entrance, whose doors open automatically. There are two parking spaces for people with
disabilities in front of the building.</p>
<p>The front office and the reception desk are on the ground floor. Stairs and a lift lead to the
first floor. There is an accessible toilet on the ground floor. Assistance dogs and guide dogs are
welcome.</p>
<p>There are no Braille signs, nor high-contrast or large-print signs for blind and partially
sighted people in the building.</p>
""",
        "sign_language": """
<p>The reception desk has a hearing loop. An interpreter of Polish Sign Language (PJM), signed
Polish (SJM) or the communication methods of deafblind people (SKOGN) is available free of
charge; please let us know at least 3 working days before your visit.</p>
""",
        "mobile_apps": "<p>The centre has no mobile applications.</p>",
    },
}

HTML_FIELDS = (
    "noncompliance",
    "exemptions",
    "shortcuts",
    "address",
    "architecture",
    "sign_language",
    "mobile_apps",
)


def _keyed(key: str) -> Page | None:
    return db.session.scalar(sa.select(Page).where(Page.key == key))


def load() -> int:
    """Add the required pages and the statement that are missing; return how many were added."""
    added = 0
    contact = db.session.scalar(
        sa.select(Page)
        .join(PageTranslation)
        .where(PageTranslation.locale == "pl", PageTranslation.slug == CONTACT_SLUG)
    )
    if contact is not None and contact.key is None and _keyed(PageKey.CONTACT) is None:
        contact.key = PageKey.CONTACT
    for key, texts in REQUIRED_PAGES.items():
        if _keyed(key) is not None:
            continue
        page = Page(key=key, published_at=PUBLISHED)
        for lang, fields in texts.items():
            page.translations[lang] = PageTranslation(
                locale=lang,
                slug=slugify(fields["title"]),
                title=fields["title"],
                summary=fields["summary"],
                body=sanitize(fields["body"]),
                video_text=sanitize(fields.get("video_text", "")),
            )
        db.session.add(page)
        added += 1
    if AccessibilityStatement.current() is None:
        facts = {k: v for k, v in STATEMENT.items() if k not in ("pl", "en")}
        statement = AccessibilityStatement(**facts)
        for lang in ("pl", "en"):
            fields = dict(STATEMENT[lang])
            for name in HTML_FIELDS:
                fields[name] = sanitize(fields[name])
            statement.translations[lang] = AccessibilityStatementTranslation(locale=lang, **fields)
        db.session.add(statement)
        added += 1
    return added
