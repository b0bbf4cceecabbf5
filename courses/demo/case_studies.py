"""Best-practice case studies of the partner projects, written for Harbour."""

import datetime
from decimal import Decimal

CASE_STUDIES = [
    {
        "slug": "creative-ports",
        "title": "Creative Ports: taking creative businesses across the Baltic Sea",
        "summary": (
            "Fourteen partners from eight countries, led by the Goethe-Institut, tried out ways "
            "to help creative businesses work internationally, and turned them into formats others "
            "can reuse."
        ),
        "project_name": "Creative Ports (Interreg Baltic Sea Region)",
        "project_start": datetime.date(2019, 1, 1),
        "project_end": datetime.date(2021, 12, 31),
        "budget": None,
        "partners": [
            "goethe-institut",
            "city-of-vilnius",
            "creative-estonia",
            "danish-cultural-institute",
            "european-russian-innopartnership",
            "filmby-aarhus",
            "hamburg-kreativ-gesellschaft",
            "westpomeranian-marshals-office",
            "media-dizajn",
            "media-evolution-city",
            "ars-baltica",
            "xamk",
            "taltech",
            "tallinn-business-incubators",
        ],
        "countries": ["DE", "LT", "EE", "DK", "RU", "PL", "SE", "FI"],
        "subsectors": ["design", "film-audiovisual", "music", "games", "performing-arts"],
        "challenge": (
            "<p>Most creative companies around the Baltic Sea are small. They rarely have the time "
            "or the contacts to sell abroad, and support for going international was scattered "
            "across cities and countries that seldom compared notes.</p>"
            "<p>The region is also uneven: some countries were counted among Europe's innovation "
            "leaders, others among the moderate innovators. A tool that works in Hamburg or Malmö "
            "cannot simply be copied to Vilnius or Szczecin.</p>"
        ),
        "approach": (
            "<p>The partners met in workshops and seminars between 2019 and 2021. Each brought a "
            "tool it already used to help creative businesses go abroad, and the group tested it in "
            "a setting with participants from several countries.</p>"
            "<p>What worked was turned into joint training and networking formats, so that the "
            "partners could run them together rather than each on its own.</p>"
        ),
        "results": (
            "<p>The project aimed at a lasting space for cooperation on non-technological "
            "innovation across the macro-region, rather than a one-off exchange.</p>"
            "<p>Its results were written up as learning modules on an open platform, so that "
            "organisations outside the partnership can run the same activities themselves.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Test a tool in another country before calling it transferable.</li>"
            "<li>Joint formats last longer than bilateral visits.</li>"
            "<li>Write down what you learned while the project is still running.</li></ul>"
        ),
    },
    {
        "slug": "south-baltic-creative-clusters",
        "title": "South Baltic Creative Clusters: small towns, shared strategy",
        "summary": (
            "Partners in Szczecin, Rostock, Rietavas, Elbląg and Karlshamn linked local creative "
            "networks across the South Baltic and tested two ideas for making the sector count."
        ),
        "project_name": "South Baltic Creative Clusters (Interreg South Baltic)",
        "project_start": datetime.date(2019, 7, 1),
        "project_end": datetime.date(2021, 6, 30),
        "budget": Decimal("264145.00"),
        "partners": [
            "media-dizajn",
            "rostock-urban-development",
            "rietavas-tourism-business-centre",
            "rietavas-women-employment-centre",
            "euroregion-baltic-communes",
            "kreativum",
        ],
        "countries": ["PL", "DE", "LT", "SE"],
        "subsectors": ["design", "crafts", "cultural-heritage"],
        "challenge": (
            "<p>Creative work does not only happen in capitals. In towns, medium-sized cities and "
            "rural areas along the South Baltic coast, creative actors were often isolated, and "
            "other sectors rarely thought of them as partners.</p>"
        ),
        "approach": (
            "<p>Between 1 July 2019 and 30 June 2021 the partners connected the local networks of "
            "four locations through a joint communication platform, yearly forums and shared "
            "promotion of the sector.</p>"
            "<p>They tested two ideas: creative professionals acting as consultants for businesses "
            "in other sectors, and a common ten-year development strategy for the chosen "
            "locations.</p>"
        ),
        "results": (
            "<p>The project was funded as capacity building (intervention category 120) with a "
            "total eligible budget of EUR 264,145.00. Its strongest result was a set of working "
            "relationships between places that had not cooperated before.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Give small places a shared platform instead of asking each to build its own.</li>"
            "<li>Creative consultancy for other sectors needs a clear, local offer.</li>"
            "<li>A ten-year strategy keeps the network together after the funding ends.</li></ul>"
        ),
    },
    {
        "slug": "cci-contact-desk-network-meeting-2024",
        "title": "CCI Contact Desk: what a network needs to keep going",
        "summary": (
            "At their meeting on 16–17 January 2024 the CCI Contact Desks agreed how to stay "
            "connected, learn from each other, be visible and keep their network funded."
        ),
        "project_name": "CCI Contact Desk network meeting",
        "project_start": datetime.date(2024, 1, 16),
        "project_end": datetime.date(2024, 1, 17),
        "budget": None,
        "partners": [],
        "countries": ["DE", "DK", "SE", "FI", "EE", "LV", "LT", "PL"],
        "subsectors": ["design", "music", "games", "crafts"],
        "challenge": (
            "<p>A network of contact desks is only as useful as the contacts it keeps alive. "
            "Between meetings, people drift apart, and newcomers cannot see who in the region "
            "does what.</p>"
        ),
        "approach": (
            "<p>The network chose four aims. To stay connected, it will repeat its meetings in "
            "person with rotating hosts and use match-making to form project partnerships, "
            "starting from a map of partners and their competencies.</p>"
            "<p>To learn together, it will rotate focus countries that present their needs and "
            "the state of their creative sector, organise study visits, map the subsectors where "
            "partners are active, and mentor artists and entrepreneurs together with universities.</p>"
        ),
        "results": (
            "<p>To be visible, partners will share social media channels and an event calendar "
            "that each of them fills in. To be sustainable, they will apply for EU funding for "
            "the Contact Desk itself.</p>"
        ),
        "lessons_learned": (
            "<ul><li>Decide who hosts the next meeting before the current one ends.</li>"
            "<li>A shared map of competencies is the quickest way to find a partner.</li>"
            "<li>Plan the funding of the network, not only of its projects.</li></ul>"
        ),
    },
]
