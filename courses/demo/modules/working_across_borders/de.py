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
    "title": "Über Grenzen hinweg arbeiten: Zusammenarbeit für Kreativunternehmen",
    "slug": "ueber-grenzen-hinweg-arbeiten",
    "summary": (
        "Ein erstes Modul für Designerinnen, Musiker, Spielestudios, Handwerksbetriebe und alle, "
        "die sie unterstützen: warum sich Zusammenarbeit rund um die Ostsee lohnt, wie man "
        "Partner findet, ein gemeinsames Projekt führt und seine Ergebnisse dauerhaft sichert."
    ),
    "introduction": (
        "<p>Kreativunternehmen rund um die Ostsee sind meist klein, und ihre Heimatmärkte sind "
        "es auch. Die Arbeit mit Partnern in anderen Ländern erschließt neues Publikum, neue "
        "Fähigkeiten und Fördermittel. Sie kostet aber Zeit, braucht Vertrauen und ein paar "
        "Gewohnheiten, die man lernen kann.</p>"
        "<p>Dieses Modul stützt sich auf das, was die Projekte Creative Ports und South Baltic "
        "Creative Clusters sowie das Netzwerk der CCI Contact Desks in der Praxis gelernt haben.</p>"
    ),
    "outcomes": [
        "Erklären, was ein Kreativunternehmen von grenzüberschreitender Zusammenarbeit hat.",
        "Mögliche Partner und ihre Kompetenzen erfassen und zwischen ihnen wählen.",
        "Ein kleines gemeinsames Projekt mit klaren Rollen, einer gemeinsamen Sprache und einem Budget planen.",
        "Ergebnisse und Netzwerk auch nach dem Projektende lebendig halten.",
    ],
    "lessons": [
        {
            "title": "Warum über Grenzen hinweg zusammenarbeiten?",
            "slug": "warum-zusammenarbeiten",
            "summary": "Was Kreativunternehmen von Partnern im Ausland haben und was es sie kostet.",
            "body": [
                heading("Kleine Märkte, große Nachbarschaft"),
                text(
                    "<p>Ein Designstudio in Tartu oder ein Musiklabel in Rostock kann zu Hause "
                    "nur begrenzt wachsen. Rund um die Ostsee leben mehr als fünfzig Millionen "
                    "Menschen, und es gibt Festivals, Messen und Unternehmen, die genau die "
                    "Fähigkeiten suchen, die kleine Kreativfirmen haben.</p>"
                    "<p>Zusammenarbeit bedeutet nicht nur Export. Partner im Ausland bringen "
                    "Methoden mit, die man noch nicht kennt, öffnen den Zugang zu Förderprogrammen, "
                    "die mehrere Länder voraussetzen, und geben eine zweite Meinung zu den eigenen "
                    "Ideen.</p>"
                ),
                quote(
                    "Wir brauchten kein weiteres Handbuch. Wir mussten sehen, wie unsere Nachbarn "
                    "es wirklich machen, und es gemeinsam mit ihnen ausprobieren.",
                    "Eine Teilnehmerin eines Workshops",
                ),
                heading("Unterschiedliche Ausgangslagen", "h3"),
                text(
                    "<p>Die Region ist nicht einheitlich. Manche Länder zählen seit Langem zu den "
                    "Innovationsführern Europas, andere holen schnell auf. Das ist ein Vorteil: "
                    "Jede Seite hat etwas, das der anderen fehlt, aber Werkzeuge lassen sich "
                    "selten ohne Anpassung übertragen.</p>"
                ),
                tip(
                    "Mit einer Frage beginnen, nicht mit einem Projekt",
                    "<p>Bevor Sie nach Fördermitteln suchen, schreiben Sie eine Frage auf, bei "
                    "der Ihnen ein Partner im Ausland helfen könnte. Das erste Gespräch wird "
                    "dadurch viel leichter.</p>",
                ),
                reflection(
                    "Welcher Markt, welche Fähigkeit oder welche Idee außerhalb Ihres Landes "
                    "würde Ihre Arbeit in den nächsten zwei Jahren am meisten voranbringen?",
                    "Schreiben Sie drei Sätze auf und heben Sie sie auf: Sie brauchen sie in den "
                    "nächsten Lektionen.",
                ),
            ],
        },
        {
            "title": "Partner finden und auswählen",
            "slug": "partner-finden-und-auswaehlen",
            "summary": "Wie man erfasst, wer in der Region was macht, und Partner wählt, mit denen man arbeiten kann.",
            "body": [
                heading("Erst kartieren, dann zusammenbringen"),
                text(
                    "<p>Gute Partnerschaften entstehen selten aus einer einzigen glücklichen "
                    "Begegnung. Netzwerke wie die CCI Contact Desks führen eine Karte ihrer "
                    "Mitglieder, der Teilbranchen, in denen sie arbeiten, und ihrer Stärken, und "
                    "nutzen sie für das Matchmaking.</p>"
                    "<ul><li>Listen Sie die Organisationen im Ausland auf, die Sie schon kennen.</li>"
                    "<li>Notieren Sie Teilbranche, Kompetenzen und Ihre Ansprechperson.</li>"
                    "<li>Markieren Sie die Lücken: Welche Fähigkeit oder welches Land fehlt?</li></ul>"
                ),
                case_study(
                    "cci-contact-desk-network-meeting-2024",
                    "Wie ein Netzwerk seine Mitglieder in Verbindung halten und Partner finden will.",
                ),
                example(
                    "Eine Verbindung, die funktioniert hat",
                    "<p>Ein kleines Animationsstudio brauchte Sounddesign. Über ein "
                    "Netzwerktreffen fand es eine Musikschule im Ausland, deren Studierende echte "
                    "Projekte suchten. Beide Seiten bekamen, was ihnen fehlte.</p>",
                ),
                heading("Fragen an einen möglichen Partner", "h3"),
                text(
                    "<ul><li>Was möchten Sie aus dieser Zusammenarbeit mitnehmen?</li>"
                    "<li>Wie viel Zeit können Sie ihr im Monat wirklich geben?</li>"
                    "<li>Wer entscheidet in Ihrer Organisation, und wie schnell?</li></ul>"
                ),
                reflection(
                    "Zeichnen Sie eine einfache Karte mit fünf Organisationen im Ausland, die mit "
                    "Ihnen arbeiten könnten. Was bringt jede von ihnen mit?",
                ),
            ],
        },
        {
            "title": "Ein gemeinsames Projekt führen",
            "slug": "ein-gemeinsames-projekt-fuehren",
            "summary": "Rollen, Sprache, Geld und Treffen: was ein grenzüberschreitendes Projekt auf Kurs hält.",
            "body": [
                heading("Die Grundlagen früh vereinbaren"),
                text(
                    "<p>Die meisten Schwierigkeiten in gemeinsamen Projekten betreffen nicht die "
                    "Ideen, sondern die Erwartungen. Vereinbaren Sie zu Beginn, wer leitet, wer "
                    "was bezahlt, in welcher Sprache Sie arbeiten und wie oft Sie sich treffen.</p>"
                    "<p>Halten Sie es auf einer Seite fest, die alle Partner unterschreiben. Das "
                    "spart Ihnen später Wochen.</p>"
                ),
                warning(
                    "Budgets werden unterschiedlich gelesen",
                    "<p>Partner aus verschiedenen Ländern rechnen Personalzeit, Reisen und "
                    "Gemeinkosten oft unterschiedlich. Vergleichen Sie Ihre Zahlen Zeile für "
                    "Zeile, bevor Sie ein gemeinsames Budget einreichen.</p>",
                ),
                case_study(
                    "south-baltic-creative-clusters",
                    "Fünf Partner in kleinen und mittelgroßen Orten teilten eine Plattform und eine Strategie.",
                ),
                quote(
                    "Beim Forum wurde das Projekt greifbar: Menschen aus den vier Orten saßen "
                    "endlich an einem Tisch.",
                    "Ein Projektpartner",
                ),
                tip(
                    "Sich mindestens einmal persönlich treffen",
                    "<p>Online-Treffen halten ein Projekt in Gang, aber Vertrauen wächst "
                    "schneller, wenn die Partner einander mindestens einmal vor Ort besucht "
                    "haben.</p>",
                ),
                reflection(
                    "Welche der Grundlagen (Leitung, Geld, Sprache, Treffen) wäre mit den "
                    "Partnern auf Ihrer Karte am schwersten zu vereinbaren? Warum?",
                ),
            ],
        },
        {
            "title": "Ergebnisse dauerhaft sichern",
            "slug": "ergebnisse-dauerhaft-sichern",
            "summary": "Wie man das Gelernte teilt und ein Netzwerk nach dem Ende der Förderung weiterführt.",
            "body": [
                heading("Aufschreiben, während es passiert"),
                text(
                    "<p>Projekte enden, Menschen wechseln die Stelle, und was eine Partnerschaft "
                    "gelernt hat, geht leicht verloren. Creative Ports plante von Anfang an, "
                    "seine Workshops in Lernmodule zu verwandeln, die alle nutzen können, so wie "
                    "dieses.</p>"
                ),
                case_study(
                    "creative-ports",
                    "Vierzehn Partner machten aus ihren Tests gemeinsame Formate.",
                ),
                heading("Das Netzwerk sichtbar halten", "h3"),
                text(
                    "<p>Ein gemeinsamer Veranstaltungskalender und gemeinsame Social-Media-Kanäle "
                    "kosten wenig und halten die Partner im Blick. Wechselnde Gastgeber für jedes "
                    "Treffen verteilen die Arbeit, und alle lernen einen anderen Ort kennen.</p>"
                    "<p>Planen Sie den nächsten Förderantrag, bevor das laufende Projekt endet.</p>"
                ),
                quiz(
                    "Prüfen Sie Ihr Verständnis",
                    [
                        question(
                            "Welche Organisation leitete das Konsortium von Creative Ports?",
                            [
                                answer(
                                    "Das Goethe-Institut",
                                    True,
                                    "Richtig: Es leitete 14 Partner aus 8 Ländern.",
                                ),
                                answer(
                                    "Media Evolution City Malmö",
                                    False,
                                    "Sie war Partnerin, aber nicht federführend.",
                                ),
                                answer(
                                    "Die Stadt Vilnius",
                                    False,
                                    "Vilnius war einer der Partner.",
                                ),
                            ],
                            explanation="Das Goethe-Institut leitete ein Konsortium aus 14 Partnern aus 8 Ländern.",
                        ),
                        question(
                            "Wie verbanden die Partner von South Baltic Creative Clusters ihre lokalen Netzwerke?",
                            [
                                answer(
                                    "Mit einer gemeinsamen Kommunikationsplattform",
                                    True,
                                    "Ja, mit einer gemeinsamen Plattform.",
                                ),
                                answer(
                                    "Mit jährlichen Foren",
                                    True,
                                    "Ja, die Foren brachten die Orte zusammen.",
                                ),
                                answer(
                                    "Mit einem gemeinsamen Bankkonto",
                                    False,
                                    "Nein, jeder Partner behielt sein eigenes Budget.",
                                ),
                            ],
                            kind="multiple",
                            explanation=(
                                "Sie nutzten eine gemeinsame Plattform, jährliche Foren und "
                                "eine gemeinsame Förderung der Branche."
                            ),
                        ),
                        question(
                            "Was ist ein guter erster Schritt bei der Suche nach Partnern im Ausland?",
                            [
                                answer(
                                    "Erfassen, wer was macht und welche Kompetenzen hat",
                                    True,
                                    "Richtig: Eine Karte erleichtert das Matchmaking sehr.",
                                ),
                                answer(
                                    "Den Förderantrag schreiben",
                                    False,
                                    "Das kommt später, gemeinsam mit den Partnern.",
                                ),
                                answer(
                                    "Warten, bis sich jemand meldet",
                                    False,
                                    "Partnerschaften brauchen einen ersten Schritt.",
                                ),
                            ],
                            explanation="Partner und ihre Kompetenzen zu erfassen kommt vor dem Matchmaking.",
                        ),
                    ],
                ),
                reflection(
                    "Was werden Sie im nächsten Monat tun, um eine Partnerschaft über eine Grenze "
                    "hinweg zu beginnen oder zu stärken?",
                    "Schauen Sie sich die drei Sätze an, die Sie in der ersten Lektion geschrieben haben.",
                ),
            ],
        },
    ],
}
