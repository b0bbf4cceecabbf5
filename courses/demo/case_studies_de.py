CASE_STUDIES = {
    "creative-ports": {
        "title": "Creative Ports: Kreativunternehmen über die Ostsee bringen",
        "slug": "creative-ports",
        "summary": (
            "Vierzehn Partner aus acht Ländern erprobten unter Leitung des Goethe-Instituts Wege, "
            "wie Kreativunternehmen international arbeiten können, und machten daraus Formate, "
            "die andere übernehmen können."
        ),
        "project_name": "Creative Ports (Interreg Ostseeraum)",
        "challenge": (
            "<p>Die meisten Kreativunternehmen rund um die Ostsee sind klein. Ihnen fehlen oft "
            "Zeit und Kontakte, um im Ausland zu verkaufen, und die Unterstützung bei der "
            "Internationalisierung war auf Städte und Länder verteilt, die sich selten "
            "austauschten.</p>"
            "<p>Die Region ist zudem ungleich: Einige Länder galten als Innovationsführer "
            "Europas, andere als mäßige Innovatoren. Ein Werkzeug, das in Hamburg oder Malmö "
            "funktioniert, lässt sich nicht einfach nach Vilnius oder Stettin übertragen.</p>"
        ),
        "approach": (
            "<p>Die Partner trafen sich zwischen 2019 und 2021 in Workshops und Seminaren. Jeder "
            "brachte ein Werkzeug mit, mit dem er Kreativunternehmen bereits ins Ausland "
            "begleitete, und die Gruppe testete es mit Teilnehmenden aus mehreren Ländern.</p>"
            "<p>Was funktionierte, wurde zu gemeinsamen Trainings- und Netzwerkformaten, die die "
            "Partner zusammen statt jeder für sich durchführen können.</p>"
        ),
        "results": (
            "<p>Ziel war ein dauerhafter Raum für die Zusammenarbeit bei nichttechnologischer "
            "Innovation im ganzen Makroraum statt eines einmaligen Austauschs.</p>"
            "<p>Die Ergebnisse wurden als Lernmodule auf einer offenen Plattform "
            "festgehalten, damit auch Organisationen außerhalb der Partnerschaft die Aktivitäten "
            "selbst durchführen können.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Ein Werkzeug erst in einem anderen Land testen, bevor man es übertragbar nennt.</li>"
            "<li>Gemeinsame Formate halten länger als bilaterale Besuche.</li>"
            "<li>Das Gelernte aufschreiben, solange das Projekt noch läuft.</li></ul>"
        ),
    },
    "south-baltic-creative-clusters": {
        "title": "South Baltic Creative Clusters: kleine Orte, gemeinsame Strategie",
        "slug": "south-baltic-creative-clusters",
        "summary": (
            "Partner in Stettin, Rostock, Rietavas, Elbląg und Karlshamn verbanden lokale "
            "Kreativnetzwerke an der südlichen Ostsee und erprobten zwei Ideen, um der Branche "
            "mehr Gewicht zu geben."
        ),
        "project_name": "South Baltic Creative Clusters (Interreg Südliche Ostsee)",
        "challenge": (
            "<p>Kreative Arbeit findet nicht nur in Hauptstädten statt. In Kleinstädten, "
            "mittelgroßen Städten und ländlichen Gebieten an der südlichen Ostseeküste waren "
            "Kreative oft isoliert, und andere Branchen sahen sie selten als Partner.</p>"
        ),
        "approach": (
            "<p>Zwischen dem 1. Juli 2019 und dem 30. Juni 2021 verbanden die Partner die lokalen "
            "Netzwerke von vier Standorten über eine gemeinsame Kommunikationsplattform, "
            "jährliche Foren und eine gemeinsame Förderung der Branche.</p>"
            "<p>Sie erprobten zwei Ideen: Kreative als Beraterinnen und Berater für Unternehmen "
            "anderer Branchen und eine gemeinsame Entwicklungsstrategie für die ausgewählten "
            "Standorte über zehn Jahre.</p>"
        ),
        "results": (
            "<p>Das Projekt wurde als Kapazitätsaufbau (Interventionskategorie 120) mit einem "
            "förderfähigen Gesamtbudget von 264.145,00 EUR gefördert. Sein stärkstes Ergebnis "
            "waren Arbeitsbeziehungen zwischen Orten, die zuvor nicht zusammengearbeitet "
            "hatten.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Kleinen Orten eine gemeinsame Plattform geben, statt jeden eine eigene bauen zu lassen.</li>"
            "<li>Kreative Beratung für andere Branchen braucht ein klares, lokales Angebot.</li>"
            "<li>Eine Zehnjahresstrategie hält das Netzwerk auch nach dem Ende der Förderung zusammen.</li></ul>"
        ),
    },
    "cci-contact-desk-network-meeting-2024": {
        "title": "CCI Contact Desk: Was ein Netzwerk zum Weitermachen braucht",
        "slug": "cci-contact-desk-netzwerktreffen-2024",
        "summary": (
            "Bei ihrem Treffen am 16. und 17. Januar 2024 vereinbarten die CCI Contact Desks, wie "
            "sie in Verbindung bleiben, voneinander lernen, sichtbar werden und ihr Netzwerk "
            "finanzieren."
        ),
        "project_name": "Netzwerktreffen der CCI Contact Desks",
        "challenge": (
            "<p>Ein Netzwerk von Kontaktstellen ist nur so nützlich wie die Kontakte, die es "
            "lebendig hält. Zwischen den Treffen verlieren sich Menschen aus den Augen, und "
            "Neue sehen nicht, wer in der Region was macht.</p>"
        ),
        "approach": (
            "<p>Das Netzwerk setzte sich vier Ziele. Um in Verbindung zu bleiben, wird es sich "
            "weiter persönlich mit wechselnden Gastgebern treffen und über Matchmaking "
            "Projektpartnerschaften bilden, ausgehend von einer Karte der Partner und ihrer "
            "Kompetenzen.</p>"
            "<p>Um gemeinsam zu lernen, wird es wechselnde Schwerpunktländer geben, die ihren "
            "Bedarf und den Stand ihrer Kreativwirtschaft vorstellen, dazu Studienreisen, eine "
            "Karte der Teilbranchen, in denen Partner aktiv sind, und Mentoring für "
            "Künstlerinnen, Künstler und Unternehmen gemeinsam mit Hochschulen.</p>"
        ),
        "results": (
            "<p>Um sichtbar zu sein, teilen die Partner Social-Media-Kanäle und einen "
            "Veranstaltungskalender, den alle befüllen. Um nachhaltig zu sein, werden sie "
            "EU-Fördermittel für den Contact Desk selbst beantragen.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Entscheiden, wer das nächste Treffen ausrichtet, bevor das aktuelle endet.</li>"
            "<li>Eine gemeinsame Kompetenzkarte ist der schnellste Weg zu einem Partner.</li>"
            "<li>Die Finanzierung des Netzwerks planen, nicht nur die seiner Projekte.</li></ul>"
        ),
    },
}
