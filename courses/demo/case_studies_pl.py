CASE_STUDIES = {
    "creative-ports": {
        "title": "Creative Ports: firmy kreatywne ponad Bałtykiem",
        "slug": "creative-ports",
        "summary": (
            "Czternastu partnerów z ośmiu krajów pod kierunkiem Goethe-Institut sprawdzało, jak "
            "pomóc firmom kreatywnym działać międzynarodowo, i przekształciło to w formaty, "
            "z których mogą korzystać inni."
        ),
        "project_name": "Creative Ports (Interreg Region Morza Bałtyckiego)",
        "challenge": (
            "<p>Większość firm kreatywnych wokół Bałtyku to małe przedsiębiorstwa. Rzadko mają "
            "czas i kontakty, by sprzedawać za granicą, a wsparcie w umiędzynarodowieniu było "
            "rozproszone między miastami i krajami, które rzadko wymieniały się "
            "doświadczeniami.</p>"
            "<p>Region jest też nierówny: niektóre kraje zaliczano do europejskich liderów "
            "innowacji, inne do umiarkowanych innowatorów. Narzędzia, które działa w Hamburgu "
            "czy Malmö, nie da się po prostu skopiować do Wilna czy Szczecina.</p>"
        ),
        "approach": (
            "<p>W latach 2019–2021 partnerzy spotykali się na warsztatach i seminariach. Każdy "
            "przywoził narzędzie, którym już pomagał firmom kreatywnym wychodzić za granicę, a "
            "grupa testowała je z uczestnikami z kilku krajów.</p>"
            "<p>To, co się sprawdziło, stało się wspólnymi formatami szkoleniowymi i "
            "sieciującymi, które partnerzy mogą prowadzić razem, a nie każdy osobno.</p>"
        ),
        "results": (
            "<p>Celem była trwała przestrzeń współpracy na rzecz innowacji nietechnologicznych "
            "w całym makroregionie, a nie jednorazowa wymiana.</p>"
            "<p>Rezultaty opisano jako moduły szkoleniowe na otwartej platformie, aby także "
            "organizacje spoza partnerstwa mogły samodzielnie prowadzić te działania.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Przetestuj narzędzie w innym kraju, zanim nazwiesz je przenaszalnym.</li>"
            "<li>Wspólne formaty trwają dłużej niż dwustronne wizyty.</li>"
            "<li>Zapisuj wnioski, póki projekt jeszcze trwa.</li></ul>"
        ),
    },
    "south-baltic-creative-clusters": {
        "title": "South Baltic Creative Clusters: małe miejscowości, wspólna strategia",
        "slug": "south-baltic-creative-clusters",
        "summary": (
            "Partnerzy ze Szczecina, Rostocku, Rietavas, Elbląga i Karlshamn połączyli lokalne "
            "sieci kreatywne Południowego Bałtyku i przetestowali dwa pomysły na wzmocnienie "
            "sektora."
        ),
        "project_name": "South Baltic Creative Clusters (Interreg Południowy Bałtyk)",
        "challenge": (
            "<p>Twórczość nie powstaje tylko w stolicach. W miasteczkach, średnich miastach i na "
            "obszarach wiejskich południowego wybrzeża Bałtyku twórcy byli często odizolowani, a "
            "inne sektory rzadko widziały w nich partnerów.</p>"
        ),
        "approach": (
            "<p>Od 1 lipca 2019 do 30 czerwca 2021 roku partnerzy łączyli lokalne sieci czterech "
            "miejscowości za pomocą wspólnej platformy komunikacyjnej, corocznych forów i "
            "wspólnej promocji sektora.</p>"
            "<p>Przetestowali dwa pomysły: twórców jako doradców dla firm z innych sektorów "
            "oraz wspólną dziesięcioletnią strategię rozwoju wybranych miejscowości.</p>"
        ),
        "results": (
            "<p>Projekt sfinansowano jako budowanie potencjału (kategoria interwencji 120), z "
            "całkowitym budżetem kwalifikowalnym 264 145,00 EUR. Jego najmocniejszym rezultatem "
            "były relacje robocze między miejscami, które wcześniej ze sobą nie "
            "współpracowały.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Daj małym miejscowościom wspólną platformę, zamiast kazać każdej budować własną.</li>"
            "<li>Doradztwo kreatywne dla innych sektorów wymaga jasnej, lokalnej oferty.</li>"
            "<li>Dziesięcioletnia strategia utrzymuje sieć po zakończeniu finansowania.</li></ul>"
        ),
    },
    "cci-contact-desk-network-meeting-2024": {
        "title": "CCI Contact Desk: czego potrzebuje sieć, by przetrwać",
        "slug": "cci-contact-desk-spotkanie-sieci-2024",
        "summary": (
            "Na spotkaniu 16–17 stycznia 2024 roku punkty CCI Contact Desk ustaliły, jak "
            "utrzymać kontakt, uczyć się od siebie nawzajem, być widocznymi i zapewnić sieci "
            "finansowanie."
        ),
        "project_name": "Spotkanie sieci CCI Contact Desk",
        "challenge": (
            "<p>Sieć punktów kontaktowych jest tak użyteczna, jak kontakty, które utrzymuje przy "
            "życiu. Między spotkaniami ludzie się oddalają, a nowi nie widzą, kto w regionie "
            "czym się zajmuje.</p>"
        ),
        "approach": (
            "<p>Sieć wyznaczyła sobie cztery cele. Aby utrzymać kontakt, będzie nadal spotykać "
            "się osobiście u zmieniających się gospodarzy i kojarzyć partnerów projektowych, "
            "zaczynając od mapy partnerów i ich kompetencji.</p>"
            "<p>Aby uczyć się razem, wprowadzi rotacyjne kraje wiodące, które przedstawią swoje "
            "potrzeby i stan sektora kreatywnego, wizyty studyjne, mapę podsektorów, w których "
            "działają partnerzy, oraz mentoring dla artystów i przedsiębiorców we współpracy z "
            "uczelniami.</p>"
        ),
        "results": (
            "<p>Aby być widocznymi, partnerzy będą dzielić kanały w mediach społecznościowych i "
            "kalendarz wydarzeń, który wszyscy uzupełniają. Aby działać trwale, złożą wniosek o "
            "fundusze UE na sam Contact Desk.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Zdecyduj, kto będzie gospodarzem następnego spotkania, zanim skończy się obecne.</li>"
            "<li>Wspólna mapa kompetencji to najszybsza droga do partnera.</li>"
            "<li>Planuj finansowanie sieci, nie tylko jej projektów.</li></ul>"
        ),
    },
}
