from courses.demo.blocks import (
    answer,
    case_study,
    example,
    heading,
    question,
    quiz,
    quote,
    reflection,
    text,
    tip,
    warning,
)

MODULE = {
    "title": "Współpraca ponad granicami: moduł dla firm kreatywnych",
    "slug": "wspolpraca-ponad-granicami",
    "summary": (
        "Pierwszy moduł dla projektantów, muzyków, studiów gier, rzemieślników i osób, które ich "
        "wspierają: dlaczego warto współpracować wokół Bałtyku, jak znaleźć partnerów, jak "
        "prowadzić wspólny projekt i jak sprawić, by jego rezultaty przetrwały."
    ),
    "introduction": (
        "<p>Firmy kreatywne w regionie Morza Bałtyckiego są zwykle małe, podobnie jak ich rynki "
        "krajowe. Współpraca z partnerami z innych krajów otwiera dostęp do nowej publiczności, "
        "umiejętności i finansowania, ale wymaga czasu, zaufania i kilku nawyków, których można "
        "się nauczyć.</p>"
        "<p>Moduł opiera się na doświadczeniach projektów Creative Ports i South Baltic Creative "
        "Clusters oraz sieci CCI Contact Desk.</p>"
    ),
    "outcomes": [
        "Wyjaśnić, co firma kreatywna zyskuje dzięki współpracy ponad granicami.",
        "Zmapować potencjalnych partnerów i ich kompetencje oraz dokonać wyboru.",
        "Zaplanować mały wspólny projekt z jasnym podziałem ról, wspólnym językiem i budżetem.",
        "Utrzymać rezultaty i sieć kontaktów po zakończeniu projektu.",
    ],
    "lessons": [
        {
            "title": "Dlaczego warto współpracować ponad granicami?",
            "slug": "dlaczego-warto-wspolpracowac",
            "summary": "Co firmy kreatywne zyskują na pracy z partnerami za granicą i ile to kosztuje.",
            "body": [
                heading("Małe rynki, duże sąsiedztwo"),
                text(
                    "<p>Studio projektowe w Tartu czy wytwórnia muzyczna w Rostocku mogą urosnąć "
                    "w kraju tylko do pewnego stopnia. Wokół Bałtyku mieszka ponad pięćdziesiąt "
                    "milionów ludzi, są tu festiwale, targi i firmy, które szukają właśnie takich "
                    "umiejętności, jakie mają małe firmy kreatywne.</p>"
                    "<p>Współpraca to nie tylko eksport. Partnerzy z zagranicy wnoszą metody, "
                    "których jeszcze nie znasz, otwierają dostęp do programów finansowania "
                    "wymagających udziału kilku krajów i dają drugą opinię o twoich pomysłach.</p>"
                ),
                quote(
                    "Nie potrzebowaliśmy kolejnego podręcznika. Potrzebowaliśmy zobaczyć, jak "
                    "naprawdę robią to nasi sąsiedzi, i spróbować tego razem z nimi.",
                    "Uczestniczka warsztatów",
                ),
                heading("Różne punkty wyjścia", "h3"),
                text(
                    "<p>Region nie jest jednolity. Niektóre kraje od dawna należą do europejskich "
                    "liderów innowacji, inne szybko je doganiają. To zaleta: każda strona ma coś, "
                    "czego brakuje drugiej, ale narzędzia rzadko dają się przenieść bez zmian.</p>"
                ),
                tip(
                    "Zacznij od pytania, nie od projektu",
                    "<p>Zanim zaczniesz szukać finansowania, zapisz jedno pytanie, w którego "
                    "rozwiązaniu mógłby pomóc ci partner z zagranicy. Pierwsza rozmowa będzie "
                    "dzięki temu znacznie łatwiejsza.</p>",
                ),
                reflection(
                    "Który rynek, jaka umiejętność lub jaki pomysł spoza twojego kraju najbardziej "
                    "zmieniłby twoją pracę w ciągu najbliższych dwóch lat?",
                    "Napisz trzy zdania i zachowaj je: przydadzą się w kolejnych lekcjach.",
                ),
            ],
        },
        {
            "title": "Jak znaleźć i wybrać partnerów",
            "slug": "jak-znalezc-i-wybrac-partnerow",
            "summary": "Jak zmapować, kto czym się zajmuje w regionie, i wybrać partnerów, z którymi da się pracować.",
            "body": [
                heading("Najpierw mapa, potem kojarzenie"),
                text(
                    "<p>Dobre partnerstwa rzadko powstają dzięki jednemu szczęśliwemu spotkaniu. "
                    "Sieci takie jak CCI Contact Desk prowadzą mapę swoich członków, podsektorów, "
                    "w których działają, i ich mocnych stron, a następnie wykorzystują ją do "
                    "kojarzenia partnerów.</p>"
                    "<ul><li>Wypisz organizacje za granicą, które już znasz.</li>"
                    "<li>Zanotuj ich podsektor, kompetencje i osobę, którą znasz.</li>"
                    "<li>Zaznacz luki: jakiej umiejętności lub jakiego kraju brakuje?</li></ul>"
                ),
                case_study(
                    "cci-contact-desk-network-meeting-2024",
                    "Jak sieć zamierza utrzymać kontakt między członkami i pomagać w szukaniu partnerów.",
                ),
                example(
                    "Udane połączenie",
                    "<p>Małe studio animacji potrzebowało udźwiękowienia. Na spotkaniu sieci "
                    "znalazło zagraniczną szkołę muzyczną, której studenci szukali prawdziwych "
                    "projektów. Obie strony dostały to, czego im brakowało.</p>",
                ),
                heading("Pytania do potencjalnego partnera", "h3"),
                text(
                    "<ul><li>Co chcecie zyskać dzięki tej współpracy?</li>"
                    "<li>Ile czasu w miesiącu naprawdę możecie jej poświęcić?</li>"
                    "<li>Kto podejmuje decyzje w waszej organizacji i jak szybko?</li></ul>"
                ),
                reflection(
                    "Narysuj prostą mapę pięciu zagranicznych organizacji, które mogłyby z tobą "
                    "współpracować. Co wnosi każda z nich?",
                ),
            ],
        },
        {
            "title": "Prowadzenie wspólnego projektu",
            "slug": "prowadzenie-wspolnego-projektu",
            "summary": "Role, język, pieniądze i spotkania: co utrzymuje projekt transgraniczny na właściwym kursie.",
            "body": [
                heading("Ustalcie podstawy na początku"),
                text(
                    "<p>Większość trudności we wspólnych projektach nie dotyczy pomysłów, lecz "
                    "oczekiwań. Na początku ustalcie, kto prowadzi, kto za co płaci, w jakim "
                    "języku pracujecie i jak często się spotykacie.</p>"
                    "<p>Zapiszcie to na jednej stronie, którą podpiszą wszyscy partnerzy. Później "
                    "zaoszczędzi wam to tygodnie.</p>"
                ),
                warning(
                    "Budżety czyta się różnie",
                    "<p>Partnerzy z różnych krajów mogą inaczej liczyć czas pracy, podróże i "
                    "koszty ogólne. Porównajcie swoje liczby pozycja po pozycji, zanim złożycie "
                    "wspólny budżet.</p>",
                ),
                case_study(
                    "south-baltic-creative-clusters",
                    "Pięciu partnerów z małych i średnich miejscowości dzieliło jedną platformę i jedną strategię.",
                ),
                quote(
                    "Na forum projekt stał się prawdziwy: ludzie z czterech miejscowości wreszcie "
                    "usiedli przy jednym stole.",
                    "Partner projektu",
                ),
                tip(
                    "Spotkajcie się osobiście przynajmniej raz",
                    "<p>Spotkania online podtrzymują projekt, ale zaufanie rośnie szybciej, gdy "
                    "partnerzy choć raz odwiedzili się nawzajem na miejscu.</p>",
                ),
                reflection(
                    "Którą z podstaw (kierowanie, pieniądze, język, spotkania) najtrudniej byłoby "
                    "uzgodnić z partnerami z twojej mapy? Dlaczego?",
                ),
            ],
        },
        {
            "title": "Jak utrwalić rezultaty",
            "slug": "jak-utrwalic-rezultaty",
            "summary": "Jak dzielić się tym, czego się nauczyliście, i utrzymać sieć po zakończeniu finansowania.",
            "body": [
                heading("Zapisujcie na bieżąco"),
                text(
                    "<p>Projekty się kończą, ludzie zmieniają pracę, a to, czego nauczyło się "
                    "partnerstwo, łatwo przepada. Creative Ports od początku planował przekształcić "
                    "swoje warsztaty w moduły szkoleniowe dostępne dla każdego, takie jak ten.</p>"
                ),
                case_study(
                    "creative-ports",
                    "Czternastu partnerów zamieniło swoje testy we wspólne formaty.",
                ),
                heading("Dbajcie o widoczność sieci", "h3"),
                text(
                    "<p>Wspólny kalendarz wydarzeń i wspólne kanały w mediach społecznościowych "
                    "niewiele kosztują, a pozwalają partnerom nie tracić się z oczu. Zmieniający "
                    "się gospodarze spotkań rozkładają pracę i pozwalają każdemu poznać inne "
                    "miejsce.</p>"
                    "<p>Zaplanujcie kolejny wniosek o dofinansowanie, zanim obecny projekt się "
                    "skończy.</p>"
                ),
                quiz(
                    "Sprawdź, czy rozumiesz",
                    [
                        question(
                            "Która organizacja kierowała konsorcjum Creative Ports?",
                            [
                                answer(
                                    "Goethe-Institut",
                                    True,
                                    "Dobrze: kierował 14 partnerami z 8 krajów.",
                                ),
                                answer(
                                    "Media Evolution City Malmö",
                                    False,
                                    "To był partner, ale nie lider.",
                                ),
                                answer(
                                    "Miasto Wilno",
                                    False,
                                    "Wilno było jednym z partnerów.",
                                ),
                            ],
                            explanation="Goethe-Institut kierował konsorcjum 14 partnerów z 8 krajów.",
                        ),
                        question(
                            "Jak partnerzy South Baltic Creative Clusters połączyli swoje lokalne sieci?",
                            [
                                answer(
                                    "Wspólną platformą komunikacyjną",
                                    True,
                                    "Tak, jedną wspólną platformą.",
                                ),
                                answer(
                                    "Corocznymi forami",
                                    True,
                                    "Tak, fora zbliżyły do siebie te miejsca.",
                                ),
                                answer(
                                    "Wspólnym kontem bankowym",
                                    False,
                                    "Nie, każdy partner zachował własny budżet.",
                                ),
                            ],
                            kind="multiple",
                            explanation=(
                                "Wykorzystali wspólną platformę, coroczne fora i wspólną "
                                "promocję sektora."
                            ),
                        ),
                        question(
                            "Jaki jest dobry pierwszy krok w szukaniu partnerów za granicą?",
                            [
                                answer(
                                    "Zmapować, kto czym się zajmuje i jakie ma kompetencje",
                                    True,
                                    "Dobrze: mapa bardzo ułatwia kojarzenie partnerów.",
                                ),
                                answer(
                                    "Napisać wniosek o dofinansowanie",
                                    False,
                                    "To przychodzi później, razem z partnerami.",
                                ),
                                answer(
                                    "Poczekać, aż ktoś się odezwie",
                                    False,
                                    "Partnerstwo wymaga pierwszego kroku.",
                                ),
                            ],
                            explanation="Mapowanie partnerów i ich kompetencji poprzedza kojarzenie.",
                        ),
                    ],
                ),
                reflection(
                    "Co zrobisz w najbliższym miesiącu, aby rozpocząć lub wzmocnić współpracę "
                    "ponad granicą?",
                    "Wróć do trzech zdań, które napisałeś lub napisałaś w pierwszej lekcji.",
                ),
            ],
        },
    ],
}
