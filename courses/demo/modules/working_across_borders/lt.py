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
    "title": "Darbas be sienų: bendradarbiavimas kūrybiniams verslams",
    "slug": "darbas-be-sienu",
    "summary": (
        "Pirmasis modulis dizaineriams, muzikantams, žaidimų studijoms, amatininkams ir juos "
        "remiantiems žmonėms: kodėl verta bendradarbiauti aplink Baltijos jūrą, kaip rasti "
        "partnerių, kaip vykdyti bendrą projektą ir kaip išsaugoti jo rezultatus."
    ),
    "introduction": (
        "<p>Kūrybiniai verslai aplink Baltijos jūrą dažniausiai yra nedideli, kaip ir jų vidaus "
        "rinkos. Darbas su partneriais kitose šalyse atveria naujas auditorijas, įgūdžius ir "
        "finansavimą, tačiau reikalauja laiko, pasitikėjimo ir kelių įpročių, kurių galima "
        "išmokti.</p>"
        "<p>Modulis remiasi tuo, ką praktikoje sužinojo projektai Creative Ports ir South Baltic "
        "Creative Clusters bei CCI Contact Desk tinklas.</p>"
    ),
    "outcomes": [
        "Paaiškinti, ką kūrybinis verslas laimi bendradarbiaudamas per sienas.",
        "Sudaryti galimų partnerių ir jų kompetencijų žemėlapį ir iš jų pasirinkti.",
        "Suplanuoti nedidelį bendrą projektą su aiškiais vaidmenimis, bendra kalba ir biudžetu.",
        "Išlaikyti rezultatus ir tinklą gyvus pasibaigus projektui.",
    ],
    "lessons": [
        {
            "title": "Kodėl verta bendradarbiauti per sienas?",
            "slug": "kodel-verta-bendradarbiauti",
            "summary": "Ką kūrybiniai verslai laimi dirbdami su partneriais užsienyje ir ko tai kainuoja.",
            "body": [
                heading("Mažos rinkos, didelė kaimynystė"),
                text(
                    "<p>Dizaino studija Tartu ar muzikos leidykla Rostoke savo šalyje gali augti "
                    "tik iki tam tikros ribos. Aplink Baltijos jūrą gyvena daugiau nei "
                    "penkiasdešimt milijonų žmonių, čia vyksta festivaliai ir mugės, veikia "
                    "įmonės, ieškančios būtent tokių įgūdžių, kokius turi mažos kūrybinės "
                    "įmonės.</p>"
                    "<p>Bendradarbiavimas nėra vien eksportas. Partneriai užsienyje atneša dar "
                    "nežinomų metodų, atveria kelią į finansavimo programas, kurioms reikia kelių "
                    "šalių, ir pasiūlo antrą nuomonę apie jūsų idėjas.</p>"
                ),
                quote(
                    "Mums nereikėjo dar vieno vadovo. Mums reikėjo pamatyti, kaip tai iš tiesų "
                    "daro kaimynai, ir išbandyti tai kartu su jais.",
                    "Seminaro dalyvė",
                ),
                heading("Skirtingi atspirties taškai", "h3"),
                text(
                    "<p>Regionas nėra vienodas. Kai kurios šalys jau seniai priskiriamos Europos "
                    "inovacijų lyderėms, kitos sparčiai jas vejasi. Tai privalumas: kiekviena "
                    "pusė turi tai, ko trūksta kitai, tačiau priemonės retai tinka be "
                    "pakeitimų.</p>"
                ),
                tip(
                    "Pradėkite nuo klausimo, o ne nuo projekto",
                    "<p>Prieš ieškodami finansavimo, užsirašykite vieną klausimą, į kurį atsakyti "
                    "jums galėtų padėti partneris užsienyje. Pirmasis pokalbis taps daug "
                    "lengvesnis.</p>",
                ),
                reflection(
                    "Kuri rinka, įgūdis ar idėja už jūsų šalies ribų per artimiausius dvejus "
                    "metus labiausiai pakeistų jūsų darbą?",
                    "Parašykite tris sakinius ir juos išsaugokite: jų prireiks kitose pamokose.",
                ),
            ],
        },
        {
            "title": "Kaip rasti ir pasirinkti partnerius",
            "slug": "kaip-rasti-ir-pasirinkti-partnerius",
            "summary": "Kaip išsiaiškinti, kas ką veikia regione, ir pasirinkti partnerius, su kuriais galima dirbti.",
            "body": [
                heading("Pirmiausia žemėlapis, tada poros"),
                text(
                    "<p>Geros partnerystės retai gimsta iš vieno laimingo susitikimo. Tokie "
                    "tinklai kaip CCI Contact Desk turi savo narių, jų veiklos posektorių ir "
                    "stipriųjų pusių žemėlapį ir naudoja jį partneriams suvesti.</p>"
                    "<ul><li>Surašykite užsienio organizacijas, kurias jau pažįstate.</li>"
                    "<li>Pasižymėkite jų posektorių, kompetencijas ir pažįstamą asmenį.</li>"
                    "<li>Pažymėkite spragas: kokio įgūdžio ar kurios šalies trūksta?</li></ul>"
                ),
                case_study(
                    "cci-contact-desk-network-meeting-2024",
                    "Kaip tinklas ketina palaikyti narių ryšius ir padėti rasti partnerių.",
                ),
                example(
                    "Pavykusi pažintis",
                    "<p>Nedidelei animacijos studijai reikėjo garso dizaino. Tinklo susitikime ji "
                    "rado užsienio muzikos mokyklą, kurios studentai ieškojo tikrų projektų. Abi "
                    "pusės gavo tai, ko joms trūko.</p>",
                ),
                heading("Klausimai galimam partneriui", "h3"),
                text(
                    "<ul><li>Ką norite gauti iš šio bendradarbiavimo?</li>"
                    "<li>Kiek laiko per mėnesį tikrai galite jam skirti?</li>"
                    "<li>Kas jūsų organizacijoje priima sprendimus ir kaip greitai?</li></ul>"
                ),
                reflection(
                    "Nubraižykite paprastą penkių užsienio organizacijų, kurios galėtų su jumis "
                    "dirbti, žemėlapį. Ką kiekviena iš jų atneštų?",
                ),
            ],
        },
        {
            "title": "Bendro projekto vykdymas",
            "slug": "bendro-projekto-vykdymas",
            "summary": "Vaidmenys, kalba, pinigai ir susitikimai: kas padeda tarpvalstybiniam projektui nenuklysti.",
            "body": [
                heading("Susitarkite dėl pagrindų iš anksto"),
                text(
                    "<p>Dauguma bendrų projektų sunkumų kyla ne dėl idėjų, o dėl lūkesčių. Pačioje "
                    "pradžioje susitarkite, kas vadovauja, kas už ką moka, kokia kalba dirbate ir "
                    "kaip dažnai susitinkate.</p>"
                    "<p>Užrašykite tai viename puslapyje, kurį pasirašo visi partneriai. Vėliau "
                    "tai sutaupys jums savaičių.</p>"
                ),
                warning(
                    "Biudžetai suprantami skirtingai",
                    "<p>Skirtingų šalių partneriai gali skirtingai skaičiuoti darbo laiką, "
                    "keliones ir pridėtines išlaidas. Prieš teikdami bendrą biudžetą, palyginkite "
                    "skaičius eilutė po eilutės.</p>",
                ),
                case_study(
                    "south-baltic-creative-clusters",
                    "Penki partneriai mažose ir vidutinėse vietovėse dalijosi viena platforma ir viena strategija.",
                ),
                quote(
                    "Forume projektas tapo tikras: žmonės iš keturių vietovių pagaliau susėdo prie "
                    "vieno stalo.",
                    "Projekto partneris",
                ),
                tip(
                    "Bent kartą susitikite gyvai",
                    "<p>Nuotoliniai susitikimai palaiko projektą, tačiau pasitikėjimas auga "
                    "greičiau, kai partneriai bent kartą aplanko vieni kitų vietas.</p>",
                ),
                reflection(
                    "Dėl kurio pagrindo (vadovavimo, pinigų, kalbos, susitikimų) būtų sunkiausia "
                    "susitarti su partneriais iš jūsų žemėlapio? Kodėl?",
                ),
            ],
        },
        {
            "title": "Kaip išsaugoti rezultatus",
            "slug": "kaip-issaugoti-rezultatus",
            "summary": "Kaip pasidalyti tuo, ką išmokote, ir išlaikyti tinklą pasibaigus finansavimui.",
            "body": [
                heading("Užrašykite, kol tai vyksta"),
                text(
                    "<p>Projektai baigiasi, žmonės keičia darbus, o tai, ką išmoko partnerystė, "
                    "lengvai pasimiršta. Creative Ports nuo pat pradžių planavo savo seminarus "
                    "paversti mokymosi moduliais, kuriais gali naudotis kiekvienas, kaip šis.</p>"
                ),
                case_study(
                    "creative-ports",
                    "Keturiolika partnerių savo bandymus pavertė bendrais formatais.",
                ),
                heading("Palaikykite tinklo matomumą", "h3"),
                text(
                    "<p>Bendras renginių kalendorius ir bendri socialinių tinklų kanalai kainuoja "
                    "nedaug, o partneriai neišleidžia vieni kitų iš akių. Kiekvieną kartą vis "
                    "kitas susitikimo šeimininkas paskirsto darbą, o visi pamato naują vietą.</p>"
                    "<p>Kitą paraišką finansavimui suplanuokite dar nepasibaigus dabartiniam "
                    "projektui.</p>"
                ),
                quiz(
                    "Pasitikrinkite žinias",
                    [
                        question(
                            "Kuri organizacija vadovavo Creative Ports konsorciumui?",
                            [
                                answer(
                                    "Goethe's institutas",
                                    True,
                                    "Teisingai: jis vadovavo 14 partnerių iš 8 šalių.",
                                ),
                                answer(
                                    "Media Evolution City Malmö",
                                    False,
                                    "Ji buvo partnerė, bet ne vadovaujanti.",
                                ),
                                answer(
                                    "Vilniaus miestas",
                                    False,
                                    "Vilnius buvo vienas iš partnerių.",
                                ),
                            ],
                            explanation="Goethe's institutas vadovavo 14 partnerių iš 8 šalių konsorciumui.",
                        ),
                        question(
                            "Kaip South Baltic Creative Clusters partneriai sujungė savo vietos tinklus?",
                            [
                                answer(
                                    "Bendra komunikacijos platforma",
                                    True,
                                    "Taip, viena bendra platforma.",
                                ),
                                answer(
                                    "Kasmetiniais forumais",
                                    True,
                                    "Taip, forumai suartino vietoves.",
                                ),
                                answer(
                                    "Bendra banko sąskaita",
                                    False,
                                    "Ne, kiekvienas partneris turėjo savo biudžetą.",
                                ),
                            ],
                            kind="multiple",
                            explanation=(
                                "Jie naudojo bendrą platformą, kasmetinius forumus ir bendrą "
                                "sektoriaus populiarinimą."
                            ),
                        ),
                        question(
                            "Koks yra geras pirmas žingsnis ieškant partnerių užsienyje?",
                            [
                                answer(
                                    "Išsiaiškinti, kas ką veikia ir kokias kompetencijas turi",
                                    True,
                                    "Teisingai: žemėlapis labai palengvina partnerių paiešką.",
                                ),
                                answer(
                                    "Parašyti paraišką finansavimui",
                                    False,
                                    "Tai ateina vėliau, kartu su partneriais.",
                                ),
                                answer(
                                    "Laukti, kol kas nors susisieks",
                                    False,
                                    "Partnerystei reikia pirmo žingsnio.",
                                ),
                            ],
                            explanation="Partnerių ir jų kompetencijų žemėlapis sudaromas prieš ieškant porų.",
                        ),
                    ],
                ),
                reflection(
                    "Ką padarysite per artimiausią mėnesį, kad pradėtumėte ar sustiprintumėte "
                    "partnerystę per sieną?",
                    "Peržiūrėkite tris sakinius, kuriuos parašėte pirmojoje pamokoje.",
                ),
            ],
        },
    ],
}
