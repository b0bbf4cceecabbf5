CASE_STUDIES = {
    "creative-ports": {
        "title": "Creative Ports: kūrybiniai verslai per Baltijos jūrą",
        "slug": "creative-ports",
        "summary": (
            "Keturiolika partnerių iš aštuonių šalių, vadovaujami Goethe's instituto, išbandė "
            "būdus padėti kūrybiniams verslams dirbti tarptautiniu mastu ir pavertė juos "
            "formatais, kuriuos gali perimti kiti."
        ),
        "project_name": "Creative Ports (Interreg Baltijos jūros regionas)",
        "challenge": (
            "<p>Dauguma kūrybinių įmonių aplink Baltijos jūrą yra nedidelės. Joms retai užtenka "
            "laiko ir ryšių parduoti užsienyje, o pagalba tarptautiškėjant buvo išsklaidyta po "
            "miestus ir šalis, kurios retai dalijosi patirtimi.</p>"
            "<p>Be to, regionas nevienodas: kai kurios šalys buvo laikomos Europos inovacijų "
            "lyderėmis, kitos – vidutinėmis inovatorėmis. Priemonės, kuri veikia Hamburge ar "
            "Malmėje, negalima tiesiog perkelti į Vilnių ar Ščeciną.</p>"
        ),
        "approach": (
            "<p>2019–2021 metais partneriai rinkosi į seminarus ir dirbtuves. Kiekvienas atsivežė "
            "priemonę, kuria jau padėjo kūrybinėms įmonėms išeiti į užsienį, o grupė ją "
            "išbandė su dalyviais iš kelių šalių.</p>"
            "<p>Tai, kas pasiteisino, tapo bendrais mokymų ir tinklaveikos formatais, kuriuos "
            "partneriai gali vykdyti kartu, o ne kiekvienas atskirai.</p>"
        ),
        "results": (
            "<p>Projekto tikslas buvo ilgalaikė netechnologinių inovacijų bendradarbiavimo "
            "erdvė visame makroregione, o ne vienkartiniai mainai.</p>"
            "<p>Rezultatai aprašyti kaip mokymosi moduliai atviroje platformoje, kad ir už "
            "partnerystės ribų esančios organizacijos galėtų pačios vykdyti šias veiklas.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Išbandykite priemonę kitoje šalyje prieš vadindami ją perkeliama.</li>"
            "<li>Bendri formatai išlieka ilgiau nei dvišaliai vizitai.</li>"
            "<li>Užrašykite pamokas, kol projektas dar vyksta.</li></ul>"
        ),
    },
    "south-baltic-creative-clusters": {
        "title": "South Baltic Creative Clusters: mažos vietovės, bendra strategija",
        "slug": "south-baltic-creative-clusters",
        "summary": (
            "Partneriai Ščecine, Rostoke, Rietave, Elblonge ir Karlshamne sujungė Pietų Baltijos "
            "vietos kūrybinius tinklus ir išbandė dvi idėjas, kaip sustiprinti sektorių."
        ),
        "project_name": "South Baltic Creative Clusters (Interreg Pietų Baltija)",
        "challenge": (
            "<p>Kūryba vyksta ne tik sostinėse. Miesteliuose, vidutiniuose miestuose ir kaimo "
            "vietovėse pietinėje Baltijos pakrantėje kūrėjai dažnai buvo izoliuoti, o kiti "
            "sektoriai retai juos laikė partneriais.</p>"
        ),
        "approach": (
            "<p>Nuo 2019 m. liepos 1 d. iki 2021 m. birželio 30 d. partneriai sujungė keturių "
            "vietovių vietos tinklus per bendrą komunikacijos platformą, kasmetinius forumus ir "
            "bendrą sektoriaus populiarinimą.</p>"
            "<p>Jie išbandė dvi idėjas: kūrėjus kaip konsultantus kitų sektorių įmonėms ir bendrą "
            "dešimties metų pasirinktų vietovių plėtros strategiją.</p>"
        ),
        "results": (
            "<p>Projektas finansuotas kaip gebėjimų stiprinimas (intervencijos kategorija 120), "
            "bendras tinkamas finansuoti biudžetas – 264 145,00 EUR. Svarbiausias jo rezultatas – "
            "darbiniai ryšiai tarp vietovių, kurios anksčiau nebendradarbiavo.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Suteikite mažoms vietovėms bendrą platformą, užuot liepę kiekvienai kurti savo.</li>"
            "<li>Kūrybinėms konsultacijoms kitiems sektoriams reikia aiškaus vietos pasiūlymo.</li>"
            "<li>Dešimties metų strategija išlaiko tinklą ir pasibaigus finansavimui.</li></ul>"
        ),
    },
    "cci-contact-desk-network-meeting-2024": {
        "title": "CCI Contact Desk: ko reikia, kad tinklas gyvuotų",
        "slug": "cci-contact-desk-tinklo-susitikimas-2024",
        "summary": (
            "2024 m. sausio 16–17 d. susitikime CCI Contact Desk centrai sutarė, kaip palaikyti "
            "ryšius, mokytis vieni iš kitų, būti matomiems ir užtikrinti tinklo finansavimą."
        ),
        "project_name": "CCI Contact Desk tinklo susitikimas",
        "challenge": (
            "<p>Kontaktinių centrų tinklas naudingas tiek, kiek gyvų ryšių jis palaiko. Tarp "
            "susitikimų žmonės nutolsta, o naujokai nemato, kas regione ką veikia.</p>"
        ),
        "approach": (
            "<p>Tinklas išsikėlė keturis tikslus. Kad išlaikytų ryšius, jis ir toliau rengs "
            "gyvus susitikimus su besikeičiančiais šeimininkais ir padės sudaryti projektų "
            "partnerystes, pradėdamas nuo partnerių ir jų kompetencijų žemėlapio.</p>"
            "<p>Kad mokytųsi kartu, jis rotuos šalis, kurios pristatys savo poreikius ir "
            "kūrybinio sektoriaus būklę, rengs pažintinius vizitus, sudarys posektorių, kuriuose "
            "veikia partneriai, žemėlapį ir kartu su universitetais teiks mentorystę menininkams "
            "ir verslininkams.</p>"
        ),
        "results": (
            "<p>Kad būtų matomi, partneriai dalysis socialinių tinklų kanalais ir renginių "
            "kalendoriumi, kurį pildo visi. Kad veikla būtų tvari, jie teiks paraiškas ES "
            "finansavimui pačiam Contact Desk.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Nuspręskite, kas rengs kitą susitikimą, dar nepasibaigus dabartiniam.</li>"
            "<li>Bendras kompetencijų žemėlapis – greičiausias kelias į partnerystę.</li>"
            "<li>Planuokite tinklo, o ne tik jo projektų finansavimą.</li></ul>"
        ),
    },
}
